/**
 * `{{ … }}` references (actions/lib/awstoe/references.ts): variables, loop variables and chaining
 * into steps that already ran, each reported at the reference with what to write instead.
 */
import { describe, expect, it } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import { findings, only } from './helpers.js';

const head = 'schemaVersion: 1.0\nconstants:\n  - Root:\n      type: string\n      value: /opt\n';
/** One ExecuteBash step whose single command (line 13) is `command`; `extra` are more step lines. */
const bash = (command: string, extra = '') =>
  `${head}phases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "${command}"\n${extra}`;

describe('variables', () => {
  it('a defined parameter or constant resolves, with or without inner spaces', () => {
    expect(findings(bash('ls {{ Root }} {{Root}} {{ Root}}'))).toEqual([]);
  });

  it('an undefined one is an error, with the nearest name when there is one', () => {
    const f = only(bash('ls {{ root }}'));
    expect(f.at).toBe('error awstoe/undefined-variable @13');
    expect(f.message).toBe(
      '`{{ root }}` is not a parameter or constant of this document. Did you mean `Root`?',
    );
    expect(only(bash('ls {{ Elsewhere }}')).message).toBe(
      '`{{ Elsewhere }}` is not a parameter or constant of this document. Define it under `parameters` or `constants` (names are case-sensitive).',
    );
  });

  it('references in a step’s `if` are checked too', () => {
    const f = only(
      bash('true', "        if:\n          stringEquals: '{{ Nope }}'\n          value: x\n"),
    );
    expect(f.at).toBe('error awstoe/undefined-variable @15');
  });

  it('each reference in a string is reported at its own column', () => {
    const f = validateComponent(bash('ls {{ A1x }} {{ B2x }}'), 'c.yml');
    expect(f.map((x) => [x.line, x.column])).toEqual([
      [13, 19],
      [13, 29],
    ]);
  });

  it('other brace syntaxes (Go templates) and malformed references', () => {
    expect(findings(bash("docker inspect -f '{{ .State.Running }}' x"))).toEqual([]);
    const f = only(bash('ls {{ Root.path }}'));
    expect(f.at).toBe('error awstoe/bad-reference @13');
    expect(f.message).toContain('`{{ Root.path }}` is neither a variable');
    expect(f.message).toContain('Fix the reference.');
  });

  it('an unquoted value starting with {{ is a YAML mapping: says to quote it', () => {
    const text = `${head}phases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBinary\n        inputs:\n          path: {{ Root }}\n`;
    const f = only(text);
    expect(f.at).toBe('error awstoe/unquoted-variable @12');
    expect(f.message).toBe(
      "YAML reads the unquoted `{{ Root }}` as a nested mapping, not a string. Quote it: `'{{ Root }}'`.",
    );
  });

  it('a real flow mapping is not mistaken for an unquoted variable', () => {
    const text = `${head}phases:\n  - name: build\n    steps:\n      - name: S\n        action: InstallMSI\n        inputs:\n          path: a.msi\n          properties: {A: '{{ Root }}'}\n`;
    expect(findings(text)).toEqual([]);
  });
});

describe('loop variables', () => {
  const loop = (ref: string, loopLines: string) =>
    bash(`echo {{ ${ref} }}`, `        loop:\n${loopLines}`);

  it('resolve in the step that has the loop, by `loop` or by its name', () => {
    expect(findings(loop('loop.value', '          forEach: [a]\n'))).toEqual([]);
    expect(findings(loop('L.index', '          name: L\n          forEach: [a]\n'))).toEqual([]);
  });

  it('outside any loop: a warning, they are left as text', () => {
    const f = only(bash('echo {{ loop.index }}'));
    expect(f.at).toBe('warning awstoe/loop-variable-outside-loop @13');
    expect(f.message).toContain('is used outside its loop');
    expect(f.message).toContain('Add a `loop` to this step or remove the reference.');
  });

  it('the loop of another step of the phase: a warning too', () => {
    const text = `${head}phases:\n  - name: build\n    steps:\n      - name: A\n        action: ExecuteBash\n        loop:\n          name: L\n          forEach: [a]\n        inputs:\n          commands: ['echo {{ L.value }}']\n      - name: B\n        action: ExecuteBash\n        inputs:\n          commands: ['echo {{ L.value }}']\n`;
    expect(findings(text).map((x) => x.at)).toEqual([
      'warning awstoe/loop-variable-outside-loop @19',
    ]);
  });

  it('a name that is no loop is an error suggesting loop.value or loop.index', () => {
    const f = only(loop('X.index', '          forEach: [a]\n'));
    expect(f.at).toBe('error awstoe/undefined-variable @13');
    expect(f.message).toBe(
      "`{{ X.index }}` names no loop of this step (use `loop.index` or the step's `loop.name`).",
    );
  });

  it('the loop’s own forEach list is outside the loop', () => {
    const f = only(bash('true', "        loop:\n          forEach: ['{{ loop.value }}']\n"));
    expect(f.at).toBe('warning awstoe/loop-variable-outside-loop @15');
  });
});

/** Two phases: `build` with Get (WebDownload, a list of inputs) and Run (ExecuteBash), then `second`. */
function chain(ref: string, second = 'validate', where = 'second'): string {
  const use = `      - name: Use\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "echo {{ ${ref} }}"\n`;
  return (
    `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n` +
    (where === 'first' ? use : '') +
    `      - name: Get\n        action: WebDownload\n        inputs:\n          - source: https://x/y\n            destination: /tmp/y\n` +
    `      - name: Run\n        action: ExecuteBash\n        inputs:\n          commands: [echo]\n` +
    `      - name: Boot\n        action: Reboot\n` +
    `      - name: Doc\n        action: ExecuteDocument\n        inputs:\n          document: d.yml\n` +
    `  - name: ${second}\n    steps:\n` +
    (where === 'second' ? use : '      - name: Later\n        action: Reboot\n')
  );
}

