/**
 * What the demo's workflow runner needs to run a consumer repository as GitHub does: a job that
 * calls a reusable workflow (`uses: owner/repo/.github/workflows/x.yml@ref`, or `./.github/...`),
 * and a step that uses an action of another repository (`uses: owner/repo/actions/x@ref`). The
 * upstream repository is this checkout: its workflows and its actions' action.yml + dist are what
 * a consumer gets for that ref. GitHub's rules that matter to a consumer are checked, not assumed
 * (docs: "Reusing workflows", "Workflow syntax: on.workflow_call"):
 *   - only inputs the called workflow declares, of their declared type; required ones given;
 *     defaults filled in;
 *   - a called job may not ask for more than the calling job grants (permissions only narrow);
 *   - the called workflow's outputs come from its jobs' outputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { evaluate, interpolate, type Contexts } from './expressions.js';

type Json = Contexts[string];

/** The repository consumers take the actions and reusable workflows from: this checkout. */
export interface Upstream {
  /** `owner/name` as consumers write it in `uses:`. */
  repository: string;
  root: string;
}

export class ReusableWorkflowError extends Error {
  override name = 'ReusableWorkflowError';
}

const REMOTE = /^([^/@\s]+\/[^/@\s]+)\/(.+)@([^@\s]+)$/;

/** The folder holding action.yml and dist/ for a step's `uses:`, or undefined if not an action of ours. */
export function resolveActionDir(
  uses: string,
  workspace: string,
  upstream: Upstream | undefined,
): string | undefined {
  if (uses.startsWith('./')) return join(workspace, uses);
  const m = REMOTE.exec(uses);
  if (!m || !upstream || m[1] !== upstream.repository || !m[2]!.startsWith('actions/'))
    return undefined;
  const dir = join(upstream.root, m[2]!);
  if (!existsSync(join(dir, 'action.yml')) || !existsSync(join(dir, 'dist', 'index.js')))
    throw new ReusableWorkflowError(
      `'${uses}': ${upstream.repository} has no action '${m[2]}' with a bundled dist/index.js`,
    );
  return dir;
}

export interface CalledWorkflow {
  file: string;
  text: string;
  doc: WorkflowDoc;
}

interface InputSpec {
  type?: 'string' | 'boolean' | 'number';
  required?: boolean;
  default?: Json;
}
export interface WorkflowDoc {
  on?: {
    workflow_call?: {
      inputs?: Record<string, InputSpec>;
      outputs?: Record<string, { value?: string }>;
      secrets?: unknown;
    };
  };
  permissions?: Permissions;
  jobs?: Record<string, { permissions?: Permissions }>;
}
type Permissions = string | Record<string, string> | undefined;

/** The reusable workflow a job's `uses:` names: in the workspace (`./`) or in the upstream checkout. */
export function resolveWorkflow(
  uses: string,
  workspace: string,
  upstream: Upstream | undefined,
): CalledWorkflow {
  let file: string | undefined;
  if (uses.startsWith('./.github/workflows/')) file = join(workspace, uses.split('@')[0]!);
  else {
    const m = REMOTE.exec(uses);
    if (m && upstream && m[1] === upstream.repository && m[2]!.startsWith('.github/workflows/'))
      file = join(upstream.root, m[2]!);
    else
      throw new ReusableWorkflowError(
        `the demo can call only reusable workflows of ./.github/workflows or ${upstream?.repository ?? '(no upstream)'}, not '${uses}'`,
      );
  }
  if (!existsSync(file)) throw new ReusableWorkflowError(`'${uses}': no such workflow (${file})`);
  const text = readFileSync(file, 'utf8');
  const doc = (parse(text) ?? {}) as WorkflowDoc;
  if (!doc.on || typeof doc.on !== 'object' || !('workflow_call' in doc.on))
    throw new ReusableWorkflowError(`'${uses}' is not reusable: it has no 'on: workflow_call'`);
  return { file, text, doc };
}

