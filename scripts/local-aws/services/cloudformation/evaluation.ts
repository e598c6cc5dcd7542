/**
 * The shared evaluator applied to a stack: parameters, pseudo parameters, resources' `Ref`/`GetAtt`
 * values, conditions; dynamic references replaced from the values fixed when the change set was
 * created. `collectReferences` is that fixing: every `{{resolve:ssm:...}}` the resources' properties
 * hold (after `Fn::Sub` filled in `${Var}` parts) read from the region's Parameter Store.
 */
import {
  evaluate,
  findDynamicReferences,
  IntrinsicError,
  resolveDynamicReferences,
  resourceDependencies,
  type EvalContext,
  type Template,
} from '../../../../actions/lib/cloudformation/index.js';
import type { EmulatorState } from '../../state.js';
import { selectVersion, ssmState } from '../ssm/model.js';
import type { OutputRec, ResourceRec, StackDefinition, StackRec } from './model.js';
import { parameterValues } from './parameters.js';
import { activeResources, parsedTemplate } from './template.js';

export const PENDING = '{{pending:';

export interface EvalInput {
  template: Template;
  definition: StackDefinition;
  stackName: string;
  stackId: string;
  region: string;
  accountId: string;
  resources: Record<string, ResourceRec>;
  /** Unknown resources evaluate to a placeholder instead of failing (change-set time). */
  lenient?: boolean;
  exports?: Record<string, string>;
}

export function evalContext(e: EvalInput): EvalContext {
  const live = (id: string) => {
    const r = e.resources[id];
    return r && !r.status.startsWith('DELETE') ? r : undefined;
  };
  return {
    parameters: parameterValues(e.template, e.definition.parameters),
    pseudo: {
      region: e.region,
      accountId: e.accountId,
      stackName: e.stackName,
      stackId: e.stackId,
    },
    conditions: e.template.Conditions ?? {},
    mappings: e.template.Mappings,
    ref: (id) =>
      live(id)?.physicalId ??
      (e.lenient && e.template.Resources?.[id] ? `${PENDING}${id}}}` : undefined),
    getAtt: (id, attr) => {
      const r = live(id);
      if (r) return r.attributes[attr];
      return e.lenient && e.template.Resources?.[id] ? `${PENDING}${id}.${attr}}}` : undefined;
    },
    importValue: (name) => e.exports?.[name],
  };
}

/** Replaces each dynamic reference by its fixed value (unknown ones are left as written). */
export function substitute(v: unknown, refs: Record<string, string>): unknown {
  if (typeof v === 'string') {
    let out = v;
    for (const r of findDynamicReferences(v))
      if (r.raw in refs) out = out.replace(r.raw, refs[r.raw]!);
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, refs));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, refs)]));
  return v;
}

export function resourceProperties(
  e: EvalInput,
  id: string,
  ctx = evalContext(e),
): Record<string, unknown> {
  const props = e.template.Resources?.[id]?.Properties ?? {};
  const out = evaluate(props, ctx, ['Resources', id, 'Properties']);
  return substitute(out ?? {}, e.definition.references) as Record<string, unknown>;
}

/** `{{resolve:...}}` → value for every reference in the active resources' properties. */
export async function collectReferences(
  e: EvalInput,
  state: EmulatorState,
): Promise<Record<string, string>> {
  const ctx = evalContext({ ...e, lenient: true });
  const raws = new Set<string>();
  for (const id of activeResources(e.template, ctx)) {
    try {
      const props = evaluate(e.template.Resources?.[id]?.Properties ?? {}, ctx);
      for (const s of strings(props)) for (const r of findDynamicReferences(s)) raws.add(r.raw);
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err;
    }
  }
  const ssm = ssmState(state, e.region);
  const out: Record<string, string> = {};
  for (const raw of raws) {
    if (raw.includes(PENDING)) continue;
    out[raw] = await resolveDynamicReferences(raw, {
      ssm: (name, version) => {
        const p = ssm.params[name];
        if (!p) return undefined;
        try {
          return selectVersion(p, version === undefined ? undefined : String(version)).value;
        } catch {
          return undefined;
        }
      },
    });
  }
  return out;
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Outputs after a create/update; one that cannot be evaluated is left out. */
export function evaluateOutputs(e: EvalInput): OutputRec[] {
  const ctx = evalContext(e);
  const out: OutputRec[] = [];
  for (const [key, o] of Object.entries(e.template.Outputs ?? {})) {
    try {
      if (o?.Condition && !evaluate({ 'Fn::If': [o.Condition, true, false] }, ctx)) continue;
      const value = evaluate(o?.Value, ctx);
      const exportName =
        o?.Export?.Name !== undefined ? String(evaluate(o.Export.Name, ctx)) : undefined;
      out.push({
        key,
        value: Array.isArray(value) ? value.join(',') : String(value),
        description: typeof o?.Description === 'string' ? o.Description : undefined,
        exportName,
      });
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err;
    }
  }
  return out;
}

/** The evaluator's input for a stack as it stands, in the region and account it lives in. */
export function stackEvalInput(
  where: { region: string; accountId: string },
  st: StackRec,
): EvalInput {
  return {
    template: parsedTemplate(st.templateBody),
    definition: st,
    stackName: st.stackName,
    stackId: st.stackId,
    region: where.region,
    accountId: where.accountId,
    resources: st.resources,
  };
}

/** The stack's active resources (their conditions hold) in dependency order. */
export function activeOrder(st: StackRec): string[] {
  const t = parsedTemplate(st.templateBody);
  const e = { ...stackEvalInput({ region: '', accountId: '' }, st), template: t, resources: {} };
  const active = new Set(activeResources(t, evalContext(e)));
  return resourceDependencies(t).order.filter((id) => active.has(id));
}
