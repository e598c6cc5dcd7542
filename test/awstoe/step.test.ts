/**
 * A step's own settings (actions/lib/awstoe/step.ts): each mistake is reported at the token that is
 * wrong, with the severity a user can rely on and a message that says what to write instead.
 */
import { describe, expect, it } from '@jest/globals';
import { findings } from './helpers.js';

/** A document whose build phase holds `steps` (YAML lines, indented under `steps:`). */
function doc(...steps: string[]): string {
  const body = steps
    .map((s) =>
      s
        .split('\n')
        .map((l, i) => `${i === 0 ? '      - ' : '        '}${l}`)
        .join('\n'),
    )
    .join('\n');
  return `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n${body}\n`;
}
/** Findings as `severity rule @line: message`. */
const bash = 'action: ExecuteBash\ninputs:\n  commands: [echo hi]';
const ed =
  'action: ExecuteDocument\ninputs:\n  document: arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0';

describe('step keys', () => {
  it('warns on an unknown key at that key, listing the step settings and the nearest one', () => {
    const f = findings(doc(`name: A\n${bash}\ntimeoutSecond: 5`));
    expect(f.map((x) => x.at)).toEqual(['warning awstoe/unknown-key @9']);
    expect(f[0]!.message).toContain('`timeoutSecond` is not a step setting');
    expect(f[0]!.message).toContain('name, action, inputs, timeoutSeconds');
    expect(f[0]!.message).toContain('Did you mean `timeoutSeconds`');
  });

  it('accepts every documented step setting', () => {
    const all = `name: A\n${bash}\ntimeoutSeconds: 60\nonFailure: Continue\nmaxAttempts: 3\nif:\n  binaryExists: bash\nloop:\n  forEach: [a]`;
    expect(findings(doc(all))).toEqual([]);
  });

  it('a misnamed `inputs` of an unknown action is still flagged, as a near miss of `inputs`', () => {
    const f = findings(doc('name: A\naction: RunBash\ninput:\n  commands: [x]'));
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/unknown-action @6',
      'warning awstoe/unknown-key @7',
    ]);
    expect(f[1]!.message).toBe('`input` is not a step setting; did you mean `inputs`?');
  });
});

describe('step names', () => {
  it('a step without a name is reported at the step, one with an empty name at the name', () => {
    const f = findings(doc(bash, `name:\n${bash}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/step-name @5', 'error awstoe/step-name @8']);
    expect(f[0]!.message).toBe('Each step needs a `name` (a string, unique within its phase).');
  });

  it('a numeric name is a name (AWSTOE reads it as text), and duplicates are caught as text', () => {
    expect(findings(doc(`name: 1\n${bash}`))).toEqual([]);
    const f = findings(doc(`name: 1\n${bash}`, `name: '1'\n${bash}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/duplicate-step @9']);
    expect(f[0]!.message).toContain('The step name `1` is already used in this phase');
    expect(f[0]!.message).toContain('(the first is at line 5)');
    expect(f[0]!.message).toContain('Rename one.');
  });

  it('three steps with one name: each repeat is reported, naming the first', () => {
    const f = findings(doc(`name: A\n${bash}`, `name: A\n${bash}`, `name: A\n${bash}`));
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/duplicate-step @9',
      'error awstoe/duplicate-step @13',
    ]);
    expect(f[1]!.message).toContain('(the first is at line 5)');
  });
});

describe('step actions', () => {
  it('a missing action names an example module; an empty one is reported at `action`', () => {
    const f = findings(doc('name: A', 'name: B\naction:'));
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/missing-action @5',
      'error awstoe/missing-action @7',
    ]);
    expect(f[0]!.message).toBe(
      'Each step needs an `action`, one of the AWSTOE action modules (e.g. `ExecuteBash`).',
    );
  });

  it('a case-only mismatch is a warning, and the inputs are checked as the real action', () => {
    const f = findings(doc('name: A\naction: executebash'));
    expect(f.map((x) => x.at)).toEqual([
      'warning awstoe/action-case @6',
      'error awstoe/missing-inputs @5',
    ]);
    expect(f[0]!.message).toBe(
      'Action names are case-sensitive: write `ExecuteBash`, not `executebash`.',
    );
    expect(findings(doc('name: A\naction: reboot'))).toHaveLength(1);
  });

  it('an action with no near match lists every module', () => {
    const f = findings(doc('name: A\naction: Frobnicate'));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/unknown-action @6']);
    expect(f[0]!.message).toMatch(/^`Frobnicate` is not an AWSTOE action module\. Use one of: /);
    expect(f[0]!.message).toContain('ExecuteBash, ');
    expect(f[0]!.message).toContain('Reboot');
  });

  it('the inputs of an unknown action are not checked against any module', () => {
    const f = findings(doc('name: A\naction: Frobnicate\ninputs:\n  anything: [1]'));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/unknown-action @6']);
  });
});

