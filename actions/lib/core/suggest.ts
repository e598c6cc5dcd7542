/**
 * "Did you mean" for names and keys, shared by every validator: the candidates closest to a word by
 * case-insensitive edit distance, when at most a third of it (and at least 2 characters) differs.
 */

/** Levenshtein distance, bounded: returns `limit` as soon as the distance cannot be smaller. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}

function threshold(word: string): number {
  return Math.max(2, Math.floor(word.length / 3));
}

/** Up to `max` candidates close to `word`, closest first (ties alphabetical). */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = threshold(word) + 1;
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const d = editDistance(w, c.toLowerCase(), limit);
    if (d < limit) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/** The closest candidate, if close enough. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return suggest(word, candidates, 1)[0];
}

/** `a`, `b` or `c`, for messages. */
export function oneOf(values: readonly string[]): string {
  const q = values.map((v) => `\`${v}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** `` Did you mean `x`?`` (or `` `x` or `y` ``), ready to append to a message; '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, max = 1): string {
  const s = suggest(word, candidates, max);
  return s.length === 0 ? '' : ` Did you mean ${oneOf(s)}?`;
}
