/**
 * The AWS CLI (botocore: a second client, independent of the JS SDK the emulator was built
 * against) runs the README's adoption commands against the emulator, each `deploy` twice (the
 * second finds nothing to change and exits 0), then one call per service the pipeline uses.
 * Debian's awscli is 2.9, older than 2.13, so it does not read AWS_ENDPOINT_URL: every command
 * gets `--endpoint-url`. .ci/run installs the CLI; without one this test fails and says how to
 * install it.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalAws, type LocalAws } from '../../scripts/local-aws/server.js';
import { ADMIN } from './helpers.js';

const run = promisify(execFile);
const REPO = new URL('../..', import.meta.url).pathname;
const INSTALL =
  'The AWS CLI is needed for this test and was not found (tried /usr/bin/aws and aws on PATH). ' +
  'Install it: `apt-get update && apt-get install -y awscli` (Debian/Ubuntu, what .ci/run does), ' +
  'or see https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html.';

/** A working CLI: Debian's first (a pyenv shim named aws may exist and not work). */
function findCli(): string {
  for (const candidate of ['/usr/bin/aws', 'aws']) {
    try {
      const v = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
      if (v.startsWith('aws-cli/')) return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(INSTALL);
}

/** The `aws …` lines of the README's "Deploy the two long-lived stacks" block, continuations joined. */
function adoptionCommands(readme: string): string[] {
  const at = readme.indexOf('**Deploy the two long-lived stacks**');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (at < 0 || !block)
    throw new Error('README.md: the adoption block (Deploy the two long-lived stacks) is missing');
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('aws '))
    .map((l) => l.slice(4));
}

/** Fills the README's `<placeholders>`; one the test does not know fails it. */
function fill(line: string, values: (name: string) => string | undefined): string[] {
  const filled = line.replace(/<([^>]+)>/g, (_, name: string) => {
    const v = values(name);
    if (v === undefined)
      throw new Error(`README.md: unknown placeholder <${name}> in: aws ${line}`);
    return v;
  });
  return filled.split(/\s+/);
}

let aws: LocalAws;
let cli: string;
let home: string;
beforeAll(async () => {
  cli = findCli();
  home = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  // Builds and stack operations in milliseconds, so the CLI's waiters find them done at once.
  aws = await startLocalAws({ timeScale: 0.0001 });
});
afterAll(() => aws?.close());

async function awsCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(cli, [...args, '--endpoint-url', aws.endpoint], {
    cwd: REPO,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
}

async function json(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await awsCli([...args, '--output', 'json']);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the AWS CLI against the emulator', () => {
  it("runs the README's adoption commands, each deploy twice", async () => {
    const commands = adoptionCommands(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(commands.map((c) => c.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'cloudformation deploy --stack-name',
      'cloudformation deploy --stack-name',
    ]);
    const instanceRole = async () => {
      const out = (await json([
        'cloudformation',
        'describe-stacks',
        '--stack-name',
        'golden-ami-image-builder',
      ])) as { Stacks: { Outputs: { OutputKey: string; OutputValue: string }[] }[] };
      return out.Stacks[0]!.Outputs.find((o) => o.OutputKey === 'InstanceRoleArn')?.OutputValue;
    };
    for (const line of commands) {
      const role = line.includes('InstanceRoleArn') ? await instanceRole() : undefined;
      const args = fill(line, (name) =>
        name === 'org'
          ? 'acme'
          : name === 'repo'
            ? 'golden'
            : name === 'owner-id'
              ? '1234567'
              : name === 'repo-id'
                ? '7654321'
                : name.startsWith('InstanceRoleArn')
                  ? role
                  : undefined,
      );
      const first = await awsCli(args);
      expect(first.stdout).toContain('Successfully created/updated stack');
      // The CLI names its change set `awscli-cloudformation-package-deploy-<epoch second>`: against
      // AWS two deploys never share a second; against this fast emulator they can, and a change set
      // name is unique per stack. Start the second run in the next second, as it would be on AWS.
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
      // The second run: GetTemplateSummary, a change set with no changes, exit 0.
      const second = await awsCli(args);
      expect(second.stdout).toContain('No changes to deploy');
    }
    expect(aws.admin.calls()['cloudformation.GetTemplateSummary']).toBeGreaterThan(0);
    const stacks = (await json(['cloudformation', 'list-stacks'])) as {
      StackSummaries: { StackName: string; StackStatus: string }[];
    };
    expect(stacks.StackSummaries.map((s) => [s.StackName, s.StackStatus]).sort()).toEqual([
      ['golden-ami-github-oidc', 'CREATE_COMPLETE'],
      ['golden-ami-image-builder', 'CREATE_COMPLETE'],
    ]);
  }, 180_000);

  it('makes one call per service the pipeline uses, and parses every response', async () => {
    // sts, ssm, imagebuilder, ec2 (cloudformation: the test above).
    const identity = await json(['sts', 'get-caller-identity']);
    expect(identity['Account']).toBe('123456789012');
    await awsCli([
      'ssm',
      'put-parameter',
      '--name',
      '/golden-ami/cli',
      '--value',
      'v',
      '--type',
      'String',
    ]);
    const params = (await json(['ssm', 'describe-parameters'])) as {
      Parameters: { Name: string }[];
    };
    expect(params.Parameters.map((p) => p.Name)).toContain('/golden-ami/cli');
    const configs = (await json(['imagebuilder', 'list-infrastructure-configurations'])) as {
      infrastructureConfigurationSummaryList: { name: string }[];
    };
    expect(configs.infrastructureConfigurationSummaryList.map((c) => c.name)).toEqual([
      'golden-ami-infrastructure',
    ]);
    expect(await json(['imagebuilder', 'list-images'])).toHaveProperty('imageVersionList', []);
    expect(await json(['ec2', 'describe-instances'])).toHaveProperty('Reservations', []);
    // AWS's public parameters and AMIs, as the README's quick start and a recipe's ssm: parent use them.
    const arm = (await json([
      'ssm',
      'get-parameter',
      '--name',
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    ])) as { Parameter: { Value: string; ARN: string } };
    expect(arm.Parameter.ARN).toMatch(/^arn:aws:ssm:us-east-1::parameter\/aws\/service\//);
    const listed = (await json([
      'ssm',
      'get-parameters-by-path',
      '--path',
      '/aws/service/ami-windows-latest',
    ])) as { Parameters: { Name: string }[] };
    expect(listed.Parameters.map((p) => p.Name)).toContain(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
    );
    const amis = (await json([
      'ec2',
      'describe-images',
      '--owners',
      'amazon',
      '--filters',
      'Name=platform,Values=windows',
    ])) as { Images: { ImageId: string; Platform: string; ImageOwnerAlias: string }[] };
    expect(amis.Images.length).toBeGreaterThan(0);
    expect(
      amis.Images.every((i) => i.Platform === 'windows' && i.ImageOwnerAlias === 'amazon'),
    ).toBe(true);
    const mine = (await json(['ec2', 'describe-images', '--image-ids', arm.Parameter.Value])) as {
      Images: { Architecture: string }[];
    };
    expect(mine.Images[0]?.Architecture).toBe('arm64');
  }, 120_000);
});
