/** What every reconcile step needs: the client, where we build, and who asked (commit, repository). */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { CallContext } from './aws-call.js';
import type { AwsLocation } from './arns.js';
import { COMMIT_TAG, HASH_TAG, REPOSITORY_TAG, PROJECT_TAG } from './tags.js';

export interface ReconcileContext extends CallContext {
  client: ImagebuilderClient;
  location: AwsLocation;
  /** Full commit sha. */
  commit: string;
  /** The commit message (first line used); optional. */
  commitMessage?: string;
  /** `owner/name`. */
  repository: string;
  /** The stacks' ProjectName: the value of PROJECT_TAG on every resource we create. */
  project: string;
}

export type Outcome = 'created' | 'reused';

/** `<short sha> <first line of message>`, at most 1024 characters (Image Builder's limit). */
export function changeDescription(commit: string, message?: string): string {
  const first = (message ?? '').split(/\r?\n/)[0]?.trim() ?? '';
  const text = `${commit.slice(0, 7)}${first ? ` ${first}` : ''}`;
  return text.length > 1024 ? `${text.slice(0, 1021)}...` : text;
}

export function bookkeepingTags(ctx: ReconcileContext, hash: string): Record<string, string> {
  return {
    [HASH_TAG]: hash,
    [COMMIT_TAG]: ctx.commit,
    [REPOSITORY_TAG]: ctx.repository,
    [PROJECT_TAG]: ctx.project,
  };
}
