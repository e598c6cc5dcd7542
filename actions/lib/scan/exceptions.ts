/**
 * The scan exceptions file (`components/scan-exceptions.yml`, docs/scan-gate.md): vulnerabilities the
 * team accepted, each with a reason and an expiry date, reviewed in pull requests like everything
 * else. Parsing never throws: every problem is a finding at its line, for `validate` and for the
 * scan-gate action (which refuses a file with errors).
 *
 *   exceptions:
 *     - id: CVE-2024-3094            # required: the finding's vulnerability id
 *       image: web-server            # optional: only this image (its definition's name)
 *       severity: high               # optional: only while Inspector rates it at most this
 *       reason: xz is not installed  # required
 *       expires: 2026-03-31          # required, YYYY-MM-DD: applies through that day (UTC)
 */
import type { Finding, Position } from '../core/findings.js';
import { didYouMean } from '../core/suggest.js';
import {
  findingAt,
  hasErrors,
  isMap,
  isSeq,
  keyName,
  kindOf,
  parseYaml,
  positionOf,
  scalarValue,
  valueOf,
  type YAMLMap,
  type YamlSource,
} from '../yaml/source.js';
import { parseSeverity, SEVERITIES, type ScanSeverity } from './severity.js';
import {
  isVulnerabilityId,
  normalizeVulnerabilityId,
  vulnerabilityIdFormats,
} from './vulnerability-id.js';

import { EXCEPTIONS_FILE } from './paths.js';

export { EXCEPTIONS_FILE };
const ENTRY_KEYS = ['id', 'image', 'severity', 'reason', 'expires'];
const RESOURCE_NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;
const DAY_MS = 86_400_000;
/** An exception this close to its expiry is a warning: renew it or fix the finding. */
export const EXPIRY_WARNING_DAYS = 14;

export interface ScanException {
  /** Normalized (CVE upper case, GHSA groups lower case). */
  id: string;
  image?: string;
  /** The worst severity the exception accepts; a finding re-rated above it is no longer excepted. */
  severity?: ScanSeverity;
  reason: string;
  /** As written, YYYY-MM-DD. */
  expires: string;
  /** The last millisecond the exception applies (end of `expires`, UTC). */
  expiresAtMs: number;
  file: string;
  line: number;
  /** Where `expires` is written, for the expiry findings. */
  expiresAt: Position;
}

export interface ParsedExceptions {
  exceptions: ScanException[];
  /** Shape problems (errors, warnings); expiry is checked apart, by `expiryFindings`. */
  findings: Finding[];
}

/** `2026-03-31` → the end of that day in UTC; undefined for anything that is not a real date. */
export function endOfDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March: a round trip tells a real date.
  if (new Date(start).toISOString().slice(0, 10) !== date) return undefined;
  return start + DAY_MS - 1;
}

