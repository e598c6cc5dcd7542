/**
 * Security rules for GitHub Actions workflows, after zizmor's main audits (zizmor itself is a Rust
 * binary that cannot be installed here): least-privilege permissions, pinned third-party actions, no
 * dangerous triggers, no template injection into shell, no persisted checkout credentials, and
 * reproducible installs. Each finding is positioned at the offending node.
 */
import type { Finding } from '../core/findings.js';
import {
  findingAt,
  isMap,
  isScalar,
  isSeq,
  keyName,
  pairOf,
  parseYaml,
  scalarValue,
  valueOf,
  type YAMLMap,
  type YamlSource,
} from '../yaml/source.js';

import { jobObtainsAwsCredentials, type ReadRepoFile } from './credentials.js';
import { jobTaint, taintedExpression, textOf, workflowJobOutputs, type JobTaint } from './taint.js';

const SHA = /^[0-9a-f]{40}$/;
const DANGEROUS_TRIGGERS = ['pull_request_target', 'workflow_run'];
// Expressions whose value an outsider controls, or that are inputs: never expand them in a shell.
const INJECTABLE = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)[^}]*\}\}/;

function* jobsOf(root: YAMLMap): Generator<[string, YAMLMap]> {
  const jobs = valueOf(root, 'jobs');
  if (!isMap(jobs)) return;
  for (const pair of jobs.items) if (isMap(pair.value)) yield [keyName(pair), pair.value];
}

function writesAnything(perms: unknown): boolean {
  if (isScalar(perms)) return perms.value === 'write-all';
  if (!isMap(perms)) return false;
  return perms.items.some((p) => scalarValue(p.value) === 'write');
}

function lineComment(src: YamlSource, node: unknown): string {
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) return '';
  const end = src.text.indexOf('\n', range[1]);
  return src.text.slice(range[1], end === -1 ? undefined : end);
}

export interface PolicyOptions {
  /** Reads repository files, for local actions (`uses: ./…`); without it they are not followed. */
  readFile?: ReadRepoFile;
  /**
   * `owner/name` of the repository the workflows belong to (GITHUB_REPOSITORY). Its own actions may
   * be named at an exact release tag (`owner/name/actions/x@v1.2.3`): a release commit cannot name
   * its own SHA, and its release workflow creates that tag from the commit it checked.
   */
  ownRepository?: string;
}

const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/** Reports a finding at `node` under the rule `workflow/<rule>`. */
type Report = (node: unknown, rule: string, message: string) => void;

export function workflowPolicyFindings(src: YamlSource, options: PolicyOptions = {}): Finding[] {
  const out: Finding[] = [];
  const root = src.doc.contents;
  if (!isMap(root)) return out;
  const err: Report = (node, rule, message) =>
    out.push(findingAt(src, node, 'error', `workflow/${rule}`, message));
  triggerFindings(root, err);
  permissionFindings(root, err);
  const jobOutputs = workflowJobOutputs(root);
  for (const [name, job] of jobsOf(root)) {
    const taint = jobTaint(root, job, jobOutputs);
    idTokenFinding(name, job, options, err);
    const steps = valueOf(job, 'steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const uses = String(scalarValue(valueOf(step, 'uses')) ?? '');
      pinFindings(src, step, uses, options, err);
      checkoutFinding(step, uses, err);
      scriptFindings(step, uses, { taint, jobOutputs }, err);
    }
  }
  return out;
}

function triggerFindings(root: YAMLMap, err: Report): void {
  const on = pairOf(root, 'on') ?? root.items.find((p) => scalarValue(p.key) === true);
  const triggers = on?.value;
  const names = isMap(triggers)
    ? triggers.items.map(keyName)
    : isSeq(triggers)
      ? triggers.items.map((i) => String(scalarValue(i)))
      : [String(scalarValue(triggers))];
  for (const t of names.filter((n) => DANGEROUS_TRIGGERS.includes(n))) {
    err(
      on?.key,
      'dangerous-trigger',
      `Trigger '${t}' runs with write access and secrets on code from forks; use pull_request (and a separate, reviewed workflow for anything privileged).`,
    );
  }
}

function permissionFindings(root: YAMLMap, err: Report): void {
  const topPerms = pairOf(root, 'permissions');
  if (!topPerms)
    err(
      root.items[0]?.key,
      'permissions',
      'No top-level `permissions:`: the token gets the repository default, often write-all. Add `permissions: contents: read` and grant more per job.',
    );
  else if (writesAnything(topPerms.value))
    err(
      topPerms.value,
      'permissions',
      'Top-level permissions must be read-only; grant write scopes on the jobs that need them.',
    );
}

