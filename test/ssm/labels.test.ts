import { describe, it, expect } from '@jest/globals';
import { deriveLabels, labelProblem, sanitizeLabel } from '../../actions/lib/ssm/labels.js';

describe('labels', () => {
  it('derives build and commit labels', () => {
    expect(
      deriveLabels({
        buildVersion: '1.2.3/1',
        commit: 'abc1234def5678',
        extra: ['release candidate'],
      }),
    ).toEqual({
      labels: ['build-1.2.3-1', 'commit-abc1234', 'release-candidate'],
      dropped: [],
    });
  });

  it('sanitizes to SSM rules', () => {
    expect(sanitizeLabel('  feature/x y!  ')).toBe('feature-x-y');
    expect(sanitizeLabel('1.2.3')).toBe('v-1.2.3');
    expect(sanitizeLabel('AWS-thing')).toBe('v-AWS-thing');
    expect(sanitizeLabel('ssm_x')).toBe('v-ssm_x');
    expect(sanitizeLabel('///')).toBeUndefined();
    expect(sanitizeLabel('a'.repeat(150))).toHaveLength(100);
    for (const l of ['feature-x-y', 'v-1.2.3', 'build-1.2.3-1'])
      expect(labelProblem(l)).toBeUndefined();
    expect(labelProblem('aws-x')).toMatch(/may not begin/);
    expect(labelProblem('a b')).toMatch(/only letters/);
  });

  it('deduplicates and keeps at most 10', () => {
    const extra = Array.from({ length: 12 }, (_, i) => `l${i}`);
    const r = deriveLabels({ commit: 'abc1234', extra: ['commit-abc1234', ...extra] });
    expect(r.labels).toHaveLength(10);
    expect(r.labels[0]).toBe('commit-abc1234');
    expect(r.dropped).toEqual(['l9', 'l10', 'l11']);
  });

  it('states why SSM would reject a label, at the limits of each rule', () => {
    expect(labelProblem('')).toBe('is empty');
    expect(labelProblem('a'.repeat(100))).toBeUndefined();
    expect(labelProblem('a'.repeat(101))).toBe('is longer than 100 characters');
    expect(labelProblem('a/b')).toBe(
      'may contain only letters, numbers, periods, hyphens and underscores',
    );
    for (const bad of ['7up', 'AWSx', 'Ssm.x', 'aws'])
      expect(labelProblem(bad)).toBe("may not begin with a number, 'aws' or 'ssm'");
    for (const ok of ['x7', 'my-aws', 'a.b_c-D', 'sm', 'as'])
      expect(labelProblem(ok)).toBeUndefined();
  });

  it('sanitizing collapses runs of other characters and trims hyphens at both ends', () => {
    expect(sanitizeLabel('a  //  b')).toBe('a-b');
    expect(sanitizeLabel('--a--')).toBe('a');
    expect(sanitizeLabel('-a b-')).toBe('a-b');
    expect(sanitizeLabel('')).toBeUndefined();
    expect(sanitizeLabel('2024', 'release-')).toBe('release-2024');
    // The prefix counts towards the 100 characters, and what comes out is always valid.
    const long = sanitizeLabel('9'.repeat(120))!;
    expect(long).toHaveLength(100);
    expect(long.startsWith('v-9')).toBe(true);
    expect(labelProblem(long)).toBeUndefined();
  });

  it('derives labels from what is given: no build version, no commit, a padded sha', () => {
    expect(deriveLabels({ commit: '  abcdef0123  ' }).labels).toEqual(['commit-abcdef0']);
    expect(deriveLabels({ buildVersion: '2.0.0/3' }).labels).toEqual(['build-2.0.0-3']);
    expect(deriveLabels({ extra: ['!!!', 'ok'] })).toEqual({ labels: ['ok'], dropped: [] });
    expect(deriveLabels({})).toEqual({ labels: [], dropped: [] });
  });

  it('keeps exactly 10 labels when there are 10', () => {
    const extra = Array.from({ length: 10 }, (_, i) => `l${i}`);
    expect(deriveLabels({ extra })).toEqual({ labels: extra, dropped: [] });
  });
});
