/**
 * Whether a job obtains AWS credentials, so that its `id-token: write` is needed: a step that uses
 * aws-actions/configure-aws-credentials; a local action (`uses: ./path`) whose action.yml is a
 * composite action with such a step (followed up to 3 levels); or a script that requests the OIDC
 * token itself (`ACTIONS_ID_TOKEN_REQUEST_URL`, `aws sts assume-role-with-web-identity`).
 * Source: GitHub's "Configuring OpenID Connect in Amazon Web Services" (the id-token permission is
 * what lets a job request the token that configure-aws-credentials exchanges for credentials).
 */
import { parseDocument } from 'yaml';
import { isMap, isScalar, isSeq, valueOf, type YAMLMap } from '../yaml/source.js';

/** Reads a repository file (relative path); undefined when it does not exist. */
export type ReadRepoFile = (path: string) => string | undefined;

const CONFIGURE = /(^|\/)configure-aws-credentials(@|$)/;
const SCRIPT = /ACTIONS_ID_TOKEN_REQUEST_URL|assume-role-with-web-identity|getIDToken\(/;

function stepObtainsCredentials(
  step: unknown,
  read: ReadRepoFile | undefined,
  depth: number,
): boolean {
  if (!isMap(step)) return false;
  const uses = valueOf(step, 'uses');
  const u = isScalar(uses) ? String(uses.value ?? '') : '';
  if (CONFIGURE.test(u.split('@')[0] ?? '') || CONFIGURE.test(u)) return true;
  const run = valueOf(step, 'run');
  if (isScalar(run) && SCRIPT.test(String(run.value ?? ''))) return true;
  const script = isMap(valueOf(step, 'with'))
    ? valueOf(valueOf(step, 'with') as YAMLMap, 'script')
    : undefined;
  if (
    /actions\/github-script@/.test(u) &&
    isScalar(script) &&
    SCRIPT.test(String(script.value ?? ''))
  )
    return true;
  if (u.startsWith('./') && read && depth < 3) return localActionObtains(u, read, depth + 1);
  return false;
}

function localActionObtains(uses: string, read: ReadRepoFile, depth: number): boolean {
  const dir = uses.replace(/^\.\//, '').replace(/\/$/, '');
  const text = read(`${dir}/action.yml`) ?? read(`${dir}/action.yaml`);
  if (text === undefined) return false;
  const root = parseDocument(text, { prettyErrors: false }).contents;
  if (!isMap(root)) return false;
  const runs = valueOf(root, 'runs');
  const steps = isMap(runs) ? valueOf(runs, 'steps') : undefined;
  return isSeq(steps) && steps.items.some((s) => stepObtainsCredentials(s, read, depth));
}

export function jobObtainsAwsCredentials(job: YAMLMap, read?: ReadRepoFile): boolean {
  const steps = valueOf(job, 'steps');
  return isSeq(steps) && steps.items.some((s) => stepObtainsCredentials(s, read, 0));
}
