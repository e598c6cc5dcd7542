/**
 * Library tests against the emulator in-process (issue 12): SDK clients whose requestHandler is
 * the emulator's dispatch pipeline (no port, no HTTP), signed as its administrator. The one model of
 * AWS the end-to-end tests trust, instead of a hand-written fake per test file; fault injection
 * through `emulator.admin` or `createEmulator({ faults })`. Pass the test's VirtualClock as
 * `clock`: the library's polling then advances the emulator's time (stack operations, SSM's
 * asynchronous validation) as it sleeps. Start that clock at the real time (`testClock()`): the
 * responses' `date` is the emulator's clock, and the SDK treats a skew over 5 minutes as its own
 * clock being wrong, correcting it and retrying the failed call (server.ts, `write`).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createEmulator, type EmulatorOptions } from '../../scripts/local-aws/emulator.js';
import { inProcessHandler } from '../../scripts/local-aws/in-process.js';
import { BOOTSTRAP_ADMIN } from '../../scripts/local-aws/server.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';

/** A virtual clock at the real time (whole seconds), so the SDK sees no clock skew. */
export function testClock(): VirtualClock {
  return new VirtualClock(Math.floor(Date.now() / 1000) * 1000);
}

export interface InProcessOptions extends EmulatorOptions {
  /** The SDK's attempts per call (default: the SDK's 3); 1 lets an injected 5xx through at once. */
  maxAttempts?: number;
}

export function inProcessAws(options: InProcessOptions = {}) {
  const { maxAttempts, ...emulatorOptions } = options;
  const emulator = createEmulator(emulatorOptions);
  const config = (region: string) => ({
    region,
    endpoint: 'http://local-aws',
    credentials: {
      accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
      secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
    },
    requestHandler: inProcessHandler(emulator),
    ...(maxAttempts ? { maxAttempts } : {}),
  });
  return {
    emulator,
    ssm: (region: string) => new SSMClient(config(region)),
    ec2: (region: string) => new EC2Client(config(region)),
    cfn: (region: string) => new CloudFormationClient(config(region)),
    ib: (region: string) => new ImagebuilderClient(config(region)),
  };
}

export type InProcessAws = ReturnType<typeof inProcessAws>;
