/**
 * Which resources a resource needs first: its `Ref`s, `Fn::GetAtt`s, `${X}`/`${X.Y}` in `Fn::Sub`
 * and `DependsOn`, as CloudFormation infers them (both branches of an `Fn::If` count). Gives the
 * emulator its create order (and the reverse for delete) and reports a cycle the way CloudFormation
 * refuses one ("Circular dependency between resources").
 */
import type { Template } from './parse.js';
import { subArgs, subVariables } from './sub.js';
import { splitGetAtt } from './tags.js';

export interface DependencyGraph {
  /** Resource → the resources it depends on (template order, no duplicates). */
  dependsOn: Record<string, string[]>;
  /** A create order (dependencies first, otherwise template order); [] when there is a cycle. */
  order: string[];
  /** One cycle, first resource repeated at the end (`['A', 'B', 'A']`), when there is one. */
  cycle?: string[];
}

/** Resource names `value` refers to (by Ref, GetAtt or Sub), not limited to existing resources. */
export function referencedNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedNames(v, out);
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys as [string];
    const arg = obj[k];
    if (k === 'Ref' && typeof arg === 'string') return out.add(arg);
    if (k === 'Fn::GetAtt') {
      const target =
        typeof arg === 'string' ? splitGetAtt(arg)[0] : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof target === 'string') out.add(target);
      if (Array.isArray(arg)) referencedNames(arg.slice(1), out);
      return out;
    }
    if (k === 'Fn::Sub') {
      const sub = subArgs(arg);
      if (sub) {
        for (const v of subVariables(sub.text)) {
          const full = v.attribute === undefined ? v.name : `${v.name}.${v.attribute}`;
          if (!(full in sub.vars)) out.add(v.name);
        }
        referencedNames(Object.values(sub.vars), out);
        return out;
      }
    }
  }
  for (const v of Object.values(obj)) referencedNames(v, out);
  return out;
}

function dependsOnList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function resourceDependencies(template: Template): DependencyGraph {
  const resources =
    template.Resources && typeof template.Resources === 'object' ? template.Resources : {};
  const names = Object.keys(resources);
  const known = new Set(names);
  const dependsOn: Record<string, string[]> = {};
  for (const name of names) {
    const r = (resources[name] ?? {}) as Record<string, unknown>;
    const found = referencedNames([r.Properties, r.Metadata, r.CreationPolicy, r.UpdatePolicy]);
    for (const d of dependsOnList(r.DependsOn)) found.add(d);
    dependsOn[name] = names.filter((n) => found.has(n) && known.has(n));
  }
  const order: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress && order.length < names.length) {
    progress = false;
    for (const n of names) {
      if (!placed.has(n) && dependsOn[n]!.every((d) => placed.has(d))) {
        order.push(n);
        placed.add(n);
        progress = true;
      }
    }
  }
  if (order.length === names.length) return { dependsOn, order };
  return {
    dependsOn,
    order: [],
    cycle: findCycle(
      names.filter((n) => !placed.has(n)),
      dependsOn,
    ),
  };
}

function findCycle(remaining: string[], dependsOn: Record<string, string[]>): string[] {
  const left = new Set(remaining);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of dependsOn[n] ?? []) {
      if (!left.has(d)) continue;
      if (state.get(d) === 'visiting') return [...stack.slice(stack.indexOf(d)), d];
      if (!state.has(d)) {
        const c = visit(d);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of remaining) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return remaining;
}