describe('chaining', () => {
  it('reads the inputs and outputs of steps that ran before', () => {
    for (const ref of [
      'build.Get.inputs[0].source',
      'build.Get.outputs.destination',
      'build.Run.inputs.commands',
      'build.Run.outputs.stdout',
      'build.Doc.outputs.anything',
    ])
      expect(findings(chain(ref))).toEqual([]);
  });

  it('an unknown phase or step names the nearest one', () => {
    const p = only(chain('biuld.Get.outputs.destination'));
    expect(p.at).toBe('error awstoe/chaining-unknown-step @26');
    expect(p.message).toBe(
      '`{{ biuld.Get.outputs.destination }}` refers to phase `biuld`, which this document does not have. Did you mean `build`?',
    );
    const s = only(chain('build.Gets.outputs.destination'));
    expect(s.message).toBe(
      '`{{ build.Gets.outputs.destination }}` refers to step `Gets`, which phase `build` does not have. Did you mean `Get`?',
    );
    expect(only(chain('build.Zzzzzz.outputs.x')).message).toMatch(/does not have\.$/);
  });

  it('a step that has not run yet: a later step of the phase, the step itself, a later phase', () => {
    const later = only(chain('build.Get.outputs.destination', 'validate', 'first'));
    expect(later.at).toBe('error awstoe/chaining-later-step @9');
    expect(later.message).toContain('refers to step `build.Get`, which has not run yet');
    expect(later.message).toContain('Move that step before this one.');
    const self = chain('build.Use.outputs.stdout', 'validate', 'first');
    expect(only(self).at).toBe('error awstoe/chaining-later-step @9');
    const next = only(chain('validate.Later.outputs.x', 'validate', 'first'));
    expect(next.at).toBe('error awstoe/chaining-later-step @9');
    expect(next.message).toContain('refers to step `validate.Later`, which has not run yet');
  });

  it('from a test phase into the build stage: a warning, the stages run separately', () => {
    const f = only(chain('build.Run.outputs.stdout', 'test'));
    expect(f.at).toBe('warning awstoe/chaining-across-stages @26');
    expect(f.message).toContain('chains from the `test` phase into `build`');
    expect(f.message).toContain('Repeat the step in `test`.');
    expect(
      findings(chain('build.Run.outputs.stdout', 'container-host-test')).map((x) => x.at),
    ).toEqual(['warning awstoe/chaining-across-stages @26']);
  });

  it('outputs: not indexed, and only those the action has', () => {
    expect(only(chain('build.Run.outputs[0].stdout')).message).toBe(
      '`{{ build.Run.outputs[0].stdout }}`: outputs are not indexed; write `{{ build.Run.outputs.stdout }}`.',
    );
    expect(only(chain('build.Run.outputs.stderr')).message).toBe(
      '`{{ build.Run.outputs.stderr }}`: ExecuteBash has no output `stderr`; it has `stdout`.',
    );
    expect(only(chain('build.Boot.outputs.x')).message).toContain(
      'the Reboot action has no outputs to chain',
    );
  });

  it('inputs: the entry index matches the inputs’ shape and range, and the field exists', () => {
    expect(only(chain('build.Run.inputs[0].commands')).message).toBe(
      '`{{ build.Run.inputs[0].commands }}`: the inputs of `build.Run` are not a list; write `{{ build.Run.inputs.commands }}`.',
    );
    expect(only(chain('build.Get.inputs[1].source')).message).toBe(
      '`{{ build.Get.inputs[1].source }}`: `build.Get` has 1 input entries, so index 1 does not exist (indexes start at 0).',
    );
    expect(only(chain('build.Get.inputs.source')).message).toBe(
      '`{{ build.Get.inputs.source }}`: the inputs of `build.Get` are a list; add the entry index: `{{ build.Get.inputs[0].source }}`.',
    );
    expect(only(chain('build.Get.inputs[0].checksum')).message).toBe(
      '`{{ build.Get.inputs[0].checksum }}`: that input has no `checksum` (it has `source` or `destination`).',
    );
  });
});

describe('references in a loop’s own settings', () => {
  it('no chaining in loop bounds or a delimiter', () => {
    const f = only(
      bash(
        'true',
        "        loop:\n          for: {start: 0, end: '{{ build.S.outputs.stdout }}', updateBy: 1}\n",
      ),
    );
    expect(f.at).toBe('error awstoe/loop-chaining @15');
    expect(f.message).toContain('chaining is not allowed in `for` bounds or a `forEach` delimiter');
    // The delimiter is reported once for the chain (and once for its length), not twice.
    const d = findings(
      bash(
        'true',
        "        loop:\n          forEach:\n            list: 'a,b'\n            delimiter: '{{ build.S.outputs.stdout }}'\n",
      ),
    );
    expect(d.map((x) => x.at)).toEqual([
      'error awstoe/loop-foreach @17',
      'error awstoe/loop-chaining @17',
    ]);
  });

  it('loop variables do not resolve in the loop’s own delimiter or bounds', () => {
    const d = findings(
      bash(
        'true',
        "        loop:\n          forEach:\n            list: 'a,b'\n            delimiter: '{{ loop.value }}'\n",
      ),
    );
    expect(d.map((x) => x.at)).toContain('warning awstoe/loop-variable-outside-loop @17');
    const f = findings(
      bash(
        'true',
        "        loop:\n          name: L\n          for: {start: 0, end: '{{ L.index }}', updateBy: 1}\n",
      ),
    );
    expect(f.map((x) => x.at)).toEqual(['warning awstoe/loop-variable-outside-loop @16']);
  });
});
