import { describe, it, expect } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import type { Finding } from '../../actions/lib/core/findings.js';

/** A document with one build step; `step` is the step body (indented 8 spaces), `head` extra root keys. */
function doc(step: string, head = ''): string {
  return `schemaVersion: 1.0\n${head}phases:\n  - name: build\n    steps:\n      - name: S\n${step
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n')}\n`;
}
const rules = (f: Finding[]) => f.map((x) => `${x.severity}:${x.rule}`);
const v = (text: string) => validateComponent(text, 'c.yml');
const bash = 'action: ExecuteBash\ninputs:\n  commands:\n    - echo hi';

describe('document', () => {
  it('accepts 1.0 as float and string, warns on 1, rejects others', () => {
    expect(rules(v(doc(bash)))).toEqual([]);
    expect(rules(v(doc(bash).replace('schemaVersion: 1.0', "schemaVersion: '1.0'")))).toEqual([]);
    expect(rules(v(doc(bash).replace('schemaVersion: 1.0', 'schemaVersion: 1')))).toEqual([
      'warning:awstoe/schema-version',
    ]);
    expect(rules(v(doc(bash).replace('schemaVersion: 1.0', 'schemaVersion: "2.2"')))).toEqual([
      'error:awstoe/schema-version',
    ]);
    expect(rules(v(doc(bash).replace('schemaVersion: 1.0\n', '')))).toEqual([
      'error:awstoe/schema-version',
    ]);
  });
  it('root must be a mapping; unknown root keys warn', () => {
    expect(rules(v('- a\n- b\n'))).toEqual(['error:awstoe/root-not-mapping']);
    expect(rules(v(''))).toEqual(['error:awstoe/root-not-mapping']);
    const f = v(doc(bash, 'version: 1.0.0\n'));
    expect(rules(f)).toEqual(['warning:awstoe/unknown-key']);
    expect(f[0]?.line).toBe(2);
  });
  it('warns above the 16,000-character inline limit and names S3 uri', () => {
    const big = doc(
      `${bash}\n${Array.from({ length: 400 }, (_, i) => `    - echo line ${i} ${'x'.repeat(30)}`).join('\n')}`,
    );
    const f = v(big).filter((x) => x.rule === 'awstoe/inline-size');
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toMatch(/uri/);
  });
  it('does not treat ${...} as an error', () => {
    expect(
      rules(v(doc('action: ExecuteBash\ninputs:\n  commands:\n    - echo ${HOME} ${var.x}'))),
    ).toEqual([]);
  });
});

describe('phases and steps', () => {
  it('requires unique phase names and step names within a phase', () => {
    const text = `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: A\n        ${bash.replace(/\n/g, '\n        ')}\n      - name: A\n        ${bash.replace(/\n/g, '\n        ')}\n  - name: build\n    steps: []\n`;
    const f = v(text);
    expect(f.find((x) => x.rule === 'awstoe/duplicate-step')?.line).toBe(10);
    expect(f.find((x) => x.rule === 'awstoe/duplicate-phase')?.line).toBe(15);
  });
  it('allows the same step name in different phases and known container-host-test', () => {
    const text =
      doc(bash) +
      `  - name: container-host-test\n    steps:\n      - name: S\n        ${bash.replace(/\n/g, '\n        ')}\n`;
    expect(rules(v(text))).toEqual([]);
  });
  it('warns on a case-only phase name mismatch', () => {
    const f = v(
      doc(bash).replace('name: build', 'name: Build') +
        `  - name: test\n    steps:\n      - name: T\n        ${bash.replace(/\n/g, '\n        ')}\n`,
    );
    expect(rules(f)).toEqual(['warning:awstoe/non-standard-phase']);
    expect(f[0]?.message).toMatch(/`build`/);
  });
  it('checks onFailure, timeoutSeconds and maxAttempts', () => {
    expect(rules(v(doc(`${bash}\nonFailure: Stop`)))).toEqual(['error:awstoe/on-failure']);
    expect(rules(v(doc(`${bash}\ntimeoutSeconds: -1`)))).toEqual([]);
    expect(rules(v(doc(`${bash}\ntimeoutSeconds: -5`)))).toEqual(['error:awstoe/timeout-seconds']);
    expect(rules(v(doc(`${bash}\ntimeoutSeconds: 1.5`)))).toEqual(['error:awstoe/timeout-seconds']);
    expect(rules(v(doc(`${bash}\nmaxAttempts: 0`)))).toEqual(['error:awstoe/max-attempts']);
    expect(rules(v(doc(`${bash}\ntimeout: 60`)))).toEqual(['warning:awstoe/unknown-key']);
  });
  it('suggests the closest action for an unknown one', () => {
    const f = v(doc('action: S3Downlod\ninputs:\n  - source: s3://b/k\n    destination: /tmp/k'));
    expect(rules(f)).toEqual(['error:awstoe/unknown-action']);
    expect(f[0]?.message).toMatch(/Did you mean `S3Download`/);
  });
  it('applies ExecuteDocument limits and Reboot rules', () => {
    const ed =
      'action: ExecuteDocument\ninputs:\n  document: arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0';
    expect(rules(v(doc(`${ed}\ntimeoutSeconds: 60`)))).toEqual([
      'error:awstoe/execute-document-limits',
    ]);
    expect(rules(v(doc(`${ed}\nmaxAttempts: 2`)))).toEqual([
      'error:awstoe/execute-document-limits',
    ]);
    expect(rules(v(doc(`${ed}\ntimeoutSeconds: -1\nmaxAttempts: 1`)))).toEqual([]);
    expect(rules(v(doc('action: Reboot')))).toEqual([]);
    expect(rules(v(doc('action: UpdateOS')))).toEqual([]);
  });
});

