import { describe, it, expect } from '@jest/globals';
import {
  atOrAbove,
  bySeverity,
  parseSeverity,
  severityRank,
} from '../../actions/lib/scan/severity.js';
import {
  isVulnerabilityId,
  normalizeVulnerabilityId,
} from '../../actions/lib/scan/vulnerability-id.js';
import {
  blockedMessage,
  evaluateGate,
  toScanFinding,
  type ScanFinding,
} from '../../actions/lib/scan/gate.js';
import { endOfDay, type ScanException } from '../../actions/lib/scan/exceptions.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');

function finding(id: string, severity: string, extra: Partial<ScanFinding> = {}): ScanFinding {
  return {
    vulnerabilityId: id,
    severity,
    packages: [{ name: 'openssl', version: '3.0.8-1.amzn2023', fixedInVersion: '3.0.9' }],
    score: 9.8,
    links: [`https://nvd.nist.gov/vuln/detail/${id}`],
    ...extra,
  };
}

function exception(id: string, extra: Partial<ScanException> = {}): ScanException {
  return {
    id,
    reason: 'not reachable',
    expires: '2026-12-31',
    expiresAtMs: endOfDay('2026-12-31')!,
    file: 'components/scan-exceptions.yml',
    line: 3,
    expiresAt: { line: 5, column: 14 },
    ...extra,
  };
}

describe('severity ordering', () => {
  it('ranks CRITICAL > HIGH > MEDIUM > LOW > INFORMATIONAL, UNTRIAGED outside the scale', () => {
    const order = ['LOW', 'CRITICAL', 'UNTRIAGED', 'MEDIUM', 'INFORMATIONAL', 'HIGH'].map((s) => ({
      severity: s,
    }));
    expect(order.sort(bySeverity).map((x) => x.severity)).toEqual([
      'CRITICAL',
      'HIGH',
      'MEDIUM',
      'LOW',
      'INFORMATIONAL',
      'UNTRIAGED',
    ]);
    expect(severityRank('untriaged')).toBe(0);
    expect(parseSeverity('High')).toBe('HIGH');
    expect(parseSeverity('severe')).toBeUndefined();
  });

  it('fail-on is inclusive and none never blocks', () => {
    expect(atOrAbove('CRITICAL', 'critical')).toBe(true);
    expect(atOrAbove('HIGH', 'critical')).toBe(false);
    expect(atOrAbove('HIGH', 'high')).toBe(true);
    expect(atOrAbove('MEDIUM', 'high')).toBe(false);
    expect(atOrAbove('MEDIUM', 'medium')).toBe(true);
    expect(atOrAbove('LOW', 'medium')).toBe(false);
    expect(atOrAbove('CRITICAL', 'none')).toBe(false);
    expect(atOrAbove('UNTRIAGED', 'medium')).toBe(false);
  });
});

describe('vulnerability ids', () => {
  it.each([
    'CVE-2024-3094',
    'cve-2021-44228',
    'CVE-2023-1234567',
    'GHSA-jfh8-c2jp-5v3q',
    'ALAS-2023-1700',
    'ALAS2-2024-2466',
    'ALAS2023-2024-524',
    'ALASKERNEL-5.10-2023-039',
    'KB5023697',
  ])('accepts %s', (id) => expect(isVulnerabilityId(id)).toBe(true));

  it.each(['CVE-24-1', 'CVE-2024-12', 'GHSA-1234-5678-9abc', 'ALAS-23-1', 'log4shell', 'KB12'])(
    'rejects %s',
    (id) => expect(isVulnerabilityId(id)).toBe(false),
  );

  it('normalizes case the way Inspector writes ids', () => {
    expect(normalizeVulnerabilityId(' cve-2024-3094 ')).toBe('CVE-2024-3094');
    expect(normalizeVulnerabilityId('ghsa-JFH8-c2jp-5v3q')).toBe('GHSA-jfh8-c2jp-5v3q');
  });
});

