/**
 * The third-party actions the workflows pin, as the demo's workflow runner knows them: the release
 * each pin must name (tag, commit SHA, checked against the tag in the action's own repository),
 * the inputs that release's action.yml declares, and what the demo does instead of running it.
 * A step that gives an input the pinned release does not declare is an error here (GitHub only
 * warns "Unexpected input(s)", and the step then silently ignores it); a pin that names another
 * SHA or version is an error too, so a Dependabot bump updates this record in the same pull request.
 */

export interface PinnedAction {
  /** `owner/repo` as written before the `@`. */
  action: string;
  version: string;
  sha: string;
  /** Inputs of that release's action.yml. */
  inputs: readonly string[];
  /** What the demo does instead of running the action (printed in its log). */
  standIn: string;
}

// Each SHA is `git rev-parse <tag>^{commit}` in a snapshot of the action's repository, and each
// release's action.yml declares `runs.using: node24`.
export const PINNED_ACTIONS: readonly PinnedAction[] = [
  {
    action: 'actions/checkout',
    version: 'v7.0.1',
    sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
    inputs: [
      'repository',
      'ref',
      'token',
      'ssh-key',
      'ssh-known-hosts',
      'ssh-strict',
      'ssh-user',
      'persist-credentials',
      'path',
      'clean',
      'filter',
      'sparse-checkout',
      'sparse-checkout-cone-mode',
      'fetch-depth',
      'fetch-tags',
      'show-progress',
      'lfs',
      'submodules',
      'set-safe-directory',
      'github-server-url',
      'allow-unsafe-pr-checkout',
    ],
    standIn: 'stands in: the workspace is already the checkout',
  },
  {
    action: 'actions/setup-node',
    version: 'v7.0.0',
    sha: '820762786026740c76f36085b0efc47a31fe5020',
    inputs: [
      'node-version',
      'node-version-file',
      'architecture',
      'check-latest',
      'registry-url',
      'scope',
      'token',
      'cache',
      'package-manager-cache',
      'cache-dependency-path',
      'mirror',
      'mirror-token',
    ],
    standIn: "stands in: the runner's own node is used",
  },
  {
    action: 'aws-actions/configure-aws-credentials',
    version: 'v6.2.3',
    sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c',
    inputs: [
      'aws-region',
      'aws-profile',
      'overwrite-aws-profile',
      'role-to-assume',
      'aws-access-key-id',
      'aws-secret-access-key',
      'aws-session-token',
      'web-identity-token-file',
      'role-chaining',
      'audience',
      'http-proxy',
      'no-proxy',
      'mask-aws-account-id',
      'role-duration-seconds',
      'role-external-id',
      'role-session-name',
      'role-skip-session-tagging',
      'transitive-tag-keys',
      'inline-session-policy',
      'managed-session-policies',
      'output-credentials',
      'output-env-credentials',
      'unset-current-credentials',
      'disable-retry',
      'retry-max-attempts',
      'special-characters-workaround',
      'use-existing-credentials',
      'allowed-account-ids',
      'force-skip-oidc',
      'action-timeout-s',
      'custom-tags',
      'sts-endpoint',
    ],
    standIn:
      "stands in: the job's OIDC token from the local issuer, exchanged at the emulator's STS",
  },
];

export function pinnedAction(action: string): PinnedAction | undefined {
  return PINNED_ACTIONS.find((p) => p.action === action);
}

/** `owner/repo@ref # comment` of a `uses:` line's value (the comment from the raw line). */
export function splitUses(uses: string): { action: string; ref: string } {
  const at = uses.lastIndexOf('@');
  return at < 0
    ? { action: uses, ref: '' }
    : { action: uses.slice(0, at), ref: uses.slice(at + 1) };
}

/**
 * What is wrong with a step that uses a pinned third-party action, as messages; empty when it pins
 * the recorded SHA and passes only inputs that release declares.
 */
export function checkPinnedStep(uses: string, withKeys: readonly string[]): string[] {
  const { action, ref } = splitUses(uses);
  const pin = pinnedAction(action);
  if (!pin)
    return [
      `'${action}' is not an action the demo knows (${PINNED_ACTIONS.map((p) => p.action).join(', ')})`,
    ];
  const problems: string[] = [];
  if (ref !== pin.sha)
    problems.push(
      `${action} is pinned to '${ref}', but the demo knows ${pin.version} (${pin.sha}): update scripts/demo/third-party-actions.ts with the new release's SHA and inputs`,
    );
  const unknown = withKeys.filter((k) => !pin.inputs.includes(k));
  if (unknown.length)
    problems.push(
      `${action}@${pin.version} has no input ${unknown.map((k) => `'${k}'`).join(', ')} (its inputs: ${pin.inputs.join(', ')})`,
    );
  return problems;
}
