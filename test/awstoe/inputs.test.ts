/**
 * A step's `inputs` per action module (actions/lib/awstoe/inputs.ts): shape, required and known
 * keys, enumerations and the module-specific rules, each reported where the mistake is, with what
 * to write instead.
 */
import { describe, expect, it } from '@jest/globals';
import { findings, only } from './helpers.js';

/** One build step `S` (line 5) of `action` (line 6); `rest` follows from line 7, as written. */
function step(action: string, rest = ''): string {
  const body = rest
    .split('\n')
    .filter(Boolean)
    .map((l) => `        ${l}`)
    .join('\n');
  return `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ${action}\n${body}\n`;
}

describe('missing inputs', () => {
  it('names the required keys of the module, at the step', () => {
    const f = only(step('S3Download'));
    expect(f.at).toBe('error awstoe/missing-inputs @5');
    expect(f.message).toBe('The S3Download step needs `inputs` with `source` or `destination`.');
  });

  it('ExecutePowerShell needs `commands` or `file`; Assert an expression', () => {
    expect(only(step('ExecutePowerShell')).message).toBe(
      'The ExecutePowerShell step needs `inputs` with `commands` or `file`.',
    );
    expect(only(step('Assert')).message).toBe('The Assert step needs `inputs` with an expression.');
  });

  it('an empty `inputs:` is missing inputs too', () => {
    expect(only(step('ExecuteBash', 'inputs:')).at).toBe('error awstoe/missing-inputs @5');
    expect(only(step('ExecuteBash', 'inputs: ~')).at).toBe('error awstoe/missing-inputs @5');
  });

  it('modules whose inputs are all optional run without them', () => {
    expect(findings(step('Reboot'))).toEqual([]);
    expect(findings(step('UpdateOS'))).toEqual([]);
  });

  it('a misnamed `inputs` key holding optional inputs is an error: they would not be read', () => {
    const f = only(step('UpdateOS', 'input:\n  include: [kernel]'));
    expect(f.at).toBe('error awstoe/misnamed-key @7');
    expect(f.message).toBe(
      '`input` is not a step setting, so these inputs would not reach the UpdateOS step: rename it to `inputs`.',
    );
  });
});

describe('inputs shape', () => {
  it('a mapping for a list-shaped module warns, showing the list form', () => {
    const f = only(step('DeleteFile', 'inputs:\n  path: /tmp/x'));
    expect(f.at).toBe('warning awstoe/inputs-shape @8');
    expect(f.message).toContain('DeleteFile `inputs` is documented as a list of mappings');
    expect(f.message).toContain('write `- path: …`');
  });

  it('a list for a map-shaped module warns, saying to remove the dash', () => {
    const f = only(step('ExecuteBinary', 'inputs:\n  - path: /bin/true'));
    expect(f.at).toBe('warning awstoe/inputs-shape @8');
    expect(f.message).toContain('remove the leading `-`');
  });

  it('an empty list is an error', () => {
    const f = only(step('DeleteFile', 'inputs: []'));
    expect(f.at).toBe('error awstoe/missing-inputs @7');
    expect(f.message).toBe('DeleteFile `inputs` is an empty list; add at least one entry.');
  });

  it('each list entry must be a mapping', () => {
    const f = only(step('DeleteFile', 'inputs:\n  - /tmp/x'));
    expect(f.at).toBe('error awstoe/inputs-shape @8');
    expect(f.message).toBe('Each DeleteFile input entry must be a mapping (e.g. `- path: …`).');
  });

  it('a single value is an error naming the expected shape', () => {
    expect(only(step('DeleteFile', 'inputs: /tmp/x')).message).toBe(
      'DeleteFile `inputs` must be a list of mappings, not a single value.',
    );
    const f = only(step('ExecuteBash', 'inputs: echo hi'));
    expect(f.at).toBe('error awstoe/inputs-shape @7');
    expect(f.message).toBe('ExecuteBash `inputs` must be a mapping, not a single value.');
  });

  it('every entry of a list is checked', () => {
    const f = findings(step('DeleteFile', 'inputs:\n  - path: /a\n  - pat: /b'));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/missing-input @9']);
  });
});

