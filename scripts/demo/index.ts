/**
 * npm run demo: the whole pipeline, offline, on a fresh clone. Starts the local AWS emulator, creates
 * the long-lived stacks from stacks/, then runs the real workflows of .github/workflows step by
 * step, each action as its bundled dist/index.js in a child process:
 *   1. a first push to main: every image is built, published to SSM in both regions, deployed;
 *   2. a change to one component: only what changed is rebuilt; a new pinned version is deployed;
 *   3. the rollback workflow: the stack goes back to the previous version, with no SSM write.
 * It checks each outcome and exits non-zero if any step or check fails.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  createEnvironment,
  DR,
  PRIMARY,
  runPipelineWorkflow,
  type PipelineEnvironment,
} from './environment.js';
import { stepLine, terminalSummary } from './render.js';
import type { WorkflowResult } from './workflow-runner.js';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
const TIME_WARP = Number(process.env.DEMO_TIME_WARP_FACTOR ?? 240);
const PARAMETER = '/golden-ami/web-server';
const STACK = 'golden-ami-app-web-server';
const verbose = process.argv.includes('--verbose');
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Release {
  versions: Record<string, { version: number; ami: string }>;
  stackVersion: string;
  instanceId: string;
  url: string;
}

async function release(env: PipelineEnvironment): Promise<Release> {
  const versions: Release['versions'] = {};
  for (const region of [PRIMARY, DR]) {
    const p = (
      await env.client(SSMClient, region).send(new GetParameterCommand({ Name: PARAMETER }))
    ).Parameter!;
    versions[region] = { version: p.Version!, ami: p.Value! };
  }
  const stack = (
    await env.client(CloudFormationClient).send(new DescribeStacksCommand({ StackName: STACK }))
  ).Stacks![0]!;
  const output = (k: string) => stack.Outputs?.find((o) => o.OutputKey === k)?.OutputValue ?? '';
  return {
    versions,
    stackVersion: output('AmiParameterVersion'),
    instanceId: output('InstanceId'),
    url: output('WebsiteURL'),
  };
}

function show(r: Release): void {
  for (const [region, v] of Object.entries(r.versions))
    out(`   SSM ${PARAMETER} in ${region}: version ${v.version} → ${v.ami}`);
  out(
    `   stack ${STACK}: AmiParameterVersion ${r.stackVersion}, instance ${r.instanceId}, ${r.url}`,
  );
}

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  out(`   ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
}

async function run(
  env: PipelineEnvironment,
  title: string,
  workflow: string,
  name: 'push' | 'workflow_dispatch',
  payload: Record<string, unknown>,
): Promise<WorkflowResult> {
  out();
  out(`▶ ${title}`);
  out(`  .github/workflows/${workflow} (${name})`);
  const t0 = Date.now();
  const result = await runPipelineWorkflow(
    env,
    workflow,
    { name, payload: payload as never },
    {
      onLine: (line) => {
        if (line.startsWith('──')) out(`  ${line}`);
        else if (
          verbose ||
          /::error|::warning|^\s+(State|Step|\[|BUILDING|TESTING|AVAILABLE|FAILED)/.test(line)
        )
          out(`  ${line.replace(/::(error|warning)[^:]*::/, '$1: ')}`);
      },
      onStep: (s) => {
        const label = `${s.job}${s.leg ? ` [${JSON.parse(s.leg).image ?? ''}]` : ''} › ${s.step}`;
        out(stepLine(s.outcome, label, s.ms, s.outcome === 'stand-in' ? s.log : ''));
        if (s.summary.trim()) out(terminalSummary(s.summary));
        if (s.outcome === 'failure' && !verbose)
          out(
            s.log
              .split('\n')
              .filter((l) => /::error/.test(l))
              .map((l) => `   ${l}`)
              .join('\n'),
          );
      },
    },
  );
  out(`  ${result.success ? 'succeeded' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** A realistic component change: a hardening step that hides the Apache version banner. */
