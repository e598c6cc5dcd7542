/** The audit's table: role × action → the step that needs it, or why it is flagged. */
import type { GrantResult, Verdict } from './audit.js';

function why(v: Verdict): string {
  switch (v.kind) {
    case 'needed':
      return v.step;
    case 'unused':
      return 'FLAG: no scenario calls it';
    case 'redundant':
      return `FLAG: every use is also allowed by ${v.by.join(', ')}`;
    case 'not-needed':
      return `FLAG: ${v.ran.join(', ')} pass without it`;
    case 'fails-otherwise':
      return `fails ${v.scenario} without naming it: ${v.problem}`;
    case 'not-exercised':
      return `not judged: ${v.why}`;
    case 'untested-path':
      return `kept, no scenario takes the path that calls it: ${v.files.join(', ')}`;
  }
}

export function renderTable(results: readonly GrantResult[]): string {
  const rows = results.map((r) => [
    r.grant.role,
    r.grant.action,
    `${r.grant.file} ${r.grant.sid}`,
    String(r.uses.length),
    why(r.verdict),
  ]);
  const head = ['role', 'action', 'statement', 'calls', 'needed by (scenario: job › step)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