describe('input keys', () => {
  it('an unknown input warns at the key, listing the module’s inputs', () => {
    const f = only(step('DeleteFolder', 'inputs:\n  - path: /a\n    forced: true'));
    expect(f.at).toBe('warning awstoe/unknown-input @9');
    expect(f.message).toBe(
      '`forced` is not a documented DeleteFolder input (path, force). Did you mean `force`?',
    );
  });

  it('a missing required input lists every required one', () => {
    const f = only(step('SetFileOwner', 'inputs:\n  - owner: root'));
    expect(f.at).toBe('error awstoe/missing-input @8');
    expect(f.message).toBe('SetFileOwner input is missing `path` (required: `path`, `owner`).');
  });

  it('a near miss of a required input is the error, at that key, with the rename', () => {
    const f = only(step('ExecuteBash', 'inputs:\n  command: [echo]'));
    expect(f.at).toBe('error awstoe/missing-input @8');
    expect(f.message).toBe(
      'ExecuteBash input `command` is not an input; the required `commands` is missing: rename `command` to `commands` (required: `commands`).',
    );
  });

  it('one misspelt key is matched to one required input only', () => {
    const f = findings(step('CopyFile', 'inputs:\n  - sourc: /a'));
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/missing-input @8',
      'error awstoe/missing-input @8',
    ]);
    expect(f[0]!.message).toContain('rename `sourc` to `source`');
    expect(f[1]!.message).toBe(
      'CopyFile input is missing `destination` (required: `source`, `destination`).',
    );
  });
});

describe('enumerated inputs', () => {
  const registry = (type: string) =>
    step(
      'SetRegistry',
      `inputs:\n  - path: HKLM:\\X\n    name: N\n    value: v\n    type: ${type}`,
    );

  it('a value outside the list is an error listing the allowed ones', () => {
    const f = only(registry('DWORDS'));
    expect(f.at).toBe('error awstoe/input-value @11');
    expect(f.message).toBe(
      'SetRegistry `type` must be one of `BINARY`, `DWORD`, `QWORD`, `SZ`, `EXPAND_SZ` or `MULTI_SZ`; found `DWORDS`.',
    );
  });

  it('a variable is resolved at run time, so it is accepted', () => {
    expect(
      findings(
        registry("'{{ Kind }}'").replace(
          'phases:',
          'parameters:\n  - Kind:\n      type: string\nphases:',
        ),
      ),
    ).toEqual([]);
  });

  it('a list is an error: the value is a single one', () => {
    const f = only(registry('[DWORD]'));
    expect(f.at).toBe('error awstoe/input-value @11');
    expect(f.message).toContain('a single value');
  });
});

describe('module rules', () => {
  it('ExecutePowerShell takes commands or file, not both and not neither', () => {
    expect(only(step('ExecutePowerShell', 'inputs:\n  file: a.ps1\n  commands: [b]')).message).toBe(
      'ExecutePowerShell takes `commands` or `file`, not both; keep one.',
    );
    const f = only(step('ExecutePowerShell', 'inputs: {}'));
    expect(f.message).toContain('needs `commands` (a list of strings) or `file`');
    expect(findings(step('ExecutePowerShell', 'inputs:\n  commands: [Get-Date]'))).toEqual([]);
  });

  it('commands and arguments are lists of strings', () => {
    const f = only(step('ExecuteBash', 'inputs:\n  commands: echo hi'));
    expect(f.at).toBe('error awstoe/input-value @8');
    expect(f.message).toContain('ExecuteBash `commands` must be a list of strings');
    const g = only(step('ExecuteBash', 'inputs:\n  commands:\n    - a: b'));
    expect(g.at).toBe('error awstoe/input-value @9');
    expect(g.message).toContain('Each ExecuteBash `commands` entry must be a string');
    expect(only(step('ExecuteBinary', 'inputs:\n  path: /x\n  arguments: -v')).message).toContain(
      'ExecuteBinary `arguments` must be a list of strings',
    );
    expect(only(step('ExecutePowerShell', 'inputs:\n  commands: Get-Date')).at).toBe(
      'error awstoe/input-value @8',
    );
  });

  it('ExecuteDocument phases is a string and parameters a list of {name, value}', () => {
    const ed = (more: string) => step('ExecuteDocument', `inputs:\n  document: doc.yml\n${more}`);
    expect(
      findings(ed('  phases: build,validate\n  parameters:\n    - name: A\n      value: b')),
    ).toEqual([]);
    expect(only(ed('  phases: [build]')).message).toBe(
      'ExecuteDocument `phases` is a comma-separated string, e.g. `phases: build,validate`.',
    );
    expect(only(ed('  parameters: A=b')).message).toBe(
      'ExecuteDocument `parameters` is a list of `{name, value}` mappings.',
    );
    for (const bad of ['    - name: A', '    - value: b', '    - A']) {
      const f = only(ed(`  parameters:\n${bad}`));
      expect(f.at).toBe('error awstoe/input-value @10');
      expect(f.message).toContain('needs `name` and `value`');
    }
  });

  it('Reboot delaySeconds is a non-negative integer', () => {
    for (const ok of ['0', '60']) {
      expect(findings(step('Reboot', `inputs:\n  delaySeconds: ${ok}`))).toEqual([]);
    }
    for (const bad of ['-1', '1.5', 'soon', '[1]']) {
      const f = only(step('Reboot', `inputs:\n  delaySeconds: ${bad}`));
      expect(f.at).toBe('error awstoe/input-value @8');
      expect(f.message).toBe('Reboot `delaySeconds` must be a non-negative integer.');
    }
  });
});
