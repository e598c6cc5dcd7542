/** Pure renderer of the scan gate's job summary. */
import type { ScanFinding, Verdict } from './gate.js';
import { SEVERITIES } from './severity.js';

export interface SummaryContext {
  image: string;
  imageBuildVersionArn: string;
  /** The final verdict shown in the title: passed, blocked, incomplete, not-scanned. */
  verdict: string;
  scanStatus: string;
  scanReason?: string;
  findingsFile?: string;
  polls: number;
  /** Findings listed in the tables at most; the JSON file has them all. */
  maxRows?: number;
  notes?: string[];
}

const ICON: Record<string, string> = {
  passed: '✅',
  blocked: '❌',
  incomplete: '⚠️',
  'not-scanned': '➖',
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function links(f: ScanFinding): string {
  return f.links
    .slice(0, 2)
    .map((u, i) => `[${i === 0 ? 'source' : 'ref'}](${u})`)
    .join(' ');
}

function row(f: ScanFinding, extra: string[] = []): string {
  const p = f.packages[0];
  const more = f.packages.length > 1 ? ` +${f.packages.length - 1}` : '';
  return `| ${[
    `\`${f.vulnerabilityId}\``,
    f.severity,
    f.score === undefined ? '' : String(f.score),
    p ? `${p.name}${more}` : '',
    p?.version ?? '',
    p?.fixedInVersion ?? '—',
    links(f),
    ...extra,
  ]
    .map(cell)
    .join(' | ')} |`;
}

const HEAD = '| vulnerability | severity | score | package | installed | fixed in | links |';
const RULE = '|---|---|---:|---|---|---|---|';

export function renderScanSummary(ctx: SummaryContext, v?: Verdict): string {
  const max = ctx.maxRows ?? 50;
  const out = [
    `### scan-gate: ${ctx.image} — ${ICON[ctx.verdict] ?? ''} ${ctx.verdict}${v ? ` (fail-on: ${v.failOn})` : ''}`,
    '',
    `\`${ctx.imageBuildVersionArn}\` — scan ${ctx.scanStatus}${ctx.scanReason ? `: ${ctx.scanReason}` : ''}`,
    '',
  ];
  for (const n of ctx.notes ?? []) out.push(`> ${n}`, '');
  if (v) {
    out.push(
      `| ${SEVERITIES.join(' | ')} | total |`,
      `|${SEVERITIES.map(() => '---:').join('|')}|---:|`,
      `| ${SEVERITIES.map((s) => v.counts[s] ?? 0).join(' | ')} | ${v.total} |`,
      '',
    );
    if (v.blocking.length) {
      out.push(
        `#### Blocking (at or above ${v.failOn.toUpperCase()}, no exception)`,
        '',
        HEAD,
        RULE,
      );
      out.push(...v.blocking.slice(0, max).map((f) => row(f)));
      if (v.blocking.length > max) out.push(`| … ${v.blocking.length - max} more | | | | | | |`);
      out.push('');
    }
    if (v.accepted.length) {
      out.push(
        '#### Accepted by an exception',
        '',
        `${HEAD} reason | expires |`,
        `${RULE}---|---|`,
        ...v.accepted
          .slice(0, max)
          .map((a) => row(a.finding, [a.exception.reason, a.exception.expires])),
        '',
      );
    }
    if (v.ignored.length) {
      out.push(
        'Exceptions that did not apply:',
        '',
        ...v.ignored.map(
          (i) => `- \`${i.exception.file}:${i.exception.line}\` ${i.exception.id}: ${i.why}`,
        ),
        '',
      );
    }
    if (v.blocking.length === 0 && v.accepted.length === 0)
      out.push(
        v.failOn === 'none'
          ? 'fail-on is `none`: findings are reported, never blocking.'
          : `No finding at or above ${v.failOn.toUpperCase()}.`,
        '',
      );
  }
  if (ctx.findingsFile)
    out.push(`Every finding: \`${ctx.findingsFile}\` (output \`findings-file\`).`);
  out.push(`${ctx.polls} GetImage call(s).`, '');
  return out.join('\n');
}