function coerce(name: string, spec: InputSpec, value: Json): Json {
  const type = spec.type ?? 'string';
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
  } else if (type === 'number') {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      return Number(value);
  } else if (typeof value !== 'object' || value === null) {
    return value === null ? '' : String(value);
  }
  throw new ReusableWorkflowError(
    `The input '${name}' of the called workflow has type ${type}; the caller gave ${JSON.stringify(value)}`,
  );
}

/**
 * The called workflow's `inputs` context from the calling job's `with:` (a whole `${{ }}` keeps its
 * type, as on GitHub), its declared defaults, and GitHub's checks on both.
 */
export function callInputs(
  declared: Record<string, InputSpec> | undefined,
  given: Record<string, unknown> | undefined,
  ctx: Contexts,
): Record<string, Json> {
  const specs = declared ?? {};
  const out: Record<string, Json> = {};
  for (const [k, raw] of Object.entries(given ?? {})) {
    const spec = specs[k];
    if (!spec)
      throw new ReusableWorkflowError(
        `Invalid input, ${k} is not defined in the referenced workflow (its inputs: ${Object.keys(specs).join(', ') || 'none'})`,
      );
    const whole = typeof raw === 'string' ? /^\$\{\{([\s\S]*)\}\}$/.exec(raw.trim()) : null;
    const value: Json = whole
      ? evaluate(whole[1]!.trim(), ctx)
      : typeof raw === 'string'
        ? interpolate(raw, ctx)
        : (raw as Json);
    out[k] = coerce(k, spec, value);
  }
  for (const [k, spec] of Object.entries(specs)) {
    if (k in out) continue;
    if (spec.default !== undefined) out[k] = coerce(k, spec, spec.default);
    else if (spec.required)
      throw new ReusableWorkflowError(`Input required and not supplied: ${k}`);
  }
  return out;
}

function scopes(p: Permissions): Record<string, string> | 'write-all' | 'read-all' {
  if (p === 'write-all' || p === 'read-all') return p;
  return typeof p === 'object' && p ? p : {};
}

function level(p: ReturnType<typeof scopes>, scope: string): string {
  if (p === 'write-all') return 'write';
  if (p === 'read-all') return 'read';
  return p[scope] ?? 'none';
}

const RANK: Record<string, number> = { none: 0, read: 1, write: 2 };

/**
 * GitHub's rule: the called workflow's jobs get at most the calling job's permissions (its own
 * `permissions:`, else the caller workflow's top level). The messages are GitHub's wording.
 */
export function permissionProblems(granted: Permissions, called: WorkflowDoc): string[] {
  const allowed = scopes(granted);
  const problems: string[] = [];
  for (const [job, spec] of Object.entries(called.jobs ?? {})) {
    const asked = scopes(spec.permissions ?? called.permissions);
    const entries =
      asked === 'write-all' || asked === 'read-all'
        ? [['contents', asked === 'write-all' ? 'write' : 'read'] as const]
        : Object.entries(asked);
    for (const [scope, want] of entries) {
      const have = level(allowed, scope);
      if ((RANK[want] ?? 0) > (RANK[have] ?? 0))
        problems.push(
          `The nested job '${job}' is requesting '${scope}: ${want}', but is only allowed '${scope}: ${have}'.`,
        );
    }
  }
  return problems;
}

/** `on.workflow_call.outputs` of the called workflow, from its jobs' results and outputs. */
export function callOutputs(
  called: WorkflowDoc,
  jobs: Record<string, { result: string; outputs: Record<string, string> }>,
): Record<string, string> {
  const ctx: Contexts = { jobs: jobs as unknown as Json };
  const out: Record<string, string> = {};
  for (const [k, spec] of Object.entries(called.on?.workflow_call?.outputs ?? {}))
    out[k] = interpolate(String(spec?.value ?? ''), ctx);
  return out;
}
