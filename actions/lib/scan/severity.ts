/**
 * Amazon Inspector's finding severities and the gate's `fail-on` levels. Inspector rates a package
 * vulnerability INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL, and UNTRIAGED while it has not rated it
 * yet ("Severity levels for Amazon Inspector findings", Inspector user guide). Image Builder's
 * ListImageScanFindings returns the same strings in `severity`.
 *
 * UNTRIAGED has no place in the scale: the gate never blocks on it (there is nothing to compare) but
 * the summary lists every untriaged finding, so a reviewer sees it.
 */
export const SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
  'UNTRIAGED',
] as const;
export type ScanSeverity = (typeof SEVERITIES)[number];

/** Higher is worse; UNTRIAGED (and anything unknown) is 0. */
const RANK: Record<string, number> = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFORMATIONAL: 1 };

export function severityRank(severity: string | undefined): number {
  return RANK[(severity ?? '').toUpperCase()] ?? 0;
}

/** `critical` → CRITICAL; anything Inspector does not report → undefined. */
export function parseSeverity(value: string | undefined): ScanSeverity | undefined {
  const v = (value ?? '').toUpperCase();
  return (SEVERITIES as readonly string[]).includes(v) ? (v as ScanSeverity) : undefined;
}

/** The gate: block on findings at or above this severity (`none`: report only, never block). */
export const FAIL_ON = ['critical', 'high', 'medium', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: FailOn = 'critical';

export function isFailOn(value: unknown): value is FailOn {
  return typeof value === 'string' && (FAIL_ON as readonly string[]).includes(value);
}

/** Whether a finding of `severity` is at or above the gate. */
export function atOrAbove(severity: string | undefined, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const rank = severityRank(severity);
  return rank > 0 && rank >= severityRank(failOn);
}

/** Sorts worst first. */
export function bySeverity<T extends { severity: string }>(a: T, b: T): number {
  return severityRank(b.severity) - severityRank(a.severity);
}
