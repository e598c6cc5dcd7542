/** Pure renderers of a validation report: terminal text, JSON, and the Actions job summary. */
import { countBySeverity, formatFinding, sortFindings, type Finding } from '../core/findings.js';
import type { FileKind } from './classify.js';

export interface CheckedFile {
  file: string;
  kind: FileKind;
}

export interface ValidationReport {
  files: CheckedFile[];
  findings: Finding[];
}

const KIND_LABEL: Record<FileKind, string> = {
  component: 'component documents',
  definition: 'image definitions',
  template: 'CloudFormation templates',
  workflow: 'workflows',
  'scan-exceptions': 'scan exceptions',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(report: ValidationReport): string {
  const { error, warning } = countBySeverity(report.findings);
  return `${plural(report.files.length, 'file')} checked: ${plural(error, 'error')}, ${plural(warning, 'warning')}`;
}

export function renderText(report: ValidationReport): string {
  const lines = sortFindings(report.findings).map(formatFinding);
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: ValidationReport): string {
  const counts = countBySeverity(report.findings);
  return `${JSON.stringify({ ...counts, files: report.files, findings: sortFindings(report.findings) }, null, 2)}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** GitHub job summary: counts per kind, then every finding (up to `limit` rows). */
export function renderSummary(report: ValidationReport, limit = 300): string {
  const { error } = countBySeverity(report.findings);
  const out: string[] = [`## Validate: ${error === 0 ? '✅' : '❌'} ${summaryLine(report)}`, ''];
  out.push('| files | count | errors | warnings |', '| --- | ---: | ---: | ---: |');
  for (const kind of Object.keys(KIND_LABEL) as FileKind[]) {
    const files = new Set(report.files.filter((f) => f.kind === kind).map((f) => f.file));
    if (files.size === 0) continue;
    const mine = report.findings.filter((f) => files.has(f.file));
    const c = countBySeverity(mine);
    out.push(`| ${KIND_LABEL[kind]} | ${files.size} | ${c.error} | ${c.warning} |`);
  }
  const sorted = sortFindings(report.findings);
  if (sorted.length > 0) {
    out.push('', '| where | severity | rule | message |', '| --- | --- | --- | --- |');
    for (const f of sorted.slice(0, limit)) {
      out.push(
        `| \`${cell(f.file)}:${f.line}:${f.column}\` | ${f.severity} | \`${cell(f.rule)}\` | ${cell(f.message)} |`,
      );
    }
    if (sorted.length > limit)
      out.push('', `…and ${sorted.length - limit} more; run \`npm run validate\` locally for all.`);
  }
  return `${out.join('\n')}\n`;
}