describe('onFailure', () => {
  it.each(['Abort', 'Continue', 'Ignore'])('accepts %s', (value) => {
    expect(findings(doc(`name: A\n${bash}\nonFailure: ${value}`))).toEqual([]);
  });

  it.each([
    ['abort', '`abort`'],
    ['1', '`1`'],
    ['[Abort]', '`a collection`'],
  ])('rejects %s at the value, listing the three', (value, shown) => {
    const f = findings(doc(`name: A\n${bash}\nonFailure: ${value}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/on-failure @9']);
    expect(f[0]!.message).toBe(
      `\`onFailure\` must be \`Abort\`, \`Continue\` or \`Ignore\`; found ${shown}.`,
    );
  });
});

describe('timeoutSeconds', () => {
  it.each(['1', '3600', '-1'])('accepts %s', (value) => {
    expect(findings(doc(`name: A\n${bash}\ntimeoutSeconds: ${value}`))).toEqual([]);
  });

  it.each([
    ['0', '`0`'],
    ['-2', '`-2`'],
    ['sixty', '`sixty`'],
    ['[60]', '`a collection`'],
  ])('rejects %s, saying what it must be', (value, shown) => {
    const f = findings(doc(`name: A\n${bash}\ntimeoutSeconds: ${value}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/timeout-seconds @9']);
    expect(f[0]!.message).toBe(
      `\`timeoutSeconds\` must be a positive integer, or -1 for no timeout; found ${shown}.`,
    );
  });

  it('Reboot takes no step timeout, whatever its value: reported at the key', () => {
    for (const value of ['60', '-1']) {
      const f = findings(doc(`name: A\naction: Reboot\ntimeoutSeconds: ${value}`));
      expect(f.map((x) => x.at)).toEqual(['error awstoe/reboot-timeout @7']);
      expect(f[0]!.message).toContain('remove `timeoutSeconds`');
      expect(f[0]!.message).toContain('`delaySeconds`');
    }
  });

  it('ExecuteDocument runs with -1 only', () => {
    expect(findings(doc(`name: A\n${ed}\ntimeoutSeconds: -1`))).toEqual([]);
    const f = findings(doc(`name: A\n${ed}\ntimeoutSeconds: 60`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/execute-document-limits @9']);
    expect(f[0]!.message).toBe(
      'ExecuteDocument always runs with `timeoutSeconds: -1`; set -1 or remove the key.',
    );
  });
});

describe('maxAttempts', () => {
  it.each(['1', '5'])('accepts %s', (value) => {
    expect(findings(doc(`name: A\n${bash}\nmaxAttempts: ${value}`))).toEqual([]);
  });

  it.each([
    ['0', '`0`'],
    ['-1', '`-1`'],
    ['2.5', '`2.5`'],
    ['{n: 1}', '`a collection`'],
  ])('rejects %s, saying what it must be', (value, shown) => {
    const f = findings(doc(`name: A\n${bash}\nmaxAttempts: ${value}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/max-attempts @9']);
    expect(f[0]!.message).toBe(`\`maxAttempts\` must be a positive integer; found ${shown}.`);
  });

  it('ExecuteDocument runs with 1 only', () => {
    expect(findings(doc(`name: A\n${ed}\nmaxAttempts: 1`))).toEqual([]);
    const f = findings(doc(`name: A\n${ed}\nmaxAttempts: 3`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/execute-document-limits @9']);
    expect(f[0]!.message).toBe(
      'ExecuteDocument always runs with `maxAttempts: 1`; set 1 or remove the key.',
    );
  });
});
