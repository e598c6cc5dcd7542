/** Issue 11 part 3: every input whose type the documentation gives is checked, in every module. */
import { describe, expect, it } from '@jest/globals';
import { ACTIONS, validateComponent } from '../../actions/lib/awstoe/index.js';
import { INPUT_ENUMS } from '../../actions/lib/awstoe/actions-table.js';
import { inputType } from '../../actions/lib/awstoe/input-types.js';

/** One step of `action` with `inputs` (map-shaped or a one-entry list, as the action documents). */
function step(action: string, entry: Record<string, string>): string {
  const list = ACTIONS[action]!.shape === 'list';
  const lines = Object.entries(entry).map(([k, v], i) =>
    list ? `${i === 0 ? '- ' : '  '}${k}: ${v}` : `${k}: ${v}`,
  );
  return `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ${action}\n        inputs:\n${lines.map((l) => `          ${l}`).join('\n')}\n`;
}
/** A valid value per input type, for the required keys. */
function required(action: string, key = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ACTIONS[action]!.required) {
    out[k] = INPUT_ENUMS[action]?.[k]?.[0] ?? (k === 'commands' ? '[echo]' : 'x');
  }
  if (action === 'ExecutePowerShell' && key !== 'file') out.commands = '[echo]';
  return out;
}
const errors = (text: string) =>
  validateComponent(text, 'c.yml').filter((f) => f.severity === 'error');

const cases = Object.entries(ACTIONS).flatMap(([action, spec]) =>
  action === 'Assert'
    ? []
    : [...spec.required, ...spec.optional].map((key) => [action, key] as const),
);

describe('input types in every module', () => {
  it.each(cases)('%s %s', (action, key) => {
    const base = required(action, key);
    const enums = INPUT_ENUMS[action]?.[key];
    const type = inputType(action, key);
    if (enums) {
      expect(errors(step(action, { ...base, [key]: enums[0]! }))).toEqual([]);
      const bad = errors(step(action, { ...base, [key]: 'NotAValue' }));
      expect(bad.map((f) => f.rule)).toEqual(['awstoe/input-value']);
      return;
    }
    const good: Record<string, string> = {
      string: 'some-value',
      boolean: 'true',
      list: '[a, b]',
      map: '{A: b}',
    };
    if (type === 'any' || key === 'commands' || key === 'arguments') return;
    expect(errors(step(action, { ...base, [key]: good[type]! }))).toEqual([]);
    // Every list-typed input rejects a scalar; every other typed input rejects a list.
    const wrong = type === 'list' || type === 'map' ? 'just-a-scalar' : '[a, b]';
    const bad = errors(step(action, { ...base, [key]: wrong }));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.rule).toBe('awstoe/input-type');
    expect(bad[0]!.line).toBe(
      Object.keys(base).includes(key)
        ? 8 + Object.keys(base).indexOf(key)
        : 8 + Object.keys(base).length,
    );
    if (type === 'boolean') {
      expect(errors(step(action, { ...base, [key]: 'maybe' }))[0]!.rule).toBe('awstoe/input-type');
    }
  });

  it('commands and arguments reject a scalar in every module that has them', () => {
    for (const [action, key] of [
      ['ExecuteBash', 'commands'],
      ['ExecutePowerShell', 'commands'],
      ['ExecuteBinary', 'arguments'],
    ] as const) {
      const f = errors(step(action, { ...required(action), [key]: 'echo hi' }));
      expect(f.map((x) => x.rule)).toEqual(['awstoe/input-value']);
    }
  });

  it('a {{ variable }} is not type-checked (resolved at run time)', () => {
    const text = step('S3Download', {
      source: 's3://b/k',
      destination: '/tmp/k',
      overwrite: "'{{ Over }}'",
    }).replace(
      'phases:',
      'parameters:\n  - Over:\n      type: string\n      default: "true"\nphases:',
    );
    expect(errors(text)).toEqual([]);
  });
});
