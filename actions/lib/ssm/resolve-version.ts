/**
 * Which parameter version a deploy pins: a number, a label, `previous` (the highest version below
 * the one the stack runs now) or `latest` (the current version, pinned as a number so the change set
 * shows it). Pure resolver + one history read; rollback never writes SSM.
 */
import { paginateGetParameterHistory, type SSMClient } from '@aws-sdk/client-ssm';
import { allPages, causeName } from '../core/aws-call.js';
import { ConfigurationError } from '../core/errors.js';

export interface HistoryEntry {
  version: number;
  value?: string;
  labels: string[];
}

export type VersionSpec =
  | { kind: 'number'; version: number }
  | { kind: 'label'; label: string }
  | { kind: 'previous' }
  | { kind: 'latest' };

export function parseVersionSpec(raw: string | undefined): VersionSpec {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'latest') return { kind: 'latest' };
  if (v === 'previous') return { kind: 'previous' };
  if (/^\d+$/.test(v)) {
    const version = Number(v);
    if (version < 1)
      throw new ConfigurationError(`AMI parameter version must be 1 or more, got '${v}'.`);
    return { kind: 'number', version };
  }
  return { kind: 'label', label: v };
}

export interface Resolved {
  version: number;
  value?: string;
  /** How we got there, for the log and the summary. */
  reason: string;
}

/**
 * @param current the version the stack pins now (its AmiParameterVersion), needed for `previous`.
 */
export function resolveVersion(
  spec: VersionSpec,
  history: readonly HistoryEntry[],
  name: string,
  current?: string,
): Resolved {
  if (history.length === 0)
    throw new ConfigurationError(`Parameter ${name} has no versions: publish an AMI first.`);
  const sorted = [...history].sort((a, b) => a.version - b.version);
  const newest = sorted[sorted.length - 1] as HistoryEntry;
  const range = `${(sorted[0] as HistoryEntry).version}–${newest.version}`;
  switch (spec.kind) {
    case 'latest':
      return { version: newest.version, value: newest.value, reason: `latest version of ${name}` };
    case 'number': {
      const e = sorted.find((h) => h.version === spec.version);
      if (!e) {
        throw new ConfigurationError(
          `Version ${spec.version} of ${name} does not exist (kept versions: ${range}; Parameter Store keeps the newest 100).`,
        );
      }
      return { version: e.version, value: e.value, reason: `version ${e.version}` };
    }
    case 'label': {
      const e = sorted.find((h) => h.labels.includes(spec.label));
      if (!e) {
        const known = [...new Set(sorted.flatMap((h) => h.labels))].slice(-10);
        throw new ConfigurationError(
          `No version of ${name} carries the label '${spec.label}'` +
            (known.length ? ` (recent labels: ${known.join(', ')})` : ' (no version has a label)') +
            ': give a version number, a label, previous or latest.',
        );
      }
      return { version: e.version, value: e.value, reason: `label ${spec.label}` };
    }
    case 'previous': {
      if (current === undefined || !/^\d+$/.test(current)) {
        throw new ConfigurationError(
          `'previous' needs the version the stack runs now, but its AmiParameterVersion is ${current === undefined ? 'not set (does the stack exist?)' : `'${current}'`}: give a version number or label instead.`,
        );
      }
      const below = sorted.filter((h) => h.version < Number(current));
      const e = below[below.length - 1];
      if (!e) {
        throw new ConfigurationError(
          `No version of ${name} is older than the deployed version ${current} (kept versions: ${range}): nothing to roll back to.`,
        );
      }
      return {
        version: e.version,
        value: e.value,
        reason: `previous: the highest version below the deployed ${current}`,
      };
    }
  }
}

export async function readHistory(
  ssm: SSMClient,
  name: string,
  region: string,
): Promise<HistoryEntry[]> {
  const history = await readHistoryIfExists(ssm, name, region);
  if (history === undefined) {
    throw new ConfigurationError(
      `SSM parameter ${name} does not exist in ${region}: run publish-ami for this region first, or fix ami-parameter-name.`,
    );
  }
  return history;
}

/** The parameter's versions, or undefined when it does not exist (yet): for callers that wait for it. */
export async function readHistoryIfExists(
  ssm: SSMClient,
  name: string,
  region: string,
): Promise<HistoryEntry[] | undefined> {
  try {
    const parameters = await allPages(
      'GetParameterHistory',
      `${name} in ${region}`,
      paginateGetParameterHistory({ client: ssm, pageSize: 50 }, { Name: name }),
      (page) => page.Parameters,
    );
    return parameters.flatMap((p) =>
      p.Version !== undefined
        ? [{ version: p.Version, value: p.Value, labels: p.Labels ?? [] }]
        : [],
    );
  } catch (e) {
    if (causeName(e) === 'ParameterNotFound') return undefined;
    throw e;
  }
}