function hardenApache(dir: string): void {
  const file = join(dir, 'components/apache-install.yml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const build = (doc.get('phases') as { items: { get(k: string): unknown }[] }).items.find(
    (p) => p.get('name') === 'build',
  ) as { get(k: string): { add(v: unknown): void } };
  build.get('steps').add(
    doc.createNode({
      name: 'HideServerBanner',
      action: 'CreateFile',
      inputs: [
        {
          path: '/etc/httpd/conf.d/security.conf',
          overwrite: true,
          content: 'ServerTokens Prod\nServerSignature Off\n',
        },
      ],
    }),
  );
  writeFileSync(file, doc.toString());
}

async function main(): Promise<number> {
  const started = Date.now();
  out('imagebuilder-gitops demo: the whole pipeline, offline, against a local AWS emulator');
  const env = await createEnvironment({
    repoRoot: REPO_ROOT,
    timeWarp: TIME_WARP,
    log: (l) => out(`  ${l}`),
  });
  try {
    out(
      `  emulator ${env.aws.endpoint} (primary ${PRIMARY}, DR ${DR}); time runs ${TIME_WARP}× faster, so a build of ~20 minutes takes seconds`,
    );
    out(`  scratch repository ${env.workspace.dir}`);

    const first = await run(
      env,
      '1/3 First push to main: build, publish and deploy every image',
      'image-pipeline.yml',
      'push',
      env.workspace.commit('Golden AMI pipeline: the web-server image'),
    );
    check(first.success, 'the pipeline succeeded');
    const r1 = await release(env);
    show(r1);
    check(
      r1.versions[PRIMARY]!.version === 1 && r1.versions[DR]!.version === 1,
      'SSM version 1 in both regions',
    );
    check(
      r1.versions[PRIMARY]!.ami !== r1.versions[DR]!.ami,
      'the DR region holds its own copy of the AMI (a different id)',
    );
    check(r1.stackVersion === '1', 'the app stack runs the pinned version 1');

    hardenApache(env.workspace.dir);
    const second = await run(
      env,
      '2/3 A component change: only what changed is rebuilt',
      'image-pipeline.yml',
      'push',
      env.workspace.commit('apache-install: hide the server banner'),
    );
    check(second.success, 'the pipeline succeeded');
    const created = JSON.parse(
      second.steps.find((s) => s.uses?.endsWith('build-image'))?.outputs.created ?? '{}',
    ) as {
      created?: { kind: string; name: string; version?: string }[];
    };
    const newComponents = (created.created ?? [])
      .filter((c) => c.kind === 'component')
      .map((c) => `${c.name} ${c.version}`);
    check(
      newComponents.length === 1 && newComponents[0]!.startsWith('apache-install '),
      `only the changed component got a new version: ${newComponents.join(', ') || 'none'}`,
    );
    const r2 = await release(env);
    show(r2);
    check(
      r2.versions[PRIMARY]!.version === 2 && r2.versions[DR]!.version === 2,
      'SSM version 2 in both regions',
    );
    check(
      r2.stackVersion === '2' && r2.instanceId !== r1.instanceId,
      'the stack moved to version 2 on a new instance',
    );

    const rollback = await run(
      env,
      '3/3 Roll back to the previous version',
      'rollback.yml',
      'workflow_dispatch',
      {
        inputs: {
          'stack-name': STACK,
          'ami-parameter-name': PARAMETER,
          version: 'previous',
          region: 'primary',
        },
      },
    );
    check(rollback.success, 'the rollback succeeded');
    const r3 = await release(env);
    show(r3);
    check(r3.stackVersion === '1', 'the stack runs version 1 again');
    check(r3.versions[PRIMARY]!.version === 2, 'nothing was written to SSM (still version 2)');
  } finally {
    await env.close();
  }
  out();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    out(
      `demo FAILED in ${seconds} s: ${failures.length} check(s) did not hold: ${failures.join('; ')}`,
    );
    return 1;
  }
  out(
    `demo passed in ${seconds} s: built, published in two regions, deployed pinned, rebuilt only what changed, rolled back.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
