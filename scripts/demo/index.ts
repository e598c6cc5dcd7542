/**
 * npm run demo: the whole pipeline, offline, on a fresh clone. Starts the local AWS emulator, creates
 * the long-lived stacks from stacks/, then runs a consumer repository (docs/consumer-example/ and
 * the sample components/) whose workflows call the reusable workflows of .github/workflows, step
 * by step, each action as its bundled dist/index.js in a child process:
 *   1. a first push to main: the hardened base is built, then the web server on base's new AMI
 *      (and Windows alongside), each architecture, published to SSM in both regions, deployed;
 *   2. a web-only change: only web is rebuilt, on base's published AMI; a new version is deployed;
 *   3. a base component change: base is rebuilt, then web on base's new AMI, in that order;
 *   4. the rollback workflow: the stack goes back to the previous version, with no SSM write;
 *   then the scan gate: a critical finding blocks a rebuild, a committed exception lets it through.
 * It checks each outcome and exits non-zero if any step or check fails.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  createEnvironment,
  DR,
  PRIMARY,
  runPipelineWorkflow,
  type PipelineEnvironment,
} from './environment.js';
import { addBuildStep, builtTargets, legName, parameter, parentImageOf } from './fleet-checks.js';
import { stepLine, terminalSummary } from './render.js';
import { scanGateScenario } from './scan-gate-scenario.js';
import type { WorkflowResult } from './workflow-runner.js';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
// 600× compresses a 16-minute build into ~1.6 s: the fleet's first push alone builds five targets.
const TIME_WARP = Number(process.env.DEMO_TIME_WARP_FACTOR ?? 600);
// The stack deploys web-server's x86_64 build (stack.architecture in components/images/web-server.yml).
const PARAMETER = '/golden-ami/web-server/x86_64';
const BASE = '/golden-ami/base-linux';
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
          out(`  ${line.replace(/::(error|warning)[^:]*::/, '$1: ').replace(/%0A/g, '\n     ')}`);
      },
      onStep: (s) => {
        const label = `${s.job}${s.leg ? ` [${legName(s)}]` : ''} › ${s.step}`;
        out(stepLine(s.outcome, label, s.ms, s.outcome === 'stand-in' ? s.log : ''));
        if (s.summary.trim()) out(terminalSummary(s.summary));
        if (s.outcome === 'failure' && !verbose)
          out(
            s.log
              .split('\n')
              .filter((l) => /::error/.test(l))
              .map((l) => `   ${l.replace(/%0A/g, '\n     ')}`)
              .join('\n'),
          );
      },
    },
  );
  out(`  ${result.success ? 'succeeded' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** A realistic web-only change: a hardening step that hides the Apache version banner. */
function hardenApache(dir: string): void {
  addBuildStep(dir, 'components/apache-install.yml', {
    name: 'HideServerBanner',
    action: 'CreateFile',
    inputs: [
      {
        path: '/etc/httpd/conf.d/security.conf',
        overwrite: true,
        content: 'ServerTokens Prod\nServerSignature Off\n',
      },
    ],
  });
}

/** A base component change: a pre-login banner in the hardened base, which every Linux image inherits. */
function loginBanner(dir: string): void {
  addBuildStep(dir, 'components/linux-hardening.yml', {
    name: 'WriteLoginBanner',
    action: 'CreateFile',
    inputs: [
      {
        path: '/etc/issue.net',
        overwrite: true,
        content: 'Authorized use only. Activity is logged.\n',
      },
    ],
  });
}

const WEB = ['web-server-x86_64', 'web-server-arm64'];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
const BASES = ['base-linux-x86_64', 'base-linux-arm64'];

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
      '1/4 First push to main: base, then web on its new AMI, Windows alongside',
      'image-pipeline.yml',
      'push',
      env.workspace.commit('Golden AMI pipeline: the image fleet'),
    );
    check(first.success, 'the pipeline succeeded');
    const built1 = builtTargets(first);
    check(
      sameList(built1, [...BASES, ...WEB, 'windows-server']),
      `base built first, then web, Windows alongside: ${built1.join(', ')}`,
    );
    const base1 = await parameter(env, `${BASE}/x86_64`);
    const baseArm1 = await parameter(env, `${BASE}/arm64`);
    check(
      !!base1 && parentImageOf(first, 'web-server-x86_64') === base1.ami,
      `web-server-x86_64 was built on base's new AMI ${base1?.ami ?? '(none)'}`,
    );
    check(
      !!baseArm1 && parentImageOf(first, 'web-server-arm64') === baseArm1.ami,
      `web-server-arm64 was built on base's new arm64 AMI ${baseArm1?.ami ?? '(none)'}`,
    );
    check(
      (await parameter(env, '/golden-ami/windows-server')) !== undefined,
      'the Windows Server image was published',
    );
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
      '2/4 A web-only change: only web is rebuilt, on the published base',
      'image-pipeline.yml',
      'push',
      env.workspace.commit('apache-install: hide the server banner'),
    );
    check(second.success, 'the pipeline succeeded');
    const built2 = builtTargets(second);
    check(sameList(built2, WEB), `only web was rebuilt: ${built2.join(', ') || 'nothing'}`);
    check(
      parentImageOf(second, 'web-server-x86_64') === base1?.ami,
      "web was built on base's published AMI (base not rebuilt)",
    );
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

    loginBanner(env.workspace.dir);
    const third = await run(
      env,
      '3/4 A base component change: base is rebuilt, then web on the new base',
      'image-pipeline.yml',
      'push',
      env.workspace.commit('linux-hardening: a pre-login banner'),
    );
    check(third.success, 'the pipeline succeeded');
    const built3 = builtTargets(third);
    check(
      sameList(built3, [...BASES, ...WEB]),
      `base, then web, Windows untouched: ${built3.join(', ') || 'nothing'}`,
    );
    const base3 = await parameter(env, `${BASE}/x86_64`);
    check(
      !!base3 &&
        base3.ami !== base1?.ami &&
        parentImageOf(third, 'web-server-x86_64') === base3.ami,
      `web was built on base's new AMI ${base3?.ami ?? '(none)'} (was ${base1?.ami ?? '(none)'})`,
    );
    const r3 = await release(env);
    show(r3);
    check(r3.versions[PRIMARY]!.version === 3, 'SSM version 3 of web-server');
    check(r3.stackVersion === '3', 'the stack moved to version 3');

    const rollback = await run(
      env,
      '4/4 Roll back to the previous version',
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
    const r4 = await release(env);
    show(r4);
    check(r4.stackVersion === '2', 'the stack runs version 2 again');
    check(r4.versions[PRIMARY]!.version === 3, 'nothing was written to SSM (still version 3)');

    await scanGateScenario(env, {
      run: (title, name, payload) => run(env, title, 'image-pipeline.yml', name, payload),
      check,
      stackVersion: async () => (await release(env)).stackVersion,
    });
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
    `demo passed in ${seconds} s: built base then web on its new AMI (and Windows), published in two regions, deployed pinned, rebuilt only what changed (web alone; base then web), rolled back, blocked a vulnerable image until an exception was committed.`,
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
