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

export { prng } from '../../actions/lib/core/random.js';

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