describe('inputs', () => {
  it('warns on a shape mismatch and errors on a missing required key', () => {
    expect(
      rules(v(doc('action: S3Download\ninputs:\n  source: s3://b/k\n  destination: /tmp/k'))),
    ).toEqual(['warning:awstoe/inputs-shape']);
    expect(rules(v(doc('action: ExecuteBash\ninputs:\n  - commands: [echo hi]')))).toEqual([
      'warning:awstoe/inputs-shape',
    ]);
    // The misspelt key is the error (at that key), not a warning beside a missing-key error.
    expect(rules(v(doc('action: ExecuteBash\ninputs:\n  command: [echo hi]')))).toEqual([
      'error:awstoe/missing-input',
    ]);
    expect(rules(v(doc('action: ExecuteBash')))).toEqual(['error:awstoe/missing-inputs']);
  });
  it('ExecutePowerShell takes exactly one of commands and file', () => {
    expect(rules(v(doc('action: ExecutePowerShell\ninputs:\n  file: C:\\x.ps1')))).toEqual([]);
    expect(
      rules(v(doc('action: ExecutePowerShell\ninputs:\n  file: C:\\x.ps1\n  commands: [a]'))),
    ).toEqual(['error:awstoe/powershell-commands-or-file']);
    expect(rules(v(doc('action: ExecutePowerShell\ninputs: {}')))).toEqual([
      'error:awstoe/powershell-commands-or-file',
    ]);
  });
  it('checks enumerated values', () => {
    expect(
      rules(
        v(
          doc(
            'action: SetRegistry\ninputs:\n  - path: HKLM:\\X\n    name: N\n    value: 1\n    type: DWORDS',
          ),
        ),
      ),
    ).toEqual(['error:awstoe/input-value']);
    expect(
      rules(
        v(
          doc(
            'action: WebDownload\ninputs:\n  - source: https://x\n    destination: /tmp/x\n    algorithm: SHA256',
          ),
        ),
      ),
    ).toEqual([]);
  });
  it('validates Assert inputs as an expression', () => {
    expect(rules(v(doc("action: Assert\ninputs:\n  stringEquals: 'a'\n  value: 'a'")))).toEqual([]);
    expect(rules(v(doc("action: Assert\ninputs:\n  stringEqual: 'a'\n  value: 'a'")))).toContain(
      'error:awstoe/unknown-operator',
    );
  });
});

describe('loops', () => {
  it('checks for bounds, updateBy and forEach delimiter', () => {
    expect(rules(v(doc(`${bash}\nloop:\n  for: {start: 0, end: 3, updateBy: 0}`)))).toEqual([
      'error:awstoe/loop-for',
    ]);
    expect(rules(v(doc(`${bash}\nloop:\n  for: {start: 0, end: 3, updateBy: -1}`)))).toEqual([
      'error:awstoe/loop-for',
    ]);
    expect(rules(v(doc(`${bash}\nloop:\n  for: {start: a, end: 3, updateBy: 1}`)))).toEqual([
      'error:awstoe/loop-for',
    ]);
    expect(rules(v(doc(`${bash}\nloop:\n  forEach: {list: 'a;b', delimiter: ';;'}`)))).toEqual([
      'error:awstoe/loop-foreach',
    ]);
    expect(rules(v(doc(`${bash}\nloop:\n  name: x`)))).toEqual(['error:awstoe/loop-shape']);
  });
  it('requires loop names unique per phase', () => {
    const step = (n: string) =>
      `      - name: ${n}\n        action: ExecuteBash\n        loop:\n          name: L1\n          forEach: [a]\n        inputs:\n          commands: ['echo {{ L1.value }}']\n`;
    const f = v(
      `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n${step('A')}${step('B')}`,
    );
    expect(rules(f)).toEqual(['error:awstoe/duplicate-loop-name']);
    expect(f[0]?.line).toBe(15);
  });
  it('warns on loop variables outside a loop', () => {
    expect(
      rules(v(doc("action: ExecuteBash\ninputs:\n  commands: ['echo {{ loop.value }}']"))),
    ).toEqual(['warning:awstoe/loop-variable-outside-loop']);
  });
});

