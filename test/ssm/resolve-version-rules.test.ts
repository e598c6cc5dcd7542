/**
 * Which AMI parameter version a deploy or a rollback pins, at the edges: the forms a user types,
 * gaps in the history, labels, and the history read from the emulator's Parameter Store.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import {
  LabelParameterVersionCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { AwsOperationError, ConfigurationError } from '../../actions/lib/core/errors.js';
import {
  parseVersionSpec,
  readHistory,
  resolveVersion,
  type HistoryEntry,
} from '../../actions/lib/ssm/resolve-version.js';
import { startEnv, type Env } from '../local-aws/helpers.js';

const N = '/golden-ami/web';
// Version 4 was deleted by Parameter Store's 100-version limit, or never existed in this region.
const gappy: HistoryEntry[] = [
  { version: 5, value: 'ami-5', labels: ['release'] },
  { version: 3, value: 'ami-3', labels: [] },
  { version: 7, value: 'ami-7', labels: [] },
];

describe('parseVersionSpec', () => {
  it('reads what a user types, spaces around it included', () => {
    expect(parseVersionSpec(undefined)).toEqual({ kind: 'latest' });
    expect(parseVersionSpec('  latest ')).toEqual({ kind: 'latest' });
    expect(parseVersionSpec(' previous\n')).toEqual({ kind: 'previous' });
    expect(parseVersionSpec(' 12 ')).toEqual({ kind: 'number', version: 12 });
    expect(parseVersionSpec('007')).toEqual({ kind: 'number', version: 7 });
    expect(parseVersionSpec('1')).toEqual({ kind: 'number', version: 1 });
    // Not a whole number: a label (SSM labels may not start with a digit, so it will not match).
    expect(parseVersionSpec('1.5')).toEqual({ kind: 'label', label: '1.5' });
    expect(parseVersionSpec('v12')).toEqual({ kind: 'label', label: 'v12' });
    expect(parseVersionSpec('Latest')).toEqual({ kind: 'label', label: 'Latest' });
  });

  it('refuses version 0 with the rule', () => {
    expect(() => parseVersionSpec('0')).toThrow(
      "AMI parameter version must be 1 or more, got '0'.",
    );
    expect(() => parseVersionSpec('000')).toThrow(ConfigurationError);
  });
});

describe('resolveVersion', () => {
  it('says how it got there', () => {
    expect(resolveVersion({ kind: 'latest' }, gappy, N)).toEqual({
      version: 7,
      value: 'ami-7',
      reason: `latest version of ${N}`,
    });
    expect(resolveVersion({ kind: 'number', version: 3 }, gappy, N)).toEqual({
      version: 3,
      value: 'ami-3',
      reason: 'version 3',
    });
    expect(resolveVersion({ kind: 'label', label: 'release' }, gappy, N)).toEqual({
      version: 5,
      value: 'ami-5',
      reason: 'label release',
    });
  });

  it('previous is the highest existing version below the deployed one, across gaps', () => {
    expect(resolveVersion({ kind: 'previous' }, gappy, N, '7')).toEqual({
      version: 5,
      value: 'ami-5',
      reason: 'previous: the highest version below the deployed 7',
    });
    // Deployed version 4 no longer exists: previous is still the one below it.
    expect(resolveVersion({ kind: 'previous' }, gappy, N, '4').version).toBe(3);
    // A stack pinned above the history (another region's numbering): the newest below it.
    expect(resolveVersion({ kind: 'previous' }, gappy, N, '100').version).toBe(7);
  });

  it('explains a previous that cannot be found', () => {
    expect(() => resolveVersion({ kind: 'previous' }, gappy, N, 'abc')).toThrow(
      "'previous' needs the version the stack runs now, but its AmiParameterVersion is 'abc': give a version number or label instead.",
    );
    expect(() => resolveVersion({ kind: 'previous' }, gappy, N, '3')).toThrow(
      `No version of ${N} is older than the deployed version 3 (kept versions: 3–7): nothing to roll back to.`,
    );
  });

  it('explains a missing number or label with what there is', () => {
    expect(() => resolveVersion({ kind: 'number', version: 4 }, gappy, N)).toThrow(
      `Version 4 of ${N} does not exist (kept versions: 3–7; Parameter Store keeps the newest 100).`,
    );
    expect(() => resolveVersion({ kind: 'label', label: 'x' }, gappy.slice(1), N)).toThrow(
      `No version of ${N} carries the label 'x' (no version has a label): give a version number, a label, previous or latest.`,
    );
    const many = Array.from({ length: 12 }, (_, i) => ({
      version: i + 1,
      labels: [`l${i + 1}`],
    }));
    const err = (() => {
      try {
        resolveVersion({ kind: 'label', label: 'x' }, many, N);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // The ten most recent labels, oldest first.
    expect(err).toContain('(recent labels: l3, l4, l5, l6, l7, l8, l9, l10, l11, l12)');
    expect(() => resolveVersion({ kind: 'previous' }, [], N, '3')).toThrow(
      `Parameter ${N} has no versions: publish an AMI first.`,
    );
  });
});

describe('readHistory, from the emulator', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
    const ssm = env.ssm('us-east-1');
    // 60 versions: more than one page of GetParameterHistory (at most 50 per page).
    for (let i = 1; i <= 60; i++)
      await ssm.send(
        new PutParameterCommand({ Name: N, Value: `ami-${i}`, Type: 'String', Overwrite: true }),
      );
    await ssm.send(
      new LabelParameterVersionCommand({ Name: N, ParameterVersion: 59, Labels: ['release'] }),
    );
  });
  afterAll(() => env.aws.close());

  it('reads every version across pages, with values and labels', async () => {
    const h = await readHistory(env.ssm('us-east-1'), N, 'us-east-1');
    expect(h).toHaveLength(60);
    expect(h.map((e) => e.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(h[58]).toEqual({ version: 59, value: 'ami-59', labels: ['release'] });
    expect(h[0]).toEqual({ version: 1, value: 'ami-1', labels: [] });
    expect(resolveVersion({ kind: 'label', label: 'release' }, h, N).value).toBe('ami-59');
  });

  it('names the region and the fix when the parameter does not exist there', async () => {
    await expect(readHistory(env.ssm('us-west-2'), N, 'us-west-2')).rejects.toThrow(
      `SSM parameter ${N} does not exist in us-west-2: run publish-ami for this region first, or fix ami-parameter-name.`,
    );
  });

  it('wraps other errors with the call, the parameter and the region', async () => {
    const denied = {
      send: async () => {
        throw Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
      },
    } as unknown as SSMClient;
    const err = (await readHistory(denied, N, 'us-east-1').catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err.message).toContain(`GetParameterHistory failed for ${N} in us-east-1`);
  });
});
