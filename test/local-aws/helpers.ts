import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SSMClient } from '@aws-sdk/client-ssm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { PHASES } from '../../scripts/local-aws/services/imagebuilder/build.js';
import {
  BOOTSTRAP_ADMIN,
  startLocalAws,
  type LocalAws,
  type LocalAwsOptions,
} from '../../scripts/local-aws/server.js';

export interface Env {
  aws: LocalAws;
  clock: VirtualClock;
  ib(region?: string): ImagebuilderClient;
  ssm(region?: string): SSMClient;
  ec2(region?: string): EC2Client;
  sts(region?: string): STSClient;
}

/** The account's bootstrap administrator's key (the emulator knows no other long-lived key). */
export const ADMIN = {
  accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
  secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
};

/** An in-process emulator on an ephemeral port with a virtual clock, and real SDK clients for it. */
/** Build durations where every phase lasts `ms`: stepping the clock by `ms` visits each status. */
export function everyPhase(ms: number): Record<string, number> {
  return Object.fromEntries(PHASES.map((phase) => [phase, ms]));
}

export async function startEnv(options: LocalAwsOptions = {}): Promise<Env> {
  const clock = new VirtualClock(Date.parse('2025-01-01T00:00:00Z'));
  const aws = await startLocalAws({ clock, ...options });
  const config = (region: string) => ({
    region,
    endpoint: aws.endpoint,
    maxAttempts: 3,
    credentials: ADMIN,
  });
  return {
    aws,
    clock,
    ib: (r = 'us-east-1') => new ImagebuilderClient(config(r)),
    ssm: (r = 'us-east-1') => new SSMClient(config(r)),
    ec2: (r = 'us-east-1') => new EC2Client(config(r)),
    sts: (r = 'us-east-1') => new STSClient(config(r)),
  };
}

export const COMPONENT_DOC =
  'name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: echo\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';
export const PARENT = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x';

/** The error an SDK call rejects with. */
export async function failure(
  p: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}
