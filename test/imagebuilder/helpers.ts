import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import type { ReconcileContext } from '../../actions/lib/imagebuilder/reconcile-context.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export function context(
  client = new ImagebuilderClient({ region: REGION }),
): ReconcileContext & { logger: MemoryLogger; clock: VirtualClock } {
  return {
    client,
    location: { partition: 'aws', region: REGION, accountId: ACCOUNT },
    commit: 'abcdef1234567890',
    commitMessage: 'Install httpd',
    repository: 'acme/golden',
    project: 'golden-ami',
    clock: new VirtualClock(0),
    logger: new MemoryLogger(),
    retry: { attempts: 4, baseMs: 1000, capMs: 5000, random: () => 0.5 },
  };
}

export const componentArn = (name: string, version: string, build?: number) =>
  `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:component/${name}/${version}${build ? `/${build}` : ''}`;