function idTokenFinding(name: string, job: YAMLMap, options: PolicyOptions, err: Report): void {
  const perms = valueOf(job, 'permissions');
  const idToken = isMap(perms) ? pairOf(perms, 'id-token') : undefined;
  if (
    idToken &&
    scalarValue(idToken.value) === 'write' &&
    !jobObtainsAwsCredentials(job, options.readFile)
  ) {
    err(
      idToken.value,
      'id-token',
      `Job '${name}' asks for id-token: write but does not configure AWS credentials; grant it only to jobs that call AWS.`,
    );
  }
}

/** A remote action must be pinned to a full SHA with its version in a comment (own releases aside). */
function pinFindings(
  src: YamlSource,
  step: YAMLMap,
  uses: string,
  options: PolicyOptions,
  err: Report,
): void {
  if (!uses || uses.startsWith('./') || uses.startsWith('docker://')) return;
  const usesNode = valueOf(step, 'uses');
  const ref = uses.split('@')[1] ?? '';
  const own = options.ownRepository && uses.startsWith(`${options.ownRepository}/`);
  // this repository's own release (see PolicyOptions.ownRepository)
  if (own && RELEASE_TAG.test(ref)) return;
  if (!SHA.test(ref))
    err(
      usesNode,
      'unpinned-action',
      `'${uses}' is not pinned to a full commit SHA; a tag can be moved to other code. Use ${uses.split('@')[0]}@<40-hex sha> # <version>.`,
    );
  else if (!/#\s*v?\d/.test(lineComment(src, usesNode)))
    err(
      usesNode,
      'unpinned-action',
      `Say which version the SHA of '${uses.split('@')[0]}' is, in a comment after it (# v4.3.0), so updates can be reviewed.`,
    );
}

function checkoutFinding(step: YAMLMap, uses: string, err: Report): void {
  if (!/^actions\/checkout@/.test(uses)) return;
  const withNode = valueOf(step, 'with');
  if (
    !isMap(withNode) ||
    String(scalarValue(valueOf(withNode, 'persist-credentials'))) !== 'false'
  ) {
    err(
      valueOf(step, 'uses'),
      'persist-credentials',
      'actions/checkout leaves the token in .git/config for every later step; set `with: persist-credentials: false`.',
    );
  }
}

/** What feeds a job's expressions from outside: the job's taint, and the workflow's job outputs. */
interface TaintSources {
  taint: JobTaint;
  jobOutputs: ReadonlySet<string>;
}

/** Expressions from outside expanded into a shell or github-script, and `npm install`. */
function scriptFindings(step: YAMLMap, uses: string, t: TaintSources, err: Report): void {
  const { taint, jobOutputs } = t;
  const run = valueOf(step, 'run');
  const script = String(scalarValue(run) ?? '');
  const env = new Set(taint.env);
  const stepEnv = valueOf(step, 'env');
  if (isMap(stepEnv))
    for (const p of stepEnv.items)
      if (taintedExpression(textOf(p.value), env, taint, jobOutputs)) env.add(keyName(p));
  const injected =
    INJECTABLE.exec(script)?.[0] ?? taintedExpression(script, env, taint, jobOutputs);
  if (injected)
    err(
      run,
      'template-injection',
      `'${injected}' is expanded into the shell script before it runs, and its value comes from outside (event data, inputs, or a step output, job output, matrix or env variable fed from them), so it can inject commands. Pass it through \`env:\` and use "$NAME" in the script.`,
    );
  if (/^actions\/github-script@/.test(uses)) {
    const withNode = valueOf(step, 'with');
    const code = isMap(withNode) ? valueOf(withNode, 'script') : undefined;
    const js = taintedExpression(textOf(code), env, taint, jobOutputs);
    if (js)
      err(
        code,
        'template-injection',
        `'${js}' is expanded into the github-script code before it runs, so its value can inject JavaScript. Pass it through \`env:\` and read process.env.NAME in the script.`,
      );
  }
  if (/\bnpm (install|i)\b(?![-\w])/.test(script))
    err(
      run,
      'npm-install',
      '`npm install` can change the lock file and install other versions than were reviewed; use `npm ci`.',
    );
}

export function checkWorkflowPolicy(
  text: string,
  file: string,
  options: PolicyOptions = {},
): Finding[] {
  const src = parseYaml(text, file);
  return src.findings.some((f) => f.severity === 'error')
    ? []
    : workflowPolicyFindings(src, options);
}
