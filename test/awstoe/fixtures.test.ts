import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateComponent, parseComponent } from '../../actions/lib/awstoe/index.js';

const root = join(process.cwd(), 'test/fixtures/components');
const files = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yml'));

describe('real public component documents', () => {
  const valid = files('valid');
  it('has a varied corpus', () => {
    expect(valid.length).toBeGreaterThanOrEqual(6);
  });
  it.each(valid)('%s has no errors and cites its source', (f) => {
    const text = readFileSync(join(root, 'valid', f), 'utf8');
    expect(text).toMatch(/^# Source: .+/);
    expect(text).toMatch(/commit [0-9a-f]{40}/);
    const errors = validateComponent(text, f).filter((x) => x.severity === 'error');
    expect(errors).toEqual([]);
    const parsed = parseComponent(text, f);
    expect(parsed.document?.phases.length).toBeGreaterThan(0);
  });
});

describe('broken variants', () => {
  it.each(files('invalid'))('%s reports the expected rule on the expected line', (f) => {
    const text = readFileSync(join(root, 'invalid', f), 'utf8');
    const expected = [...text.matchAll(/^# expect: (\S+) (error|warning) (\d+)$/gm)].map((m) => ({
      rule: m[1],
      severity: m[2],
      line: Number(m[3]),
    }));
    expect(expected.length).toBeGreaterThan(0);
    const findings = validateComponent(text, f);
    for (const e of expected) {
      expect(findings).toContainEqual(expect.objectContaining({ ...e, file: f }));
    }
    for (const finding of findings) {
      expect(finding.message.length).toBeGreaterThan(20);
      expect(finding.column).toBeGreaterThanOrEqual(1);
    }
  });
});
