/**
 * Phases and their step lists (actions/lib/awstoe/phases-steps.ts): a list of named phases, at
 * least one that Image Builder runs, steps as a list of mappings, each mistake at its token.
 */
import { describe, expect, it } from '@jest/globals';
import { findings, only } from './helpers.js';

const step = '      - name: S\n        action: Reboot\n';
/** `schemaVersion` at line 1, `phases:` at line 2. */
const doc = (phases: string) => `schemaVersion: 1.0\nphases:${phases}`;

describe('phases', () => {
  it('a document without phases says what it looks like', () => {
    expect(only('schemaVersion: 1.0\nname: x\n').at).toBe('error awstoe/missing-phases @1');
  });

  it('phases keyed by name (a mapping) is an error naming the phases found', () => {
    const f = only(doc(`\n  build:\n    steps:\n${step}  test:\n    steps: []\n`));
    expect(f.at).toBe('error awstoe/phases-not-list @3');
    expect(f.message).toBe(
      '`phases` is a mapping keyed by phase name (build, test); it must be a list of phases: `- name: build` with `steps:` under it.',
    );
  });

  it('phases as a single value is an error showing the list form', () => {
    const f = only(doc(' build\n'));
    expect(f.at).toBe('error awstoe/phases-not-list @2');
    expect(f.message).toBe(
      '`phases` must be a list of phases: `- name: build` with `steps:` under it.',
    );
  });

  it('each phase is a mapping', () => {
    const f = findings(doc(`\n  - build\n  - name: build\n    steps:\n${step}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/phase-shape @3']);
    expect(f[0]!.message).toBe('Each phase must be a mapping with `name` and `steps`.');
  });

  it('a phase has only name and steps', () => {
    const f = only(doc(`\n  - name: build\n    step:\n${step}    steps:\n${step}`));
    expect(f.at).toBe('warning awstoe/unknown-key @4');
    expect(f.message).toBe(
      '`step` is not a phase setting (a phase has only `name` and `steps`). Did you mean `steps`?',
    );
  });

  it('a phase needs a name: at the phase when absent, at `name` when empty', () => {
    const f = findings(
      doc(
        `\n  - steps:\n${step}  - name:\n    steps:\n${step}  - name: build\n    steps:\n${step}`,
      ),
    );
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/phase-name @3',
      'error awstoe/phase-name @6',
    ]);
    expect(f[0]!.message).toBe(
      'Each phase needs a `name` (a string such as `build`, `validate` or `test`).',
    );
  });

  it('a duplicate phase name is reported at the second, saying to merge', () => {
    const f = only(doc(`\n  - name: test\n    steps:\n${step}  - name: test\n    steps:\n${step}`));
    expect(f.at).toBe('error awstoe/duplicate-phase @7');
    expect(f.message).toBe(
      'The phase `test` appears twice (the first is at line 3); phase names must be unique. Merge the steps into one phase.',
    );
  });

  it('every phase Image Builder runs is accepted', () => {
    for (const name of ['build', 'validate', 'test'])
      expect(findings(doc(`\n  - name: ${name}\n    steps:\n${step}`))).toEqual([]);
    expect(
      findings(
        doc(
          `\n  - name: build\n    steps:\n${step}  - name: container-host-test\n    steps:\n${step}`,
        ),
      ),
    ).toEqual([]);
  });

  it('another phase name warns: AWSTOE runs it only when asked', () => {
    const f = only(
      doc(`\n  - name: build\n    steps:\n${step}  - name: deploy\n    steps:\n${step}`),
    );
    expect(f.at).toBe('warning awstoe/non-standard-phase @7');
    expect(f.message).toBe(
      'The phase `deploy` is not one Image Builder runs (`build`, `validate`, `test` or `container-host-test`); AWSTOE runs it only when asked by name.',
    );
    expect(
      only(doc(`\n  - name: build\n    steps:\n${step}  - name: tset\n    steps:\n${step}`))
        .message,
    ).toContain('Did you mean `test`?');
    expect(
      only(doc(`\n  - name: build\n    steps:\n${step}  - name: VALIDATE\n    steps:\n${step}`))
        .message,
    ).toBe(
      'The phase `VALIDATE` differs from `validate` only in case; Image Builder runs only `validate`. Rename it.',
    );
  });

  it('with none of build, validate and test, Image Builder would run nothing', () => {
    const f = findings(doc(`\n  - name: container-host-test\n    steps:\n${step}`));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/no-standard-phase @3']);
    expect(f[0]!.message).toBe(
      'The document has none of the `build`, `validate` or `test` phases, so Image Builder would run nothing. Name a phase `build`, `validate` or `test`.',
    );
  });
});

describe('step lists', () => {
  it('a phase without steps is an error at the phase', () => {
    const f = only(doc('\n  - name: build\n'));
    expect(f.at).toBe('error awstoe/missing-steps @3');
    expect(f.message).toBe(
      'This phase has no `steps`; add a list of steps (each with `name` and `action`).',
    );
  });

  it('steps that are not a list, and an empty list', () => {
    const f = only(doc('\n  - name: build\n    steps:\n      name: S\n      action: Reboot\n'));
    expect(f.at).toBe('error awstoe/steps-not-list @5');
    expect(f.message).toBe(
      '`steps` must be a list: `- name: MyStep` with `action:` and `inputs:` under it.',
    );
    const e = only(doc('\n  - name: build\n    steps: []\n'));
    expect(e.at).toBe('warning awstoe/empty-steps @4');
    expect(e.message).toBe('This phase has an empty `steps` list; add a step or remove the phase.');
  });

  it('each step is a mapping', () => {
    const f = only(doc(`\n  - name: build\n    steps:\n      - Reboot\n${step}`));
    expect(f.at).toBe('error awstoe/step-shape @5');
    expect(f.message).toBe(
      'Each step must be a mapping with `name`, `action` and usually `inputs`.',
    );
  });

  it('loop names are unique per phase, reported at the second; other phases may reuse them', () => {
    const looped = (n: string) =>
      `      - name: ${n}\n        action: Reboot\n        loop:\n          name: L\n          forEach: [a]\n`;
    const f = only(doc(`\n  - name: build\n    steps:\n${looped('A')}${looped('B')}`));
    expect(f.at).toBe('error awstoe/duplicate-loop-name @13');
    expect(f.message).toBe(
      'The loop name `L` is already used in this phase (the first is at line 8); loop names must be unique per phase.',
    );
    expect(
      findings(
        doc(
          `\n  - name: build\n    steps:\n${looped('A')}  - name: test\n    steps:\n${looped('A')}`,
        ),
      ),
    ).toEqual([]);
  });

  it('chaining finds steps by name in every phase, also past a malformed step', () => {
    const text = doc(
      `\n  - name: build\n    steps:\n      - Reboot\n      - name: Get\n        action: ExecuteBash\n        inputs:\n          commands: [date]\n  - name: validate\n    steps:\n      - name: Use\n        action: ExecuteBash\n        inputs:\n          commands: ['echo {{ build.Get.outputs.stdout }}']\n`,
    );
    expect(findings(text).map((x) => x.at)).toEqual(['error awstoe/step-shape @5']);
  });
});
