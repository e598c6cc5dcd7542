/** What every chaos scenario returns and how it records its checks. */

export interface ScenarioResult {
  name: string;
  /** Each check, as a sentence that held or did not ("✓ ..." / "✗ ..."). */
  checked: string[];
  /** What was measured: calls, retries absorbed, crash points, seconds... */
  figures: Record<string, number>;
  ok: boolean;
  problems: string[];
}

export class Checks {
  readonly checked: string[] = [];
  readonly problems: string[] = [];
  readonly figures: Record<string, number> = {};

  constructor(private readonly prefix = '') {}

  check(ok: boolean, what: string, detail?: () => string): boolean {
    this.checked.push(`${ok ? '✓' : '✗'} ${this.prefix}${what}`);
    if (!ok) this.problems.push(`${this.prefix}${what}${detail ? `: ${detail()}` : ''}`);
    return ok;
  }

  figure(name: string, value: number): void {
    this.figures[name] = value;
  }

  add(name: string, value: number): void {
    this.figures[name] = (this.figures[name] ?? 0) + value;
  }

  result(name: string): ScenarioResult {
    return {
      name,
      checked: this.checked,
      figures: this.figures,
      ok: this.problems.length === 0,
      problems: this.problems,
    };
  }
}

/** A seeded PRNG (mulberry32), so every fuzzed input and sample is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function render(r: ScenarioResult): string {
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(1)}`)
    .join(' ');
  const lines = [
    `${r.ok ? 'PASS' : 'FAIL'} ${r.name}  ${figures}`,
    ...r.checked.map((c) => `    ${c}`),
  ];
  for (const p of r.problems) lines.push(`    problem: ${p}`);
  return lines.join('\n');
}
