/** A problem found in a file, positioned for an editor, a PR annotation and a terminal. */
export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Finding extends Position {
  file: string;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  /** Stable rule id, e.g. `awstoe/unknown-action`, shown in brackets and usable in docs. */
  rule: string;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  let error = 0;
  let warning = 0;
  for (const f of findings) {
    if (f.severity === 'error') error++;
    else warning++;
  }
  return { error, warning };
}

/** Sorted by file, line, column: the order an editor and a reviewer read them in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule),
  );
}

/** `file:line:col: severity: message [rule]`, the format compilers and problem matchers use. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]`;
}
