import { describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { diskRepo, memoryRepo } from '../../actions/lib/definitions/repo-files.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';
import { validateDefinitionFiles } from '../../actions/lib/definitions/index.js';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import { FIXTURES, REPO_ROOT, fixture, lineOf } from './helpers.js';

const WEB = 'components/images/web.yml';
const API = 'components/images/api.yml';

function check(files: Record<string, string>) {
  return validateDefinitions(memoryRepo(files));
}

function rules(files: Record<string, string>): [string, number, string][] {
  return check(files).findings.map((f) => [f.file, f.line, f.rule]);
}

describe('validateDefinitions on the two-images fixture', () => {
  it('is clean from disk and from memory, and loads both definitions', () => {
    const disk = validateDefinitions(diskRepo(join(FIXTURES, 'two-images')));
    expect(disk.findings).toEqual([]);
    expect(disk.definitions.map((d) => [d.file, d.name])).toEqual([
      [API, 'api-server'],
      [WEB, 'web'],
    ]);
    expect(check(fixture('two-images')).findings).toEqual([]);
  });

  it('locates paths in a definition for later messages', () => {
    const set = check(fixture('two-images'));
    expect(set.locate(WEB, ['components', 2, 'file'])).toEqual({ line: 9, column: 11 });
    expect(set.locate('nope.yml', ['name'])).toBeUndefined();
  });

  it('the validate engine entry checks only the files it is given', () => {
    expect(validateDefinitionFiles(join(FIXTURES, 'two-images'), [WEB])).toEqual([]);
  });
});

describe('repository-level rules: components and parameters', () => {
  it('a missing component file: error at its `file:` line', () => {
    const files = fixture('two-images');
    delete files['components/web.yml'];
    const [f, ...rest] = check(files).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      file: WEB,
      line: lineOf(files[WEB]!, 'components/web.yml'),
      column: 11,
      rule: 'definition/missing-component',
    });
    expect(f!.message).toContain('`components/web.yml` does not exist');
  });

  it('a parameter the component does not declare: at the key, with did-you-mean', () => {
    const files = fixture('two-images');
    files[API] = files[API]!.replace('SshPort: 2222', 'SshProt: 2222');
    const [f, ...rest] = check(files).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      file: API,
      line: lineOf(files[API]!, 'SshProt'),
      column: 7,
      rule: 'definition/unknown-parameter',
    });
    expect(f!.message).toBe(
      'Parameter `SshProt` is not declared by `components/hardening.yml`. Did you mean `SshPort`? It declares SshPort, Banner.',
    );
  });

  it('a parameter given to a component with no parameters says so', () => {
    const files = fixture('two-images');
    files[WEB] = files[WEB]!.replace(
      '  - file: components/web.yml\n',
      '  - file: components/web.yml\n    parameters:\n      Title: x\n',
    );
    expect(check(files).findings[0]!.message).toContain('It declares no parameters.');
  });

  it('a required parameter (no default) that is not set: at the `file:` line', () => {
    const files = fixture('two-images');
    files[API] = files[API]!.replace('      Banner: api\n', '');
    const [f, ...rest] = check(files).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      file: API,
      line: lineOf(files[API]!, 'components/hardening.yml'),
      rule: 'definition/missing-parameter',
    });
    expect(f!.message).toContain('requires parameter `Banner`');
  });

  it('a component that is not readable YAML', () => {
    const files = fixture('two-images');
    files['components/web.yml'] = 'name: web\nname: again\n';
    expect(rules(files)).toEqual([[WEB, 9, 'definition/invalid-component']]);
  });

  it('a component path pointing into the definitions folder', () => {
    const files = fixture('two-images');
    files[WEB] = files[WEB]!.replace('file: components/web.yml', 'file: components/images/api.yml');
    expect(rules(files)).toEqual([[WEB, 9, 'definition/component-path']]);
  });
});

