/**
 * Library tests against the emulator in-process (issue 12): SDK clients whose requestHandler is
 * the emulator's dispatch pipeline (no port, no HTTP), signed as its administrator. The one model of
 * AWS the end-to-end tests trust, instead of a hand-written fake per test file; fault injection
 * through `emulator.admin` or `createEmulator({ faults })`.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createEmulator, type EmulatorOptions } from '../../scripts/local-aws/emulator.js';
import { inProcessHandler } from '../../scripts/local-aws/in-process.js';
import { BOOTSTRAP_ADMIN } from '../../scripts/local-aws/server.js';

export function inProcessAws(options: EmulatorOptions = {}) {
  const emulator = createEmulator(options);
  const config = (region: string) => ({
    region,
    endpoint: 'http://local-aws',
    credentials: {
      accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
      secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
    },
    requestHandler: inProcessHandler(emulator),
  });
  return {
    emulator,
    ssm: (region: string) => new SSMClient(config(region)),
    cfn: (region: string) => new CloudFormationClient(config(region)),
  };
}