describe('if expressions', () => {
  it('accepts then/else and rejects bad step actions, multiple operators and missing value', () => {
    expect(
      rules(v(doc(`${bash}\nif:\n  binaryExists: dnf\n  then: Execute\n  else: Skip`))),
    ).toEqual([]);
    expect(rules(v(doc(`${bash}\nif:\n  binaryExists: dnf\n  then: Run`)))).toEqual([
      'error:awstoe/if-then-else',
    ]);
    expect(rules(v(doc(`${bash}\nif:\n  binaryExists: dnf\n  fileExists: /x`)))).toEqual([
      'error:awstoe/if-multiple-operators',
    ]);
    expect(rules(v(doc(`${bash}\nif:\n  stringEquals: a`)))).toEqual([
      'error:awstoe/if-missing-value',
    ]);
    expect(rules(v(doc(`${bash}\nif:\n  - binaryExists: dnf`)))).toEqual([]);
  });
});

describe('parameters and constants', () => {
  const params = (body: string) => doc(bash, body);
  it('reports the SSM mapping shape and name rules', () => {
    expect(rules(v(params('parameters:\n  Version:\n    type: string\n')))).toEqual([
      'error:awstoe/parameter-shape',
    ]);
    expect(rules(v(params('parameters:\n  - V:\n      type: string\n')))).toEqual([
      'error:awstoe/variable-name',
    ]);
    expect(rules(v(params('parameters:\n  - Version:\n      type: stringList\n')))).toEqual([
      'error:awstoe/variable-type',
    ]);
    expect(
      rules(
        v(
          params(
            "parameters:\n  - Flag:\n      type: string\n      allowedValues: ['no', 'yes']\n",
          ),
        ),
      ),
    ).toEqual([]);
  });
  it('needs constant values and unique names across both sections', () => {
    expect(rules(v(params('constants:\n  - Root:\n      type: string\n')))).toEqual([
      'error:awstoe/constant-value',
    ]);
    const f = v(
      params(
        'parameters:\n  - Root:\n      type: string\nconstants:\n  - Root:\n      type: string\n      value: /opt\n',
      ),
    );
    expect(rules(f)).toEqual(['error:awstoe/duplicate-variable']);
    expect(f[0]?.line).toBe(6);
  });
});

describe('references and chaining', () => {
  const two = (second: string, secondPhase = 'build') =>
    `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Get\n        action: WebDownload\n        inputs:\n          - source: https://x/y\n            destination: /tmp/y\n  - name: ${secondPhase}\n    steps:\n      - name: Use\n        action: ExecuteBash\n        inputs:\n          commands:\n            - ${second}\n`;
  it('resolves chaining to earlier phases, inputs by index and outputs', () => {
    expect(rules(v(two('cat {{ build.Get.inputs[0].destination }}', 'validate')))).toEqual([]);
    expect(rules(v(two('cat {{ build.Get.outputs.destination }}', 'validate')))).toEqual([]);
    expect(rules(v(two('cat {{ build.Get.inputs[1].destination }}', 'validate')))).toEqual([
      'error:awstoe/chaining-input',
    ]);
    expect(rules(v(two('cat {{ build.Get.inputs.destination }}', 'validate')))).toEqual([
      'error:awstoe/chaining-input',
    ]);
    expect(rules(v(two('cat {{ build.Got.outputs.destination }}', 'validate')))).toEqual([
      'error:awstoe/chaining-unknown-step',
    ]);
    expect(rules(v(two('cat {{ build.Get.outputs.stdout }}', 'validate')))).toEqual([
      'error:awstoe/chaining-output',
    ]);
    expect(rules(v(two('cat {{ build.Get.outputs.destination }}', 'test')))).toEqual([
      'warning:awstoe/chaining-across-stages',
    ]);
  });
  it('ignores non-AWSTOE braces such as Go templates', () => {
    expect(
      rules(
        v(
          doc(
            "action: ExecuteBash\ninputs:\n  commands:\n    - docker inspect -f '{{.State.Running}}' x",
          ),
        ),
      ),
    ).toEqual([]);
  });
  it('flags a value that starts with unquoted {{ and shows the quoted form', () => {
    const f = v(doc('action: ExecuteBinary\ninputs:\n  path: {{ build.X.outputs.stdout }}'));
    expect(rules(f)).toEqual(['error:awstoe/unquoted-variable']);
    expect(f[0]?.message).toContain("'{{ build.X.outputs.stdout }}'");
    expect(f[0]?.line).toBe(8);
  });
});