describe('repository-level rules: duplicates, templates, platforms, several files', () => {
  it('duplicate image names, SSM parameters and stack names: at the second definition', () => {
    const files = fixture('two-images');
    files['components/images/web2.yml'] = files[WEB]!.replace(
      'description: Web server\n',
      'name: web\n',
    );
    const found = rules(files).filter(([file]) => file === 'components/images/web2.yml');
    expect(found).toEqual([
      ['components/images/web2.yml', 1, 'definition/duplicate-image-name'],
      ['components/images/web2.yml', 10, 'definition/duplicate-ssm-parameter'],
      ['components/images/web2.yml', 12, 'definition/duplicate-stack'],
    ]);
    expect(
      check(files).findings.find((f) => f.rule === 'definition/duplicate-image-name')!.message,
    ).toContain(`already used by ${WEB}`);
  });

  it('duplicate names also count names defaulted from file names', () => {
    const files = fixture('two-images');
    files[API] = files[API]!.replace('name: api-server', 'name: web').replace(
      '/golden-ami/api-server',
      '/golden-ami/api',
    );
    expect(rules(files)).toEqual([[WEB, 1, 'definition/duplicate-image-name']]);
  });

  it('a stack template that does not exist: at `template:`', () => {
    const files = fixture('two-images');
    delete files['stacks/app.yml'];
    const [f] = check(files).findings;
    expect(f).toMatchObject({
      file: WEB,
      line: lineOf(files[WEB]!, 'template:'),
      column: 13,
      rule: 'definition/missing-template',
    });
  });

  it('a component used by a Linux and a Windows image', () => {
    const files = fixture('two-images');
    files['components/images/win.yml'] = [
      'platform: Windows',
      'parentImage: arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x',
      'components:',
      '  - file: components/hardening.yml',
      '    parameters: { Banner: win }',
      'ssmParameter: /golden-ami/win',
      '',
    ].join('\n');
    const found = check(files).findings;
    expect(found.map((f) => [f.file, f.line, f.rule])).toEqual([
      ['components/images/win.yml', 4, 'definition/platform-mismatch'],
    ]);
    expect(found[0]!.message).toContain('used by Windows image `win` and by Linux image');
  });

  it('every problem in a file is reported, sorted by position', () => {
    const files = fixture('two-images');
    delete files['components/api.yml'];
    files[API] = files[API]!.replace('      Banner: api\n', '').replace(
      '/golden-ami/api-server',
      '/golden-ami/web',
    );
    expect(rules(files)).toEqual([
      [API, lineOf(files[API]!, 'hardening'), 'definition/missing-parameter'],
      [API, lineOf(files[API]!, 'components/api.yml'), 'definition/missing-component'],
      // api.yml sorts first, so the duplicate is reported on web.yml.
      [WEB, lineOf(files[WEB]!, 'ssmParameter'), 'definition/duplicate-ssm-parameter'],
    ]);
  });

  it('a file that fails to load still lets the others be checked', () => {
    const files = fixture('two-images');
    files[API] = 'platform: [\n';
    const set = check(files);
    expect(set.definitions.map((d) => d.name)).toEqual(['web']);
    expect(set.findings.every((f) => f.file === API && f.severity === 'error')).toBe(true);
  });
});

describe('the sample images in components/', () => {
  const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
  const COMPONENTS = [
    'components/apache-install.yml',
    'components/apache-test.yml',
    'components/linux-hardening.yml',
    'components/linux-hardening-test.yml',
    'components/windows-baseline.yml',
  ];
  const files = {
    ...Object.fromEntries(COMPONENTS.map((f) => [f, read(f)])),
    'components/images/base-linux.yml': read('components/images/base-linux.yml'),
    'components/images/web-server.yml': read('components/images/web-server.yml'),
    'components/images/windows-server.yml': read('components/images/windows-server.yml'),
    'stacks/app-ec2.yml': 'Resources: {}\n', // the real template is checked by its own tests
  };
  const sources = (d: { components: { kind: string; arn?: string; file?: string }[] }) =>
    d.components.map((c) => (c.kind === 'arn' ? c.arn : c.file));

  it('the definitions pass every rule: a hardened base, the web server on it, a Windows Server', () => {
    const set = check(files);
    expect(set.findings).toEqual([]);
    const byName = Object.fromEntries(set.definitions.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['base-linux', 'web-server', 'windows-server']);
    expect(byName['base-linux']).toMatchObject({
      platform: 'Linux',
      parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      architectures: [
        { name: 'x86_64' },
        {
          name: 'arm64',
          parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
          instanceTypes: ['t4g.small'],
        },
      ],
      ssmParameter: '/golden-ami/base-linux',
    });
    expect(sources(byName['base-linux']!)).toEqual([
      'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x',
      'components/linux-hardening.yml',
      'components/linux-hardening-test.yml',
    ]);
    expect(byName['web-server']).toMatchObject({
      platform: 'Linux',
      parentImage: 'image:base-linux',
      architectures: [{ name: 'x86_64' }, { name: 'arm64', instanceTypes: ['t4g.small'] }],
      ssmParameter: '/golden-ami/web-server',
      stack: {
        name: 'golden-ami-app-web-server',
        template: 'stacks/app-ec2.yml',
        architecture: 'x86_64',
      },
    });
    expect(sources(byName['web-server']!)).toEqual([
      'components/apache-install.yml',
      'components/apache-test.yml',
    ]);
    expect(byName['windows-server']).toMatchObject({
      platform: 'Windows',
      parentImage: 'ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
      ssmParameter: '/golden-ami/windows-server',
    });
    expect(sources(byName['windows-server']!)).toEqual([
      'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-windows/x.x.x',
      'components/windows-baseline.yml',
    ]);
  });

  it('the components are valid AWSTOE documents', async () => {
    for (const f of COMPONENTS) expect([f, await validateComponent(read(f), f)]).toEqual([f, []]);
  });
});
