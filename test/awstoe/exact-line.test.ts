/** Issue 11 part 2: each finding points at the token that is wrong. */
import { describe, expect, it } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import { firstOccurrenceLine } from '../../actions/lib/yaml/source.js';

/** The text with `⟨n⟩` markers removed, and the line of each marker. */
function marked(text: string): { text: string; lines: Record<string, number> } {
  const lines: Record<string, number> = {};
  const out = text.split('\n').map((l, i) => {
    for (const m of l.matchAll(/⟨(\w+)⟩/g)) lines[m[1]!] = i + 1;
    return l.replace(/\s*⟨\w+⟩/g, '');
  });
  return { text: out.join('\n'), lines };
}
const errors = (text: string) =>
  validateComponent(text, 'c.yml').filter((f) => f.severity === 'error');

describe('the exact line', () => {
  it('a reference inside a block scalar is reported on its own line', () => {
    const { text, lines } = marked(`schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: A
        action: ExecuteBash
        inputs:
          commands:
            - |
              echo one
              echo {{ Missing }} ⟨ref⟩
              echo {{ Missing }} again ⟨again⟩
            - >-
              folded {{ Other }} ⟨folded⟩
`);
    const f = errors(text);
    expect(f.map((x) => x.line)).toEqual([lines.ref, lines.again, lines.folded]);
    expect(f[0]!.column).toBe(20);
  });

  it('duplicates at the second occurrence, naming the first one’s line', () => {
    const { text, lines } = marked(`schemaVersion: 1.0
parameters:
  - Version: ⟨p1⟩
      type: string
constants:
  - Version: ⟨p2⟩
      type: string
      value: x
phases:
  - name: build ⟨ph1⟩
    steps:
      - name: A ⟨s1⟩
        action: Reboot
      - name: A ⟨s2⟩
        action: Reboot
        onFailure: Abort ⟨k1⟩
        onFailure: Continue ⟨k2⟩
  - name: build ⟨ph2⟩
    steps:
      - name: B
        action: Reboot
`);
    const f = errors(text);
    const by = (rule: string) => f.find((x) => x.rule === rule)!;
    expect(by('awstoe/duplicate-variable').line).toBe(lines.p2);
    expect(by('awstoe/duplicate-variable').message).toContain(`first is at line ${lines.p1}`);
    expect(by('awstoe/duplicate-step').line).toBe(lines.s2);
    expect(by('awstoe/duplicate-step').message).toContain(`first is at line ${lines.s1}`);
    expect(by('awstoe/duplicate-phase').line).toBe(lines.ph2);
    expect(by('awstoe/duplicate-phase').message).toContain(`first is at line ${lines.ph1}`);
    expect(by('yaml/duplicate-key').line).toBe(lines.k2);
    expect(by('yaml/duplicate-key').message).toContain(`first is at line ${lines.k1}`);
  });
});

describe('the exact line of a misnamed or missing key', () => {
  it('a misnamed key is reported at that key', () => {
    const { text, lines } = marked(`schemaVersion: 1.0
constants:
  - Greeting:
      type: string
      default: hi ⟨default⟩
phases:
  - name: build
    steps:
      - name: A
        action: ExecuteBash
        input: ⟨input⟩
          commands: [echo]
      - name: B
        action: ExecuteBash
        inputs:
          command: [echo] ⟨command⟩
      - name: C
        Action: Reboot ⟨action⟩
`);
    const f = errors(text);
    expect(f.map((x) => [x.rule, x.line])).toEqual([
      ['awstoe/constant-value', lines.default],
      ['awstoe/missing-inputs', lines.input],
      ['awstoe/missing-input', lines.command],
      ['awstoe/missing-action', lines.action],
    ]);
    expect(f[0]!.message).toMatch(/needs `value`, not `default`/);
    expect(f[1]!.message).toMatch(/rename it to `inputs`/);
    expect(f[2]!.message).toMatch(/rename `command` to `commands`/);
  });

  it('a missing required input at the step’s inputs; a missing inputs at the step', () => {
    const { text, lines } = marked(`schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: A ⟨step⟩
        action: ExecuteBash
      - name: B
        action: ExecuteBinary
        inputs: ⟨inputs⟩
          arguments: [x]
      - name: C
        action: S3Download
        inputs:
          - source: s3://b/k ⟨entry⟩
`);
    const f = errors(text);
    expect(f.map((x) => [x.rule, x.line])).toEqual([
      ['awstoe/missing-inputs', lines.step],
      ['awstoe/missing-input', lines.inputs],
      ['awstoe/missing-input', lines.entry],
    ]);
  });
});

describe('firstOccurrenceLine', () => {
  it('stays inside the mapping', () => {
    const text = 'a:\n  x: 1\nb:\n  y: 1\n  x: 2\n  x: 3\n';
    expect(firstOccurrenceLine(text, text.lastIndexOf('x: 3'))).toBe(5);
    // `x` of another mapping (under `a`) is not the first occurrence.
    expect(firstOccurrenceLine(text, text.indexOf('x: 2'))).toBeUndefined();
  });
});
