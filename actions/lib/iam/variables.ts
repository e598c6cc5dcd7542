/**
 * The request context (condition keys, case-insensitive) and policy variables in Resource and
 * condition values. IAM User Guide, "IAM policy elements: Variables and tags":
 * - `${key}` is replaced with the key's value from the request context; key names are
 *   case-insensitive;
 * - `${key, 'default'}` gives a value for a key that is absent (`''` inside the quotes is one `'`);
 * - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`;
 * - a key with no value (absent, or multivalued, such as aws:TagKeys) leaves the element with no
 *   value to match: the Resource or condition value it is in matches nothing;
 * - variables are recognised only in documents of Version 2012-10-17; in others `${...}` is text.
 */
import type { PatternPart } from './wildcard.js';

export type ContextValue = string | string[] | boolean | number;

export interface ContextEntry {
  values: string[];
  /** Given as a list (a multivalued key such as aws:TagKeys), not a single value. */
  multi: boolean;
}

/** Lower-case key → values. */
export type RequestContext = Map<string, ContextEntry>;

export function normalizeContext(
  context: Record<string, ContextValue | undefined>,
): RequestContext {
  const out: RequestContext = new Map();
  for (const [k, v] of Object.entries(context)) {
    if (v === undefined) continue;
    const multi = Array.isArray(v);
    out.set(k.toLowerCase(), { values: multi ? v.map(String) : [String(v)], multi });
  }
  return out;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** One variable's body (`aws:username`, `aws:PrincipalTag/team, 'none'`) → its value, or undefined. */
function variableValue(body: string, ctx: RequestContext): string | undefined {
  const inner = body.trim();
  if (Object.hasOwn(SPECIAL, inner)) return SPECIAL[inner]; // own keys: `${constructor}` is a key
  const comma = inner.indexOf(',');
  const key = (comma < 0 ? inner : inner.slice(0, comma)).trim().toLowerCase();
  const entry = ctx.get(key);
  if (entry && !entry.multi && entry.values.length === 1) return entry.values[0];
  if (comma < 0) return undefined;
  const m = /^'((?:[^']|'')*)'$/.exec(inner.slice(comma + 1).trim());
  return m ? m[1]!.replace(/''/g, "'") : undefined;
}

/**
 * A policy string with its variables resolved: wild parts (the policy's own text, where `*` and
 * `?` are wildcards) and literal parts (variable values). Undefined when a variable has no value.
 */
export function resolveVariables(
  text: string,
  ctx: RequestContext,
  enabled: boolean,
): PatternPart[] | undefined {
  if (!enabled || !text.includes('${')) return [{ text, wild: true }];
  const parts: PatternPart[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), wild: true });
    const value = variableValue(m[1]!, ctx);
    if (value === undefined) return undefined;
    parts.push({ text: value, wild: false });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), wild: true });
  return parts;
}

/** The parts as plain text (for operators without wildcards). */
export function partsText(parts: readonly PatternPart[]): string {
  return parts.map((p) => p.text).join('');
}
