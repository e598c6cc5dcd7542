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
});
