/**
 * The tags build-image puts on what it creates: the resources' bookkeeping, read back by the
 * reconcilers (content hash), the lifecycle policy and the roles' conditions (project), and
 * people reading the console (commit, repository, run). The scan gate's verdict tags are
 * scan/mark-image.ts's.
 */
export const HASH_TAG = 'imagebuilder-gitops:content-hash';
export const COMMIT_TAG = 'imagebuilder-gitops:commit';
export const REPOSITORY_TAG = 'imagebuilder-gitops:repository';
export const RUN_TAG = 'imagebuilder-gitops:run-id';
/**
 * On everything build-image creates, and on each build's image: the deploy role
 * (stacks/github-oidc.yml) may create and start only resources with this tag, and the lifecycle
 * policy (stacks/image-builder.yml) selects images by it.
 */
export const PROJECT_TAG = 'imagebuilder-gitops:project';
