/**
 * The scan gate, pure: an image's findings, the `fail-on` level, the exceptions and the time in; a
 * verdict out. A finding blocks when its severity is at or above `fail-on` and no exception applies to
 * it. An exception applies when its id matches, its image (if any) is this image, it has not expired
 * at `nowMs`, and the finding's severity is not above the exception's `severity` (if given: a finding
 * Inspector re-rates upward needs a new review).
 */
import type { ImageScanFinding } from '@aws-sdk/client-imagebuilder';
import type { ScanException } from './exceptions.js';
import { atOrAbove, bySeverity, severityRank, SEVERITIES, type FailOn } from './severity.js';
import { normalizeVulnerabilityId } from './vulnerability-id.js';

export interface ScanPackage {
  name: string;
  version?: string;
  fixedInVersion?: string;
}

/** One finding, in the terms the gate and the summary use. */
export interface ScanFinding {
  vulnerabilityId: string;
  severity: string;
  title?: string;
  packages: ScanPackage[];
  /** Inspector score (0–10), else the first CVSS base score. */
  score?: number;
  /** Where to read about it: the source URL first, then the reference URLs. */
  links: string[];
  fixAvailable?: string;
}

export type VerdictStatus = 'passed' | 'blocked';

export interface Verdict {
  status: VerdictStatus;
  failOn: FailOn;
  /** Findings at or above the gate with no exception: the reason for `blocked`. */
  blocking: ScanFinding[];
  /** At or above the gate, let through by an exception. */
  accepted: { finding: ScanFinding; exception: ScanException }[];
  /** Exceptions that name a finding of this image but did not apply, and why. */
  ignored: { finding: ScanFinding; exception: ScanException; why: string }[];
  /** Count per severity (CRITICAL … UNTRIAGED) over every finding. */
  counts: Record<string, number>;
  total: number;
}

export function toScanFinding(f: ImageScanFinding): ScanFinding {
  const d = f.packageVulnerabilityDetails;
  const cvss = d?.cvss?.find((c) => typeof c.baseScore === 'number')?.baseScore;
  return {
    vulnerabilityId: normalizeVulnerabilityId(d?.vulnerabilityId ?? f.title ?? 'UNKNOWN'),
    severity: (f.severity ?? 'UNTRIAGED').toUpperCase(),
    title: f.title,
    packages: (d?.vulnerablePackages ?? []).map((p) => ({
      name: p.name ?? '?',
      ...(p.version ? { version: [p.version, p.release].filter(Boolean).join('-') } : {}),
      ...(p.fixedInVersion ? { fixedInVersion: p.fixedInVersion } : {}),
    })),
    score: f.inspectorScore ?? cvss,
    links: [
      ...new Set([d?.sourceUrl, ...(d?.referenceUrls ?? [])].filter((u): u is string => !!u)),
    ],
    fixAvailable: f.fixAvailable,
  };
}

export function countBySeverity(findings: readonly ScanFinding[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) {
    const key = (SEVERITIES as readonly string[]).includes(f.severity) ? f.severity : 'UNTRIAGED';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Why `e` does not apply to `f` in `image` at `nowMs`, or undefined when it applies. */
export function exceptionMismatch(
  e: ScanException,
  f: ScanFinding,
  image: string,
  nowMs: number,
): string | undefined {
  if (e.id !== f.vulnerabilityId) return 'another vulnerability';
  if (e.image !== undefined && e.image !== image) return `it is for image ${e.image}`;
  if (e.expiresAtMs < nowMs) return `it expired on ${e.expires}`;
  if (e.severity && severityRank(f.severity) > severityRank(e.severity))
    return `it accepts at most ${e.severity} and Inspector now rates it ${f.severity}`;
  return undefined;
}

export interface GateInput {
  findings: readonly ScanFinding[];
  failOn: FailOn;
  exceptions: readonly ScanException[];
  /** The image's name (its definition's), matched against an exception's `image`. */
  image: string;
  nowMs: number;
}

export function evaluateGate(input: GateInput): Verdict {
  const blocking: ScanFinding[] = [];
  const accepted: Verdict['accepted'] = [];
  const ignored: Verdict['ignored'] = [];
  const sorted = [...input.findings].sort(bySeverity);
  for (const f of sorted) {
    if (!atOrAbove(f.severity, input.failOn)) continue;
    const named = input.exceptions.filter((e) => e.id === f.vulnerabilityId);
    const applies = named.find((e) => !exceptionMismatch(e, f, input.image, input.nowMs));
    if (applies) {
      accepted.push({ finding: f, exception: applies });
      continue;
    }
    blocking.push(f);
    for (const e of named)
      ignored.push({
        finding: f,
        exception: e,
        why: exceptionMismatch(e, f, input.image, input.nowMs)!,
      });
  }
  return {
    status: blocking.length ? 'blocked' : 'passed',
    failOn: input.failOn,
    blocking,
    accepted,
    ignored,
    counts: countBySeverity(input.findings),
    total: input.findings.length,
  };
}

function describe(f: ScanFinding): string {
  const pkg = f.packages
    .map(
      (p) =>
        `${p.name}${p.version ? ` ${p.version}` : ''}${p.fixedInVersion ? ` (fixed in ${p.fixedInVersion})` : ' (no fix yet)'}`,
    )
    .join(', ');
  return `${f.vulnerabilityId} ${f.severity}${f.score !== undefined ? ` ${f.score}` : ''}${pkg ? ` in ${pkg}` : ''}`;
}

/**
 * The job's failure message for a blocked image: which findings block it, and the two ways out
 * (update the package and rebuild, or accept the finding with an exception in a pull request).
 */
export function blockedMessage(
  v: Verdict,
  ctx: { image: string; imageBuildVersionArn: string; exceptionsFile: string; maxListed?: number },
): string {
  const max = ctx.maxListed ?? 10;
  const listed = v.blocking.slice(0, max).map((f) => `  - ${describe(f)}`);
  const more = v.blocking.length > max ? [`  - … and ${v.blocking.length - max} more`] : [];
  const ignored = v.ignored.map(
    (i) =>
      `  - ${i.exception.file}:${i.exception.line}: the exception for ${i.exception.id} does not apply: ${i.why}.`,
  );
  const first = v.blocking[0]!;
  return [
    `Image ${ctx.image} (${ctx.imageBuildVersionArn}) is blocked by the scan gate (fail-on: ${v.failOn}): ${v.blocking.length} finding(s) at or above ${v.failOn.toUpperCase()} without an exception. It was not published and will not be deployed.`,
    ...listed,
    ...more,
    ...(ignored.length ? ['Exceptions that did not apply:', ...ignored] : []),
    `To fix: update the package in a component (the next build picks it up), or, if the risk is acceptable, add an exception to ${ctx.exceptionsFile} in a pull request:`,
    `  - id: ${first.vulnerabilityId}`,
    `    image: ${ctx.image}`,
    `    reason: <why this is acceptable, e.g. not reachable, ticket>`,
    `    expires: <YYYY-MM-DD>`,
  ].join('\n');
}
