/**
 * validate's graph rules at their edges: every cycle in one run, each at the parentImage that
 * closes it; full messages where a list or an architecture is named; which definition a clash names.
 */
import { describe, it, expect } from '@jest/globals';
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { memoryRepo } from '../../actions/lib/definitions/repo-files.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';
import { FLEET, fleet } from './fleet-fixture.js';
import { lineOf } from './helpers.js';

const APP = 'components/images/app.yml';
const BASE = 'components/images/base-linux.yml';
const WEB = 'components/images/web-server.yml';

const findings = (changes: Record<string, string | undefined>) => fleet(changes).set.findings;

/** A Linux definition; `extra` lines go after `parentImage` (architectures:, say). */
function linux(name: string, parent: string, ssm = `/golden-ami/${name}`, extra = ''): string {
  return `name: ${name}
platform: Linux
parentImage: ${parent}
${extra}components:
  - file: components/app.yml
ssmParameter: ${ssm}
`;
}

/** The definitions `files` with the fleet's component documents, and nothing else. */
function repo(files: Record<string, string>) {
  const components = Object.entries(FLEET).filter(([f]) => !f.startsWith('components/images/'));
  return validateDefinitions(memoryRepo({ ...Object.fromEntries(components), ...files }));
}
const alone = (files: Record<string, string>) => repo(files).findings;

describe('graph: every image on a cycle is in a reported cycle', () => {
  const defs = (files: Record<string, string>) => repo(files).definitions;

  it('an image on two cycles through two parents: both cycles, not only the first parent’s', () => {
    // mmm is built on aaa (x86_64) and on ccc (arm64); aaa ↔ bbb and ccc ↔ mmm are both cycles.
    const m = linux(
      'mmm',
      'image:aaa',
      '/golden-ami/mmm',
      'architectures:\n  - x86_64\n  - name: arm64\n    parentImage: image:ccc\n',
    );
    const g = imageGraph(
      defs({
        'components/images/a.yml': linux('aaa', 'image:bbb'),
        'components/images/b.yml': linux('bbb', 'image:aaa'),
        'components/images/c.yml': linux(
          'ccc',
          'image:mmm',
          '/golden-ami/ccc',
          'architectures: [arm64]\n',
        ),
        'components/images/m.yml': m,
      }),
    );
    expect(g.cycles).toEqual([
      ['aaa', 'bbb', 'aaa'],
      ['ccc', 'mmm', 'ccc'],
    ]);
    expect(g.images.map((n) => n.image)).toEqual(['aaa', 'bbb', 'ccc', 'mmm']);
  });

  it('a self-parent beside another parent on a cycle is its own cycle', () => {
    const m = linux(
      'mmm',
      'image:aaa',
      '/golden-ami/mmm',
      'architectures:\n  - x86_64\n  - name: arm64\n    parentImage: image:mmm\n',
    );
    const files = {
      'components/images/a.yml': linux(
        'aaa',
        'image:bbb',
        '/golden-ami/aaa',
        'architectures: [x86_64, arm64]\n',
      ),
      'components/images/b.yml': linux(
        'bbb',
        'image:aaa',
        '/golden-ami/bbb',
        'architectures: [x86_64, arm64]\n',
      ),
      'components/images/m.yml': m,
    };
    expect(imageGraph(defs(files)).cycles).toEqual([
      ['aaa', 'bbb', 'aaa'],
      ['mmm', 'mmm'],
    ]);
    // validate says so at mmm's own arm64 parentImage, and says nothing else about mmm.
    const f = alone(files).filter((x) => x.file === 'components/images/m.yml');
    expect(f.map((x) => [x.line, x.rule, x.message])).toEqual([
      [
        lineOf(m, 'image:mmm'),
        'definition/parent-cycle',
        'Image parents form a cycle: mmm → mmm (each built on the next), so no image of it can be built first. Break it: give one of them a parent outside the cycle (an ssm: parameter, an image ARN or an AMI id).',
      ],
    ]);
  });

  it('the finding is at the parentImage that points along the cycle, an architecture’s own', () => {
    // base-linux's arm64 build is on app; its x86_64 build keeps the SSM parent.
    const base = FLEET[BASE]!.replace(
      'parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      'parentImage: image:app',
    );
    const f = findings({ [BASE]: base });
    expect(f.map((x) => [x.file, x.line, x.rule])).toEqual([
      [APP, lineOf(FLEET[APP]!, 'image:web-server'), 'definition/parent-cycle'],
      [BASE, lineOf(base, 'image:app'), 'definition/parent-cycle'],
      [WEB, lineOf(FLEET[WEB]!, 'image:base-linux'), 'definition/parent-cycle'],
    ]);
    expect(lineOf(base, 'image:app')).toBeGreaterThan(lineOf(base, 'parentImage'));
  });
});