function text(node: unknown): string | undefined {
  const v = scalarValue(node);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function entry(src: YamlSource, node: YAMLMap, findings: Finding[]): ScanException | undefined {
  const err = (at: unknown, rule: string, message: string) =>
    findings.push(findingAt(src, at, 'error', `scan-exceptions/${rule}`, message));
  for (const pair of node.items) {
    const k = keyName(pair);
    if (!ENTRY_KEYS.includes(k))
      err(
        pair.key,
        'unknown-key',
        `Unknown key '${k}' in a scan exception.${didYouMean(k, ENTRY_KEYS)} An exception has id, reason, expires and optionally image and severity.`,
      );
  }
  const before = findings.length;
  const idNode = valueOf(node, 'id');
  const id = text(idNode);
  if (id === undefined || id.trim() === '')
    err(
      idNode ?? node,
      'missing-id',
      `A scan exception needs 'id': the finding's vulnerability id, e.g. CVE-2024-3094.`,
    );
  else if (!isVulnerabilityId(id))
    err(
      idNode,
      'vulnerability-id',
      `'${id}' is not a vulnerability id Amazon Inspector reports. Expected ${vulnerabilityIdFormats()}; copy it from the scan-gate summary.`,
    );
  const reasonNode = valueOf(node, 'reason');
  const reason = text(reasonNode)?.trim();
  if (!reason)
    err(
      reasonNode ?? node,
      'missing-reason',
      `A scan exception needs a 'reason': why this vulnerability is acceptable in this image (not reachable, no fix yet, ticket…), so reviewers can judge it.`,
    );
  const expiresNode = valueOf(node, 'expires');
  const expires = text(expiresNode);
  const expiresAtMs = expires === undefined ? undefined : endOfDay(expires);
  if (expires === undefined)
    err(
      expiresNode ?? node,
      'missing-expires',
      `A scan exception needs 'expires: YYYY-MM-DD': accepted risks are reviewed again, never kept forever.`,
    );
  else if (expiresAtMs === undefined)
    err(
      expiresNode,
      'expires',
      `'expires' must be a date written YYYY-MM-DD (e.g. 2026-03-31), got '${expires}'.`,
    );
  const imageNode = valueOf(node, 'image');
  const image = imageNode === undefined ? undefined : text(imageNode);
  if (imageNode !== undefined && (image === undefined || !RESOURCE_NAME.test(image)))
    err(
      imageNode,
      'image',
      `'image' must be an image name (its definition's name, e.g. web-server), got ${image === undefined ? kindOf(imageNode) : `'${image}'`}.`,
    );
  const sevNode = valueOf(node, 'severity');
  const sevText = sevNode === undefined ? undefined : text(sevNode);
  const severity = parseSeverity(sevText);
  if (sevNode !== undefined && !severity)
    err(
      sevNode,
      'severity',
      `Unknown severity '${sevText ?? kindOf(sevNode)}'.${didYouMean(
        sevText ?? '',
        SEVERITIES.map((s) => s.toLowerCase()),
      )} Amazon Inspector rates findings ${SEVERITIES.map((s) => s.toLowerCase()).join(', ')}.`,
    );
  if (findings.length > before) return undefined;
  return {
    id: normalizeVulnerabilityId(id!),
    ...(image ? { image } : {}),
    ...(severity ? { severity } : {}),
    reason: reason!,
    expires: expires!,
    expiresAtMs: expiresAtMs!,
    file: src.file,
    line: positionOf(src, node).line,
    expiresAt: positionOf(src, expiresNode),
  };
}

export function parseExceptions(yamlText: string, file = EXCEPTIONS_FILE): ParsedExceptions {
  const src = parseYaml(yamlText, file);
  const findings = [...src.findings];
  if (hasErrors(src)) return { exceptions: [], findings };
  const root = src.doc.contents;
  if (root === null || root === undefined) return { exceptions: [], findings };
  const shape = `Write 'exceptions:' and a list of entries with id, reason and expires (see docs/scan-gate.md).`;
  if (!isMap(root)) {
    findings.push(
      findingAt(
        src,
        root,
        'error',
        'scan-exceptions/shape',
        `The file is ${kindOf(root)}. ${shape}`,
      ),
    );
    return { exceptions: [], findings };
  }
  for (const pair of root.items) {
    const k = keyName(pair);
    if (k !== 'exceptions')
      findings.push(
        findingAt(
          src,
          pair.key,
          'error',
          'scan-exceptions/unknown-key',
          `Unknown top-level key '${k}'.${didYouMean(k, ['exceptions'])} ${shape}`,
        ),
      );
  }
  const list = valueOf(root, 'exceptions');
  if (list === undefined || scalarValue(list) === null) return { exceptions: [], findings };
  if (!isSeq(list)) {
    findings.push(
      findingAt(
        src,
        list,
        'error',
        'scan-exceptions/shape',
        `'exceptions' must be a list, got ${kindOf(list)}. ${shape}`,
      ),
    );
    return { exceptions: [], findings };
  }
  const exceptions: ScanException[] = [];
  const seen = new Map<string, number>();
  for (const item of list.items) {
    if (!isMap(item)) {
      findings.push(
        findingAt(
          src,
          item,
          'error',
          'scan-exceptions/shape',
          `Each exception must be a mapping (id, reason, expires…), got ${kindOf(item)}.`,
        ),
      );
      continue;
    }
    const e = entry(src, item, findings);
    if (!e) continue;
    const key = `${e.id}|${e.image ?? '*'}`;
    const first = seen.get(key);
    if (first !== undefined)
      findings.push(
        findingAt(
          src,
          item,
          'warning',
          'scan-exceptions/duplicate',
          `${e.id}${e.image ? ` for ${e.image}` : ''} is already excepted at line ${first}; keep one entry.`,
        ),
      );
    else seen.set(key, e.line);
    exceptions.push(e);
  }
  return { exceptions, findings };
}

/** Expired entries are errors, entries expiring within EXPIRY_WARNING_DAYS warnings. */
export function expiryFindings(parsed: ParsedExceptions, nowMs: number): Finding[] {
  const out: Finding[] = [];
  for (const e of parsed.exceptions) {
    const base = { file: e.file, ...e.expiresAt };
    if (e.expiresAtMs < nowMs)
      out.push({
        ...base,
        severity: 'error',
        rule: 'scan-exceptions/expired',
        message: `The exception for ${e.id}${e.image ? ` (${e.image})` : ''} expired on ${e.expires}: the scan gate no longer applies it. Fix the finding and remove the entry, or, if the risk is still acceptable, review the reason and set a new 'expires'.`,
      });
    else if (e.expiresAtMs - nowMs < EXPIRY_WARNING_DAYS * DAY_MS)
      out.push({
        ...base,
        severity: 'warning',
        rule: 'scan-exceptions/expiring',
        message: `The exception for ${e.id}${e.image ? ` (${e.image})` : ''} expires on ${e.expires}, in less than ${EXPIRY_WARNING_DAYS} days; builds after that are blocked by it again.`,
      });
  }
  return out;
}

/** What `validate` reports for the exceptions file at time `nowMs`. */
export function validateExceptions(yamlText: string, file: string, nowMs: number): Finding[] {
  const parsed = parseExceptions(yamlText, file);
  return [...parsed.findings, ...expiryFindings(parsed, nowMs)];
}
