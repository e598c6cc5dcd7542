/**
 * IAM's two wildcards, `*` (any run of characters, also none) and `?` (exactly one character), as
 * they appear in Action/NotAction (case-insensitive), Resource/NotResource and the `...Like`
 * condition operators (case-sensitive). IAM User Guide, "IAM JSON policy elements: Action" and
 * "Resource", and "Condition operators" (StringLike, ArnLike).
 */

/** A piece of a pattern: `wild` text gives `*` and `?` their meaning, literal text does not. */
export interface PatternPart {
  text: string;
  wild: boolean;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 5000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The anchored regular expression for pattern parts (`*` → `.*`, `?` → `.` in wild parts only). */
export function partsToRegExp(parts: readonly PatternPart[], ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${JSON.stringify(parts)}`;
  let re = cache.get(key);
  if (re) return re;
  let src = '';
  for (const p of parts) {
    if (!p.wild) {
      src += escapeRegExp(p.text);
      continue;
    }
    for (const ch of p.text) src += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch);
  }
  re = new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

/** Whether `value` matches a wildcard `pattern` (all of it wild). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?'))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return partsToRegExp([{ text: pattern, wild: true }], ignoreCase).test(value);
}

/** Whether a pattern has a wildcard at all. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

type Token = { any: true } | { any: false; one: boolean; ch: string };

function tokens(pattern: string, ignoreCase: boolean): Token[] {
  const out: Token[] = [];
  for (const ch of ignoreCase ? pattern.toLowerCase() : pattern) {
    if (ch === '*') {
      if (!(out.length > 0 && out[out.length - 1]!.any)) out.push({ any: true });
    } else out.push({ any: false, one: ch === '?', ch });
  }
  return out;
}

/**
 * Whether some string matches both wildcard patterns (both may hold `*` and `?`). Used to tell if
 * a policy's Resource pattern can name a resource of a type whose ARN format, with its
 * `${Variables}` as `*`, is the other pattern. Dynamic programming over the two token lists:
 * a `*` either ends or swallows the other side's next token.
 */
export function patternsOverlap(a: string, b: string, ignoreCase = false): boolean {
  const x = tokens(a, ignoreCase);
  const y = tokens(b, ignoreCase);
  const seen = new Set<number>();
  const width = y.length + 1;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const id = i * width + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === x.length && j === y.length) return true;
    const p = x[i];
    const q = y[j];
    if (p?.any) {
      stack.push([i + 1, j]);
      if (q) stack.push([i, j + 1]);
    }
    if (q?.any) {
      stack.push([i, j + 1]);
      if (p) stack.push([i + 1, j]);
    }
    if (p && q && !p.any && !q.any && (p.one || q.one || p.ch === q.ch)) stack.push([i + 1, j + 1]);
  }
  return false;
}
