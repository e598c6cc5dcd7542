import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  validateComponent,
  parseComponent,
  generateComponentDocument,
} from '../../actions/lib/awstoe/index.js';
import { prng } from '../../actions/lib/core/random.js';
import { validateTemplate } from '../../actions/lib/cloudformation/validate.js';

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const ops = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(rnd() * lines.length);
    const line = lines[i] ?? '';
    switch (Math.floor(rnd() * 6)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2: {
        const j = Math.floor(rnd() * Math.max(1, line.length - 1));
        lines[i] = line.slice(0, j) + (line[j + 1] ?? '') + (line[j] ?? '') + line.slice(j + 2);
        break;
      }
      case 3:
        lines[i] = `\t${line}`;
        break;
      case 4:
        lines[i] = line.replace(/: /, ': {{ ');
        break;
      default:
        lines[i] = `${line}${'{}[]:-|>'[Math.floor(rnd() * 8)] ?? ''}`;
    }
  }
  return lines.join('\n');
}

const dir = join(process.cwd(), 'test/fixtures/components');
const pub = join(process.cwd(), 'test/fixtures/corpus');
const every = (d: string) => readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8'));
const corpus = [...every(join(dir, 'valid')), generateComponentDocument(1)];
// Real documents of the public corpus (every action module, loops, conditionals), for mutations.
const real = every(join(pub, 'components/valid')).filter((t, i) => i % 4 === 0 && t.length < 6000);
const templates = every(join(pub, 'templates/valid')).filter(
  (t, i) => i % 3 === 0 && t.length < 12000,
);

describe('fuzz: validateComponent never throws', () => {
  it('on truncations at many offsets', () => {
    let n = 0;
    for (const text of corpus) {
      for (let cut = 0; cut < text.length; cut += 7) {
        const part = text.slice(0, cut);
        const f = validateComponent(part, 't.yml');
        expect(Array.isArray(f)).toBe(true);
        expect(f.every((x) => x.rule !== 'awstoe/internal')).toBe(true);
        expect(() => parseComponent(part, 't.yml')).not.toThrow();
        n++;
      }
    }
    expect(n).toBeGreaterThan(500);
  });
  it('on seeded random mutations', () => {
    const rnd = prng(20240601);
    const docs = [...corpus, ...real];
    for (let k = 0; k < 600; k++) {
      const text = mutate(docs[k % docs.length] ?? '', rnd);
      const f = validateComponent(text, 'm.yml');
      expect(Array.isArray(f)).toBe(true);
      for (const x of f) {
        expect(x.rule).not.toBe('awstoe/internal');
        expect(x.line).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it('on odd inputs', () => {
    for (const t of [
      '',
      '---',
      '~',
      '[]',
      '{}',
      'phases: 3',
      'phases: [1, null, []]',
      '&a [*a]',
      'a: *b',
      '\u0000',
      '{{ x }}',
      'schemaVersion: 1.0\nphases:\n  - steps: [{loop: {for: []}, if: [[]], inputs: {{a}}}]',
    ]) {
      expect(Array.isArray(validateComponent(t, 'o.yml'))).toBe(true);
    }
    expect(Array.isArray(validateComponent(undefined as unknown as string, 'o.yml'))).toBe(true);
  });
});

describe('fuzz: validateTemplate never throws', () => {
  it('on seeded random mutations of real templates (all rules, the new shape and enum ones too)', async () => {
    const rnd = prng(20261201);
    for (let k = 0; k < 150; k++) {
      const text = mutate(templates[k % templates.length] ?? '', rnd);
      const f = await validateTemplate(text, 't.yml');
      expect(Array.isArray(f)).toBe(true);
      for (const x of f) {
        expect(x.rule).not.toBe('cfn/internal-error');
        expect(x.line).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it('on odd template inputs', async () => {
    for (const t of [
      'Resources: {A: {Type: AWS::EC2::Instance, Properties: {SecurityGroupIds: !If [c, !Ref A]}}}',
      'Rules: {R: {Assertions: [{Assert: !Contains [!RefAll, []]}]}}\nResources: {}',
      'Conditions: {C: !EachMemberIn [1]}\nResources: {A: {Type: X}}',
      'Parameters: {P: {Type: Number, Default: [1]}}\nResources: {A: {Type: AWS::SNS::Topic}}',
      'Resources: {A: {Type: AWS::ImageBuilder::Component, Properties: {Platform: [Linux]}}}',
      'Resources: {A: {Type: AWS::EC2::Instance, Properties: {ImageId: "{{resolve:ssm:${X}}}"}}}',
    ]) {
      const f = await validateTemplate(t, 'o.yml');
      expect(f.every((x) => x.rule !== 'cfn/internal-error')).toBe(true);
    }
  });
});

describe('generator and model', () => {
  it('generates valid ~2 KB documents with parameters', () => {
    for (const i of [0, 1, 42, 999]) {
      const text = generateComponentDocument(i);
      expect(text.length).toBeGreaterThan(1500);
      expect(text.length).toBeLessThan(3000);
      expect(validateComponent(text, 'g.yml')).toEqual([]);
    }
    const parsed = parseComponent(generateComponentDocument(3), 'g.yml');
    expect(parsed.findings).toEqual([]);
    expect(parsed.document?.schemaVersion).toBe('1.0');
    expect(parsed.document?.parameters.map((p) => p.name)).toEqual(['AppVersion', 'Packages']);
    expect(parsed.document?.constants[0]).toEqual({
      name: 'InstallRoot',
      type: 'string',
      value: '/opt/app-3',
    });
    expect(parsed.document?.phases.map((p) => p.name)).toEqual(['build', 'validate', 'test']);
    expect(parsed.document?.phases[0]?.steps[0]).toEqual({
      name: 'InstallPackages',
      action: 'ExecuteBash',
    });
  });
});

describe('componentParameterNames', () => {
  it('lists parameter names in order and tolerates no document', async () => {
    const { componentParameterNames } = await import('../../actions/lib/awstoe/index.js');
    expect(
      componentParameterNames(parseComponent(generateComponentDocument(1), 'g.yml').document),
    ).toEqual(['AppVersion', 'Packages']);
    expect(componentParameterNames(undefined)).toEqual([]);
    expect(parseComponent('- a', 'x.yml').document).toBeUndefined();
  });
});
