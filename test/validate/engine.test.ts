import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { validateFiles, type Validators } from '../../actions/lib/validate/engine.js';
import { renderJson, renderSummary, renderText } from '../../actions/lib/validate/report.js';

const f = (file: string, line: number, severity: Finding['severity'], rule: string): Finding => ({
  file,
  line,
  column: 2,
  severity,
  rule,
  message: `${rule} here`,
});

function fakeValidators(calls: string[]): Validators {
  return {
    component: (_t, file) => (calls.push(`component:${file}`), [f(file, 3, 'error', 'awstoe/x')]),
    template: async (_t, file) => (
      calls.push(`template:${file}`),
      [f(file, 5, 'warning', 'cfn/y')]
    ),
    workflow: (_t, file) => (calls.push(`workflow:${file}`), []),
    definitions: (_root, files) => (calls.push(`definitions:${files.join(',')}`), []),
  };
}

const files: Record<string, string> = {
  'components/a.yml': 'phases: []',
  'components/images/img.yml': 'parentImage: x',
  'components/images/img2.yml': 'parentImage: y',
  'stacks/s.yml': 'Resources: {}',
  '.github/workflows/w.yml': 'on: push\njobs: {}',
  'elsewhere/t.yml': 'Resources: {}',
  'elsewhere/unknown.yml': 'hello: world',
};
const read = (p: string) => {
  const t = files[p];
  if (t === undefined) throw new Error(`ENOENT: ${p}`);
  return t;
};

describe('validateFiles', () => {
  it('sends each file to its validator and definitions together', async () => {
    const calls: string[] = [];
    const report = await validateFiles('/repo', Object.keys(files), fakeValidators(calls), read);
    expect([...calls].sort()).toEqual([
      'component:components/a.yml',
      'definitions:components/images/img.yml,components/images/img2.yml',
      'template:elsewhere/t.yml',
      'template:stacks/s.yml',
      'workflow:.github/workflows/w.yml',
    ]);
    // Definitions go last, together, once every file has been read.
    expect(calls.at(-1)).toMatch(/^definitions:/);
    expect(report.files.map((x) => x.kind).sort()).toEqual([
      'component',
      'definition',
      'definition',
      'template',
      'template',
      'workflow',
    ]);
    const unknown = report.findings.find((x) => x.file === 'elsewhere/unknown.yml');
    expect(unknown).toMatchObject({ severity: 'error', rule: 'validate/unknown-kind' });
  });

  it('turns a crashing validator into a finding and still checks the other files', async () => {
    const v = fakeValidators([]);
    v.component = () => {
      throw new TypeError('boom');
    };
    const report = await validateFiles(
      '/repo',
      ['components/a.yml', 'stacks/s.yml', 'components/gone.yml'],
      v,
      read,
    );
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'components/a.yml',
          rule: 'validate/internal-error',
          message: expect.stringContaining('boom'),
        }),
        expect.objectContaining({ file: 'stacks/s.yml', rule: 'cfn/y' }),
        expect.objectContaining({ file: 'components/gone.yml', rule: 'validate/unreadable' }),
      ]),
    );
  });
});

describe('report renderers', () => {
  const report = {
    files: [
      { file: 'b.yml', kind: 'component' as const },
      { file: 'a.yml', kind: 'template' as const },
    ],
    findings: [f('b.yml', 9, 'error', 'awstoe/x'), f('a.yml', 4, 'warning', 'cfn/p|q')],
  };

  it('text: sorted compiler-style lines and a count', () => {
    expect(renderText(report)).toBe(
      'a.yml:4:2: warning: cfn/p|q here [cfn/p|q]\nb.yml:9:2: error: awstoe/x here [awstoe/x]\n2 files checked: 1 error, 1 warning\n',
    );
  });

  it('json: counts and findings', () => {
    const j = JSON.parse(renderJson(report));
    expect(j).toMatchObject({ error: 1, warning: 1 });
    expect(j.findings.map((x: Finding) => x.file)).toEqual(['a.yml', 'b.yml']);
  });

  it('summary: a row per kind and per finding, pipes escaped', () => {
    const md = renderSummary(report);
    expect(md).toContain('## Validate: ❌ 2 files checked: 1 error, 1 warning');
    expect(md).toContain('| component documents | 1 | 1 | 0 |');
    expect(md).toContain('| CloudFormation templates | 1 | 0 | 1 |');
    expect(md).toContain('| `a.yml:4:2` | warning | `cfn/p\\|q` |');
  });

  it('summary: caps rows and says how to see the rest', () => {
    const many = {
      files: report.files,
      findings: Array.from({ length: 5 }, (_, i) => f('b.yml', i + 1, 'error', 'r')),
    };
    const md = renderSummary(many, 2);
    expect(md.match(/\| `b\.yml/g)).toHaveLength(2);
    expect(md).toContain('…and 3 more');
  });
});