describe('evaluateGate', () => {
  const base = { failOn: 'critical' as const, image: 'web-server', nowMs: NOW, exceptions: [] };

  it('passes a clean image and counts every severity', () => {
    const v = evaluateGate({
      ...base,
      findings: [finding('CVE-2024-0001', 'HIGH'), finding('CVE-2024-0002', 'LOW')],
    });
    expect(v.status).toBe('passed');
    expect(v.counts).toMatchObject({ CRITICAL: 0, HIGH: 1, LOW: 1, UNTRIAGED: 0 });
    expect(v.total).toBe(2);
  });

  it('blocks on a critical finding without an exception, worst first', () => {
    const v = evaluateGate({
      ...base,
      failOn: 'high',
      findings: [
        finding('CVE-2024-0001', 'HIGH'),
        finding('CVE-2024-0002', 'CRITICAL'),
        finding('CVE-2024-0003', 'MEDIUM'),
      ],
    });
    expect(v.status).toBe('blocked');
    expect(v.blocking.map((f) => f.vulnerabilityId)).toEqual(['CVE-2024-0002', 'CVE-2024-0001']);
  });

  it('an exception for the id (any image, or this image) lets the finding through', () => {
    const findings = [finding('CVE-2024-0002', 'CRITICAL')];
    for (const e of [
      exception('CVE-2024-0002'),
      exception('CVE-2024-0002', { image: 'web-server' }),
    ]) {
      const v = evaluateGate({ ...base, findings, exceptions: [e] });
      expect(v.status).toBe('passed');
      expect(v.accepted).toHaveLength(1);
      expect(v.accepted[0]!.exception).toBe(e);
    }
  });

  it('an exception for another image, expired, or for a lower severity does not apply, and says why', () => {
    const findings = [finding('CVE-2024-0002', 'CRITICAL')];
    const cases: [ScanException, string][] = [
      [exception('CVE-2024-0002', { image: 'db-server' }), 'it is for image db-server'],
      [
        exception('CVE-2024-0002', { expires: '2026-06-14', expiresAtMs: endOfDay('2026-06-14')! }),
        'it expired on 2026-06-14',
      ],
      [
        exception('CVE-2024-0002', { severity: 'HIGH' }),
        'it accepts at most HIGH and Inspector now rates it CRITICAL',
      ],
    ];
    for (const [e, why] of cases) {
      const v = evaluateGate({ ...base, findings, exceptions: [e] });
      expect(v.status).toBe('blocked');
      expect(v.ignored).toEqual([{ finding: findings[0], exception: e, why }]);
    }
  });

  it('expiry follows the injected clock: valid through the last day, UTC', () => {
    const e = exception('CVE-2024-0002', {
      expires: '2026-06-15',
      expiresAtMs: endOfDay('2026-06-15')!,
    });
    const findings = [finding('CVE-2024-0002', 'CRITICAL')];
    const at = (iso: string) =>
      evaluateGate({ ...base, findings, exceptions: [e], nowMs: Date.parse(iso) }).status;
    expect(at('2026-06-15T23:59:59.999Z')).toBe('passed');
    expect(at('2026-06-16T00:00:00.000Z')).toBe('blocked');
  });

  it('fail-on none reports without blocking', () => {
    const v = evaluateGate({
      ...base,
      failOn: 'none',
      findings: [finding('CVE-2024-0002', 'CRITICAL')],
    });
    expect(v.status).toBe('passed');
    expect(v.counts['CRITICAL']).toBe(1);
  });

  it('the blocked message names the findings, the ignored exception and how to accept one', () => {
    const v = evaluateGate({
      ...base,
      findings: [finding('CVE-2024-0002', 'CRITICAL')],
      exceptions: [exception('CVE-2024-0002', { image: 'db-server' })],
    });
    const msg = blockedMessage(v, {
      image: 'web-server',
      imageBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1',
      exceptionsFile: 'components/scan-exceptions.yml',
    });
    expect(msg).toContain('blocked by the scan gate (fail-on: critical)');
    expect(msg).toContain(
      'CVE-2024-0002 CRITICAL 9.8 in openssl 3.0.8-1.amzn2023 (fixed in 3.0.9)',
    );
    expect(msg).toContain(
      'components/scan-exceptions.yml:3: the exception for CVE-2024-0002 does not apply: it is for image db-server.',
    );
    expect(msg).toContain('  - id: CVE-2024-0002\n    image: web-server\n    reason:');
  });
});

describe('toScanFinding', () => {
  it('maps the API shape: id, package with release, fixed-in, score, links', () => {
    const f = toScanFinding({
      severity: 'HIGH',
      title: 'CVE-2024-3094 - xz',
      inspectorScore: 8.1,
      fixAvailable: 'YES',
      packageVulnerabilityDetails: {
        vulnerabilityId: 'CVE-2024-3094',
        vulnerablePackages: [
          { name: 'xz', version: '5.6.0', release: '1.amzn2023', fixedInVersion: '5.6.1' },
        ],
        sourceUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2024-3094',
        referenceUrls: ['https://example.org/a', 'https://nvd.nist.gov/vuln/detail/CVE-2024-3094'],
        cvss: [{ baseScore: 10 }],
      },
    });
    expect(f).toEqual({
      vulnerabilityId: 'CVE-2024-3094',
      severity: 'HIGH',
      title: 'CVE-2024-3094 - xz',
      packages: [{ name: 'xz', version: '5.6.0-1.amzn2023', fixedInVersion: '5.6.1' }],
      score: 8.1,
      links: ['https://nvd.nist.gov/vuln/detail/CVE-2024-3094', 'https://example.org/a'],
      fixAvailable: 'YES',
    });
    expect(
      toScanFinding({
        packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2024-1', cvss: [{ baseScore: 5 }] },
      }).score,
    ).toBe(5);
  });
});