describe('graph rules: where and what', () => {
  it('an architecture’s own parentImage is found by its name, not by its position', () => {
    // The override is on the second entry; the first has none.
    const app = FLEET[APP]!.replace(
      'architectures: [arm64]',
      'architectures:\n  - x86_64\n  - name: arm64\n    parentImage: image:windows',
    );
    expect(findings({ [APP]: app }).map((x) => [x.line, x.rule])).toEqual([
      [lineOf(app, 'image:windows'), 'definition/parent-platform'],
    ]);
  });

  it('an unknown parent lists the other images sorted by name, not in file order', () => {
    // zeta is read first (a.yml); its name sorts last.
    const f = alone({
      'components/images/a.yml': linux('zeta', 'ami-0123456789abcdef0'),
      'components/images/b.yml': linux('alpha', 'image:nope'),
      'components/images/c.yml': linux('mid', 'ami-0123456789abcdef0'),
    });
    expect(f.map((x) => x.message)).toEqual([
      'Parent `image:nope` names no image definition. Images defined: mid, zeta. Fix the name, or add components/images/nope.yml.',
    ]);
  });

  it('an unknown parent in a repository with no other image says so', () => {
    const f = alone({ 'components/images/a.yml': linux('only', 'image:base') });
    expect(f.map((x) => x.message)).toEqual([
      'Parent `image:base` names no image definition. Images defined: (none other). Fix the name, or add components/images/base.yml.',
    ]);
  });
});

describe('graph rules: clashes between definitions', () => {
  it('a single-architecture image named like another’s build: at its name', () => {
    // Read after web-server.yml (file order), so it is the one reported; at the name's value
    // (line 1, column 7), not the document's start (line 1, column 1).
    const clash = linux('web-server-arm64', 'ami-0123456789abcdef0', '/golden-ami/other');
    const f = findings({ 'components/images/zz-clash.yml': clash });
    expect(f.map((x) => [x.file, x.line, x.column, x.rule, x.message])).toEqual([
      [
        'components/images/zz-clash.yml',
        lineOf(clash, 'name:'),
        'name: '.length + 1,
        'definition/duplicate-target',
        'Build `web-server-arm64` of `web-server-arm64` has the name of a build of `web-server` (components/images/web-server.yml); job names and concurrency groups would collide. Rename one image.',
      ],
    ]);
  });

  it('a clash of SSM parameters names the first definition that publishes there', () => {
    // first.yml and second.yml share an ssmParameter (reported by its own rule); third's arm64
    // build publishes to the same name, and the message names the first.
    const f = alone({
      'components/images/first.yml': linux('first', 'ami-0123456789abcdef0', '/p/arm64'),
      'components/images/second.yml': linux('second', 'ami-0123456789abcdef0', '/p/arm64'),
      'components/images/third.yml': linux(
        'third',
        'ami-0123456789abcdef0',
        '/p',
        'architectures: [arm64]\n',
      ),
    });
    expect(f.filter((x) => x.file.endsWith('third.yml')).map((x) => x.message)).toEqual([
      'Build `third-arm64` publishes to `/p/arm64`, which `first` (components/images/first.yml) also publishes to; each build needs its own parameter. Change ssmParameter of one.',
    ]);
  });

  it('two files of one image name: the name is reported, not a clash of the image with itself', () => {
    const f = alone({
      'components/images/a.yml': linux('dup', 'ami-0123456789abcdef0', '/p/arm64'),
      'components/images/b.yml': linux(
        'dup',
        'ami-0123456789abcdef0',
        '/p',
        'architectures: [arm64]\n',
      ),
    });
    expect(f.map((x) => [x.file, x.rule])).toEqual([
      ['components/images/b.yml', 'definition/duplicate-image-name'],
    ]);
  });

  it('two files of one image name: its children are checked against the first', () => {
    // The first `base` is Linux, the second Windows; a Linux child on `base` is fine.
    const f = alone({
      'components/images/a.yml': linux('base', 'ami-0123456789abcdef0', '/golden-ami/base'),
      'components/images/b.yml': linux('base', 'ami-0123456789abcdef0', '/golden-ami/base2')
        .replace('platform: Linux', 'platform: Windows')
        .replace('components/app.yml', 'components/win.yml'),
      'components/images/c.yml': linux('child', 'image:base'),
    });
    expect(f.map((x) => [x.file, x.rule])).toEqual([
      ['components/images/b.yml', 'definition/duplicate-image-name'],
    ]);
  });
});
