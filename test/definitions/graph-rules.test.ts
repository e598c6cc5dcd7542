/** validate's rules on the image graph, each at the line that causes it. */
import { describe, it, expect } from '@jest/globals';
import { FLEET, fleet } from './fleet-fixture.js';
import { lineOf } from './helpers.js';

const WEB = 'components/images/web-server.yml';
const APP = 'components/images/app.yml';
const BASE = 'components/images/base-linux.yml';

function findings(changes: Record<string, string | undefined>) {
  return fleet(changes).set.findings.map((f) => ({
    file: f.file,
    line: f.line,
    rule: f.rule,
    message: f.message,
  }));
}

describe('graph rules: parents, cycles, platforms', () => {
  it('an image: parent naming no definition, with the nearest name, at its line', () => {
    const text = FLEET[APP]!.replace('image:web-server', 'image:web-sevrer');
    expect(findings({ [APP]: text })).toEqual([
      {
        file: APP,
        line: lineOf(text, 'image:web-sevrer'),
        rule: 'definition/unknown-parent',
        message: expect.stringMatching(
          /^Parent `image:web-sevrer` names no image definition\. Did you mean `web-server`\?.*Images defined: base-linux, web-server, windows\./,
        ),
      },
    ]);
  });

  it('a cycle, named, at each parentImage in it', () => {
    const base = FLEET[BASE]!.replace(
      'parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      'parentImage: image:app',
    ).replace(/  - name: arm64\n    parentImage: .*\n/, '  - name: arm64\n');
    const f = findings({ [BASE]: base });
    expect(f.map((x) => [x.file, x.rule])).toEqual([
      [APP, 'definition/parent-cycle'],
      [BASE, 'definition/parent-cycle'],
      [WEB, 'definition/parent-cycle'],
    ]);
    expect(f[1]!.line).toBe(lineOf(base, 'image:app'));
    expect(f[0]!.message).toContain('app → web-server → base-linux → app');
  });

  it('a parent of another platform', () => {
    const text = FLEET[APP]!.replace('image:web-server', 'image:windows').replace(
      'architectures: [arm64]\n',
      '',
    );
    const f = findings({ [APP]: text });
    expect(f).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'image:windows'),
        rule: 'definition/parent-platform',
        message: expect.stringContaining('is a Linux image but its parent `windows`'),
      }),
    ]);
  });
});

describe('graph rules: architectures and shared targets', () => {
  it('a parent without the child’s architecture, at the architecture’s own parentImage', () => {
    const web = FLEET[WEB]!.replace('architectures: [x86_64, arm64]', 'architectures: [x86_64]');
    const f = findings({ [WEB]: web });
    expect(f).toEqual([
      expect.objectContaining({
        file: APP,
        line: lineOf(FLEET[APP]!, 'image:web-server'),
        rule: 'definition/parent-architecture',
        message: expect.stringContaining('Parent `web-server` does not build arm64'),
      }),
    ]);
    const app = FLEET[APP]!.replace(
      'architectures: [arm64]',
      'architectures:\n  - name: arm64\n    parentImage: image:windows',
    ).replace('parentImage: image:web-server', 'parentImage: image:web-server');
    expect(findings({ [APP]: app })).toEqual([
      expect.objectContaining({
        line: lineOf(app, 'image:windows'),
        rule: 'definition/parent-platform',
      }),
    ]);
  });

  it('a child without architectures on a parent that builds several', () => {
    const app = FLEET[APP]!.replace('architectures: [arm64]\n', '');
    expect(findings({ [APP]: app })).toEqual([
      expect.objectContaining({
        rule: 'definition/parent-architecture',
        message:
          'Parent `web-server` builds several architectures (x86_64, arm64); list `architectures:` here to choose which this image is built for.',
      }),
    ]);
  });

  it('two architectures on a parent that lists none', () => {
    const windows = FLEET['components/images/windows.yml']!;
    const winApp = `name: win-app
platform: Windows
parentImage: image:windows
architectures: [x86_64, arm64]
components:
  - file: components/win.yml
ssmParameter: /golden-ami/win-app
`;
    const f = findings({ 'components/images/win-app.yml': winApp });
    expect(windows).toContain('platform: Windows');
    expect(f.map((x) => x.rule)).toEqual(['definition/parent-architecture']);
    // The first architecture takes the parent's one AMI; the second is the one refused.
    expect(f[0]!.message).toBe(
      'Parent `windows` lists no architectures, so it is one AMI of one architecture; arm64 cannot also be built on it. List `architectures:` in components/images/windows.yml, or give this entry another parentImage.',
    );
  });

  it("a child publishing to its parent's SSM parameter", () => {
    const app = `name: win-app
platform: Windows
parentImage: image:windows
components:
  - file: components/win.yml
ssmParameter: /golden-ami/windows
`;
    const f = findings({ 'components/images/win-app.yml': app });
    expect(f.map((x) => [x.rule, x.line])).toEqual(
      expect.arrayContaining([['definition/parent-ssm-parameter', lineOf(app, 'ssmParameter')]]),
    );
    expect(f.find((x) => x.rule === 'definition/parent-ssm-parameter')!.message).toContain(
      'would overwrite the AMI it is built on',
    );
  });

  it('two definitions whose builds share a target name or an SSM parameter', () => {
    const clash = `name: web-server-arm64
platform: Linux
parentImage: ami-0123456789abcdef0
components:
  - file: components/web.yml
ssmParameter: /golden-ami/web-server/arm64
`;
    const f = findings({ 'components/images/clash.yml': clash });
    expect(f.map((x) => x.rule).sort()).toEqual([
      'definition/duplicate-ssm-parameter',
      'definition/duplicate-target',
    ]);
    // Reported on the second definition read, at its architectures and its ssmParameter,
    // naming the first.
    const web = FLEET[WEB]!;
    expect(f.map((x) => [x.file, x.line, x.rule, x.message])).toEqual([
      [
        WEB,
        lineOf(web, 'architectures'),
        'definition/duplicate-target',
        'Build `web-server-arm64` of `web-server` has the name of a build of `web-server-arm64` (components/images/clash.yml); job names and concurrency groups would collide. Rename one image.',
      ],
      [
        WEB,
        lineOf(web, 'ssmParameter'),
        'definition/duplicate-ssm-parameter',
        'Build `web-server-arm64` publishes to `/golden-ami/web-server/arm64`, which `web-server-arm64` (components/images/clash.yml) also publishes to; each build needs its own parameter. Change ssmParameter of one.',
      ],
    ]);
  });
});
