/**
 * Which `${{ }}` expressions carry data an outsider controls. Sources: `github.event.*`,
 * `github.head_ref`, `inputs.*` (zizmor's template-injection audit; GitHub's "Security hardening for
 * GitHub Actions", https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections).
 * The taint then follows what carries it within a workflow: `env.*` set from a tainted value (at
 * workflow, job or step level), `steps.<id>.outputs.*` of a step that was fed tainted data,
 * `needs.<job>.outputs.*` of a job output built from those, and `matrix.*` of a matrix built from
 * tainted data (e.g. `fromJSON(needs.x.outputs.list)`).
 */
import { isMap, isScalar, isSeq, keyName, valueOf, type YAMLMap } from '../yaml/source.js';

const SOURCE = /\b(github\.event\.|github\.head_ref\b|inputs\.)/;
const EXPRESSION = /\$\{\{([^}]*)\}\}/g;

/** What is tainted in the workflow so far. */
export interface Taint {
  env: Set<string>;
  /** `job.outputName` for `needs.job.outputs.outputName`. */
  jobOutputs: Set<string>;
}

export interface JobTaint {
  env: Set<string>;
  steps: Set<string>;
  matrix: boolean;
  outputs: Set<string>;
}

/** Every string scalar under `node`, joined: where expressions may hide (with, env, script...). */
export function textOf(node: unknown, depth = 0): string {
  if (depth > 16) return '';
  if (isScalar(node)) return typeof node.value === 'string' ? node.value : '';
  if (isMap(node)) return node.items.map((p) => textOf(p.value, depth + 1)).join('\n');
  if (isSeq(node)) return node.items.map((i) => textOf(i, depth + 1)).join('\n');
  return '';
}

/** The first tainted expression in `text` (`${{ github.event.issue.title }}`), or undefined. */
export function taintedExpression(
  text: string,
  env: ReadonlySet<string>,
  job: { steps: ReadonlySet<string>; matrix: boolean },
  jobOutputs: ReadonlySet<string>,
): string | undefined {
  for (const m of text.matchAll(EXPRESSION)) {
    const e = m[1] ?? '';
    if (SOURCE.test(e)) return m[0];
    for (const r of e.matchAll(/\benv\.([A-Za-z_][\w-]*)/g)) if (env.has(r[1]!)) return m[0];
    for (const r of e.matchAll(/\bsteps\.([\w-]+)\.outputs\b/g))
      if (job.steps.has(r[1]!)) return m[0];
    for (const r of e.matchAll(/\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g))
      if (jobOutputs.has(`${r[1]}.${r[2]}`)) return m[0];
    if (job.matrix && /\bmatrix\./.test(e)) return m[0];
  }
  return undefined;
}

/** Env names whose value is tainted, added to `into`. */
function taintEnv(
  envNode: unknown,
  into: Set<string>,
  job: { steps: ReadonlySet<string>; matrix: boolean },
  jobOutputs: ReadonlySet<string>,
): void {
  if (!isMap(envNode)) return;
  for (const p of envNode.items) {
    const v = isScalar(p.value) ? String(p.value.value ?? '') : textOf(p.value);
    if (taintedExpression(v, into, job, jobOutputs)) into.add(keyName(p));
  }
}

/**
 * Walks a job's steps in order: the env each step sees, and which step ids produce tainted outputs
 * (a step fed tainted data, by expression or by a tainted env variable its script reads).
 */
export function jobTaint(root: YAMLMap, job: YAMLMap, jobOutputs: ReadonlySet<string>): JobTaint {
  const t: JobTaint = { env: new Set(), steps: new Set(), matrix: false, outputs: new Set() };
  const none = { steps: new Set<string>(), matrix: false };
  taintEnv(valueOf(root, 'env'), t.env, none, jobOutputs);
  const strategy = valueOf(job, 'strategy');
  t.matrix =
    isMap(strategy) &&
    !!taintedExpression(textOf(valueOf(strategy, 'matrix')), t.env, none, jobOutputs);
  taintEnv(valueOf(job, 'env'), t.env, t, jobOutputs);
  const steps = valueOf(job, 'steps');
  for (const step of isSeq(steps) ? steps.items : []) {
    if (!isMap(step)) continue;
    const env = new Set(t.env);
    taintEnv(valueOf(step, 'env'), env, t, jobOutputs);
    const id = valueOf(step, 'id');
    if (!isScalar(id)) continue;
    const body = `${textOf(valueOf(step, 'run'))}\n${textOf(valueOf(step, 'with'))}`;
    const readsTaintedEnv = [...env].some((name) =>
      new RegExp(`\\$\\{?${name}\\b|process\\.env\\.${name}\\b`).test(body),
    );
    if (taintedExpression(body, env, t, jobOutputs) || readsTaintedEnv)
      t.steps.add(String(id.value));
  }
  const outputs = valueOf(job, 'outputs');
  if (isMap(outputs)) {
    for (const p of outputs.items) {
      if (taintedExpression(textOf(p.value), t.env, t, jobOutputs)) t.outputs.add(keyName(p));
    }
  }
  return t;
}

/** Job outputs that are tainted, across jobs (`needs` chains), to a fixed point. */
export function workflowJobOutputs(root: YAMLMap): Set<string> {
  const out = new Set<string>();
  const jobs = valueOf(root, 'jobs');
  if (!isMap(jobs)) return out;
  for (let round = 0; round < 8; round++) {
    const before = out.size;
    for (const p of jobs.items) {
      if (!isMap(p.value)) continue;
      for (const o of jobTaint(root, p.value, out).outputs) out.add(`${keyName(p)}.${o}`);
    }
    if (out.size === before) break;
  }
  return out;
}
