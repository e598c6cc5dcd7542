import { describe, it, expect } from '@jest/globals';
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import {
  parseVersionSpec,
  readHistory,
  resolveVersion,
  type HistoryEntry,
} from '../../actions/lib/ssm/resolve-version.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { inProcessAws } from '../support/in-process-aws.js';

const N = '/golden-ami/web';
const history: HistoryEntry[] = [
  { version: 3, value: 'ami-3', labels: ['build-1.0.0-1'] },
  { version: 5, value: 'ami-5', labels: ['build-1.1.0-1', 'commit-abc1234'] },
  { version: 4, value: 'ami-4', labels: [] },
];

describe('resolveVersion', () => {
  it('parses the forms', () => {
    expect(parseVersionSpec('7')).toEqual({ kind: 'number', version: 7 });
    expect(parseVersionSpec('')).toEqual({ kind: 'latest' });
    expect(parseVersionSpec('previous')).toEqual({ kind: 'previous' });
    expect(parseVersionSpec('build-1.0.0-1')).toEqual({ kind: 'label', label: 'build-1.0.0-1' });
    expect(() => parseVersionSpec('0')).toThrow(ConfigurationError);
  });

  it('reads only a whole number as a version number: digits with anything around them are a label', () => {
    expect(parseVersionSpec('v7')).toEqual({ kind: 'label', label: 'v7' });
    expect(parseVersionSpec('7a')).toEqual({ kind: 'label', label: '7a' });
    expect(parseVersionSpec(' 12 ')).toEqual({ kind: 'number', version: 12 });
  });

  it("'previous' needs the deployed version as a whole number, and says what it found instead", () => {
    for (const deployed of ['v5', '5a', ''])
      expect(() => resolveVersion({ kind: 'previous' }, history, N, deployed)).toThrow(
        `its AmiParameterVersion is '${deployed}': give a version number or label instead.`,
      );
  });

  it('resolves a number, a label and latest', () => {
    expect(resolveVersion(parseVersionSpec('4'), history, N).version).toBe(4);
    expect(resolveVersion(parseVersionSpec('commit-abc1234'), history, N)).toMatchObject({
      version: 5,
      value: 'ami-5',
    });
    expect(resolveVersion(parseVersionSpec('latest'), history, N).version).toBe(5);
  });

  it('resolves previous from the deployed version', () => {
    expect(resolveVersion({ kind: 'previous' }, history, N, '5').version).toBe(4);
    expect(resolveVersion({ kind: 'previous' }, history, N, '4').version).toBe(3);
    expect(() => resolveVersion({ kind: 'previous' }, history, N, '3')).toThrow(
      'nothing to roll back to',
    );
    expect(() => resolveVersion({ kind: 'previous' }, history, N, undefined)).toThrow(
      'does the stack exist',
    );
  });

  it('explains what is missing', () => {
    expect(() => resolveVersion(parseVersionSpec('2'), history, N)).toThrow('kept versions: 3–5');
    expect(() => resolveVersion(parseVersionSpec('nope'), history, N)).toThrow(
      'recent labels: build-1.0.0-1, build-1.1.0-1, commit-abc1234',
    );
    expect(() => resolveVersion({ kind: 'latest' }, [], N)).toThrow('publish an AMI first');
  });

  it('reads every page of the history (the SDK paginator, 50 a page), against the emulator', async () => {
    const aws = inProcessAws();
    const ssm = aws.ssm('us-east-1');
    for (let v = 1; v <= 60; v++)
      await ssm.send(
        new PutParameterCommand({ Name: N, Value: `ami-${v}`, Type: 'String', Overwrite: true }),
      );
    await ssm.send(
      new LabelParameterVersionCommand({ Name: N, ParameterVersion: 2, Labels: ['x'] }),
    );
    const read = await readHistory(ssm, N, 'us-east-1');
    expect(read.map((h) => h.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(read[1]).toEqual({ version: 2, value: 'ami-2', labels: ['x'] });
    expect(aws.emulator.admin.calls()['ssm.GetParameterHistory']).toBe(2);
    await expect(readHistory(aws.ssm('eu-west-1'), N, 'eu-west-1')).rejects.toThrow(
      'does not exist in eu-west-1',
    );
  });
});
