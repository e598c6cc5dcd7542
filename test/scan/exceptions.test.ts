import { describe, it, expect } from '@jest/globals';
import {
  endOfDay,
  parseExceptions,
  validateExceptions,
} from '../../actions/lib/scan/exceptions.js';

const FILE = 'components/scan-exceptions.yml';
const NOW = Date.parse('2026-06-15T12:00:00Z');

function rules(text: string, now = NOW) {
  return validateExceptions(text, FILE, now).map(
    (f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`,
  );
}

describe('parseExceptions', () => {
  it('reads entries with their line, normalizing ids and severities', () => {
    const p = parseExceptions(
      [
        '# accepted risks',
        'exceptions:',
        '  - id: cve-2024-3094',
        '    image: web-server',
        '    severity: high',
        '    reason: xz is not installed on this image',
        '    expires: 2026-12-31',
        '  - id: GHSA-jfh8-c2jp-5v3q',
        '    reason: dev dependency only',
        '    expires: 2026-07-31',
        '',
      ].join('\n'),
      FILE,
    );
    expect(p.findings).toEqual([]);
    expect(p.exceptions).toEqual([
      {
        id: 'CVE-2024-3094',
        image: 'web-server',
        severity: 'HIGH',
        reason: 'xz is not installed on this image',
        expires: '2026-12-31',
        expiresAtMs: Date.parse('2026-12-31T23:59:59.999Z'),
        file: FILE,
        line: 3,
        expiresAt: { line: 7, column: 14 },
      },
      expect.objectContaining({ id: 'GHSA-jfh8-c2jp-5v3q', line: 8 }),
    ]);
  });

  it('an empty file, or an empty list, is no exceptions', () => {
    expect(parseExceptions('', FILE)).toEqual({ exceptions: [], findings: [] });
    expect(parseExceptions('exceptions: []\n', FILE)).toEqual({ exceptions: [], findings: [] });
    expect(parseExceptions('exceptions:\n', FILE)).toEqual({ exceptions: [], findings: [] });
  });

  it('endOfDay rejects dates that do not exist', () => {
    expect(endOfDay('2026-02-30')).toBeUndefined();
    expect(endOfDay('2026-2-3')).toBeUndefined();
    expect(endOfDay('2028-02-29')).toBe(Date.parse('2028-02-29T23:59:59.999Z'));
  });
});

describe('validateExceptions: errors at the line', () => {
  it('unknown severity, malformed id, missing reason, bad date, unknown key', () => {
    const text = [
      'exceptions:',
      '  - id: CVE-2024-3094',
      '    severity: severe',
      '    reason: r',
      '    expires: 2026-12-31',
      '  - id: log4shell',
      '    reason: r',
      '    expires: 2026-12-31',
      '  - id: CVE-2024-0001',
      '    expires: 2026-12-31',
      '  - id: CVE-2024-0002',
      '    reason: r',
      '    expires: 31/12/2026',
      '    imgae: web-server',
      '',
    ].join('\n');
    expect(rules(text)).toEqual([
      '3:15 error scan-exceptions/severity',
      '6:9 error scan-exceptions/vulnerability-id',
      '9:5 error scan-exceptions/missing-reason',
      '14:5 error scan-exceptions/unknown-key',
      '13:14 error scan-exceptions/expires',
    ]);
    const msgs = validateExceptions(text, FILE, NOW).map((f) => f.message);
    expect(msgs[0]).toContain("Unknown severity 'severe'");
    expect(msgs[1]).toContain("'log4shell' is not a vulnerability id");
    expect(msgs[1]).toContain('CVE (CVE-2024-3094)');
    expect(msgs[3]).toContain('Did you mean `image`?');
  });

  it('an expired entry is an error, one expiring soon a warning, by the given clock', () => {
    const text = [
      'exceptions:',
      '  - id: CVE-2024-0001',
      '    reason: r',
      '    expires: 2026-06-14',
      '  - id: CVE-2024-0002',
      '    reason: r',
      '    expires: 2026-06-20',
      '  - id: CVE-2024-0003',
      '    reason: r',
      '    expires: 2027-01-01',
      '',
    ].join('\n');
    expect(rules(text)).toEqual([
      '4:14 error scan-exceptions/expired',
      '7:14 warning scan-exceptions/expiring',
    ]);
    // A day later than the expiry of the first, a year before: nothing.
    expect(rules(text, Date.parse('2025-06-01T00:00:00Z'))).toEqual([]);
  });

  it('shape: not a mapping, exceptions not a list, entries not mappings, unknown top-level key, duplicates', () => {
    expect(rules('- id: CVE-2024-0001\n')).toEqual(['1:1 error scan-exceptions/shape']);
    expect(rules('exceptions: CVE-2024-0001\n')).toEqual(['1:13 error scan-exceptions/shape']);
    expect(rules('exceptions:\n  - CVE-2024-0001\n')).toEqual(['2:5 error scan-exceptions/shape']);
    expect(rules('exception: []\n')).toEqual(['1:1 error scan-exceptions/unknown-key']);
    const dup =
      'exceptions:\n' + '  - {id: CVE-2024-0001, reason: r, expires: 2027-01-01}\n'.repeat(2);
    expect(rules(dup)).toEqual(['3:5 warning scan-exceptions/duplicate']);
  });

  it('YAML syntax errors come through with their position', () => {
    expect(rules('exceptions:\n  - id: a\n  id: b\n')[0]).toMatch(/^\d+:\d+ error yaml\//);
  });
});
