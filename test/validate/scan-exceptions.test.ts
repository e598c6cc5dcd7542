import { describe, expect, it } from '@jest/globals';
import { classifyByContent, classifyByPath } from '../../actions/lib/validate/classify.js';
import { validateFiles } from '../../actions/lib/validate/engine.js';
import { createValidators } from '../../actions/lib/validate/validators.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('the scan exceptions file in validate', () => {
  it('is its own kind, not a component document', () => {
    expect(classifyByPath('components/scan-exceptions.yml')).toBe('scan-exceptions');
    expect(classifyByPath('components/other.yml')).toBe('component');
    expect(classifyByContent('exceptions:\n  - id: CVE-2024-0001\n')).toBe('scan-exceptions');
  });

  it('is checked by the exceptions rules, with expiry by the given clock', async () => {
    const files: Record<string, string> = {
      'components/scan-exceptions.yml':
        'exceptions:\n  - id: CVE-2024-0001\n    reason: r\n    expires: 2026-06-01\n  - id: nope\n    reason: r\n    expires: 2027-01-01\n',
    };
    const report = await validateFiles(
      '/nonexistent',
      Object.keys(files),
      createValidators(undefined, { now: () => NOW }),
      (p) => files[p]!,
    );
    expect(report.files).toEqual([
      { file: 'components/scan-exceptions.yml', kind: 'scan-exceptions' },
    ]);
    expect(report.findings.map((f) => `${f.line} ${f.rule}`).sort()).toEqual([
      '4 scan-exceptions/expired',
      '5 scan-exceptions/vulnerability-id',
    ]);
  });

  it("the repository's own file is valid", async () => {
    const report = await validateFiles(
      process.cwd(),
      ['components/scan-exceptions.yml'],
      createValidators(),
    );
    expect(report.findings).toEqual([]);
  });
});
