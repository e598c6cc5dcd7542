import { describe, it, expect } from '@jest/globals';
import { loadImageDefinition } from '../../actions/lib/definitions/load.js';

const BASE = `platform: Linux
parentImage: ami-0123456789abcdef0
components:
  - arn: arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x
ssmParameter: /golden-ami/web
`;

describe('the scan setting of an image definition', () => {
  it('defaults to nothing (scanning on, fail on critical, applied by the consumers)', () => {
    expect(loadImageDefinition(BASE, 'components/images/web.yml').definition?.scan).toBeUndefined();
  });

  it('reads enabled and fail-on, with defaults for the one left out', () => {
    const d = loadImageDefinition(`${BASE}scan:\n  fail-on: high\n`, 'components/images/web.yml');
    expect(d.findings).toEqual([]);
    expect(d.definition?.scan).toEqual({ enabled: true, failOn: 'high' });
    const off = loadImageDefinition(
      `${BASE}scan: { enabled: false }\n`,
      'components/images/web.yml',
    );
    expect(off.definition?.scan).toEqual({ enabled: false, failOn: 'critical' });
  });

  it('rejects an unknown fail-on at its line', () => {
    const d = loadImageDefinition(`${BASE}scan:\n  fail-on: severe\n`, 'components/images/web.yml');
    expect(d.definition).toBeUndefined();
    expect(d.findings.map((f) => [f.line, f.severity])).toEqual([[7, 'error']]);
    expect(d.findings[0]!.message).toMatch(/critical/);
  });
});

describe('plan and the scan exceptions file', () => {
  it('a change to components/scan-exceptions.yml rebuilds every image, so the gate decides again', async () => {
    const { planImages } = await import('../../actions/lib/definitions/plan.js');
    const { imageGraph } = await import('../../actions/lib/definitions/graph.js');
    const def = loadImageDefinition(BASE, 'components/images/web.yml').definition!;
    const plan = planImages({
      event: 'push',
      changedFiles: ['components/scan-exceptions.yml'],
      definitions: [def],
      graph: imageGraph([def]),
    });
    expect(plan.entries.map((e) => [e.image, e.rebuild])).toEqual([['web', true]]);
    expect(plan.entries[0]!.reasons[0]).toMatch(/Scan exceptions changed/);
    expect(plan.unrelatedFiles).toEqual([]);
  });
});
