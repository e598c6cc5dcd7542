/**
 * Scenario 5: bad input never crashes. Fuzzed component documents and image definitions (through
 * validate and plan) and garbage INPUT_* values for every action must end with exit code 1, an
 * `::error::` line and no stack trace; clearly invalid input is never accepted with exit code 0.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../demo/run-action.js';
import { Checks, prng, type ScenarioResult } from './scenario.js';
import { REPO_ROOT } from './world.js';

const GARBAGE = [
  '',
  ' ',
  'null',
  '{',
  '[1,2',
  '../../etc/passwd',
  '\u0001\u0002',
  'x'.repeat(5000),
  '-1',
  'NaN',
  '{"a":',
  'arn:aws:nope',
  '${{ x }}',
  'us-east-99',
];

const DOCS = [
  'phases: [',
  'name: x\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: NoSuchAction\n',
  'schemaVersion: 1.0\nphases: 12\n',
  '- just\n- a\n- list\n',
  'name: x\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps: {}\n',
  '\t\ttabs: [\n',
];
const DEFINITIONS = [
  'name: [',
  'name: web-server\ncomponents: 7\n',
  '42\n',
  'name: ""\nparentImage: {}\n',
  'name: a b c\ncomponents:\n  - name: nope\n',
];

interface Target {
  action: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
}

/** Mutates one of a valid input set's values into garbage, keeping the rest valid. */
function targets(random: () => number, n: number): Target[] {
  const valid: Record<string, Record<string, string>> = {
    'build-image': {
      definition: 'components/images/web-server.yml',
      region: 'us-east-1',
      'infrastructure-configuration-arn':
        'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/x',
      'distribution-configuration-arn':
        'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/x',
    },
    'wait-image': {
      'image-build-version-arn':
        'arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1',
      region: 'us-east-1',
      'timeout-minutes': '1',
    },
    'publish-ami': {
      amis: '{"us-east-1":"ami-0123456789abcdef0"}',
      'parameter-name': '/golden-ami/web-server',
      'primary-region': 'us-east-1',
    },
    'deploy-stack': { 'stack-name': 'app', template: 'stacks/app-ec2.yml', region: 'us-east-1' },
    plan: { 'definitions-path': 'components/images' },
  };
  const out: Target[] = [];
  const names = Object.keys(valid);
  for (let i = 0; i < n; i++) {
    const action = names[i % names.length]!;
    const inputs = { ...valid[action]! };
    const keys = Object.keys(inputs);
    const key = keys[Math.floor(random() * keys.length)]!;
    inputs[key] = GARBAGE[Math.floor(random() * GARBAGE.length)]!;
    out.push({ action, inputs });
  }
  return out;
}

export async function fuzzScenario(seed: number, count = 10): Promise<ScenarioResult> {
  const c = new Checks();
  const random = prng(seed);
  const ws = mkdtempSync(join(tmpdir(), 'chaos-fuzz-'));
  for (const f of ['components', 'stacks'])
    cpSync(join(REPO_ROOT, f), join(ws, f), { recursive: true });
  const env = {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '1',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_EVENT_NAME: 'workflow_dispatch',
  };
  let runs = 0;
  const expectClean = async (label: string, t: Target) => {
    const r = await runAction({
      actionDir: join(REPO_ROOT, 'actions', t.action),
      inputs: t.inputs,
      cwd: ws,
      env: { ...env, ...t.env },
      timeoutMs: 60_000,
    });
    runs++;
    const out = r.stdout + r.stderr;
    const trace = out.split('\n').some((l) => /^\s{4}at /.test(l));
    c.check(
      r.code === 1 && /::error/.test(out) && !trace,
      `${label}: exit 1, ::error::, no stack trace`,
      () => `exit ${r.code}${trace ? ', stack trace' : ''}: ${out.slice(0, 300)}`,
    );
  };
  // Fuzzed component documents and image definitions, each alone in the workspace's folders.
  const doc = DOCS[Math.floor(random() * DOCS.length)]!;
  writeFileSync(join(ws, 'components', 'fuzzed.yml'), doc);
  await expectClean(`validate, fuzzed component ${JSON.stringify(doc.slice(0, 30))}`, {
    action: 'validate',
    inputs: { paths: 'components/fuzzed.yml' },
  });
  const def = DEFINITIONS[Math.floor(random() * DEFINITIONS.length)]!;
  writeFileSync(join(ws, 'components', 'images', 'fuzzed.yml'), def);
  await expectClean(`validate, fuzzed definition ${JSON.stringify(def.slice(0, 30))}`, {
    action: 'validate',
    inputs: { paths: 'components/images/fuzzed.yml' },
  });
  await expectClean(`plan, fuzzed definition ${JSON.stringify(def.slice(0, 30))}`, {
    action: 'plan',
    inputs: { force: 'true' },
  });
  for (const t of targets(random, count)) {
    const which = Object.entries(t.inputs)
      .map(([k, v]) => `${k}=${JSON.stringify(v.slice(0, 20))}`)
      .join(' ');
    await expectClean(`${t.action} ${which}`.slice(0, 160), t);
  }
  c.figure('inputs', runs);
  return c.result(`bad input, seed ${seed}`);
}
