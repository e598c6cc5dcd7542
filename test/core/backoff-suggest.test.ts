import { describe, expect, it } from '@jest/globals';
import { backoffDelay, withBackoff } from '../../actions/lib/core/backoff.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { didYouMean, editDistance, suggest } from '../../actions/lib/core/suggest.js';

const awsError = (name: string) => Object.assign(new Error(name), { name });

describe('backoff', () => {
  it('stays within [cap/2, cap] with cap = min(capMs, base·2^n)', () => {
    for (const r of [0, 0.5, 0.999]) {
      for (let n = 0; n < 10; n++) {
        const cap = Math.min(30_000, 2_000 * 2 ** n);
        const d = backoffDelay(n, { baseMs: 2_000, capMs: 30_000, random: () => r });
        expect(d).toBeGreaterThanOrEqual(cap / 2);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('retries only the named errors, a bounded number of times, on the clock', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const retries: number[] = [];
    await expect(
      withBackoff(
        async () => {
          calls++;
          throw awsError('TooManyUpdates');
        },
        {
          clock,
          retryOn: ['TooManyUpdates'],
          attempts: 3,
          baseMs: 100,
          capMs: 1000,
          random: () => 0,
          onRetry: (n) => retries.push(n),
        },
      ),
    ).rejects.toThrow('TooManyUpdates');
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
    expect(clock.now()).toBe(50 + 100);

    calls = 0;
    await expect(
      withBackoff(async () => (calls++, Promise.reject(awsError('AccessDenied'))), {
        clock,
        retryOn: ['TooManyUpdates'],
      }),
    ).rejects.toThrow('AccessDenied');
    expect(calls).toBe(1);
    expect(await withBackoff(async () => 'ok', { clock, retryOn: [] })).toBe('ok');
  });
});

describe('suggest', () => {
  it('measures edit distance and stops early at a limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('offers the closest candidates, case-insensitively, closest first', () => {
    expect(suggest('ExecutePowershell', ['ExecutePowerShell', 'ExecuteBash'])).toEqual([
      'ExecutePowerShell',
    ]);
    expect(suggest('Instancetype', ['InstanceType', 'InstanceTypes', 'ImageId'])).toEqual([
      'InstanceType',
      'InstanceTypes',
    ]);
    expect(suggest('zzzzzz', ['ImageId'])).toEqual([]);
  });

  it('formats a ready-to-append sentence', () => {
    expect(didYouMean('paremeters', ['parameters', 'phases'])).toBe(' Did you mean `parameters`?');
    expect(didYouMean('Instancetype', ['InstanceType', 'InstanceTypes'], 2)).toBe(
      ' Did you mean `InstanceType` or `InstanceTypes`?',
    );
    expect(didYouMean('xyz', ['parameters'])).toBe('');
  });
});
