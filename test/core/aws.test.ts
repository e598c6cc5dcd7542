import { describe, expect, it } from '@jest/globals';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, isRegion } from '../../actions/lib/core/aws.js';
import { BOOTSTRAP_ADMIN, startLocalAws } from '../../scripts/local-aws/server.js';

describe('AWS client configuration', () => {
  it('rides out a burst of throttled answers longer than the SDK default of 3 attempts', async () => {
    const aws = await startLocalAws({ port: 0 });
    try {
      aws.admin.addFault({ kind: 'throttle', probability: 1, count: 4, service: 'sts' } as never);
      const sts = new STSClient({
        ...clientConfig({ region: 'us-east-1' }),
        endpoint: aws.endpoint,
        credentials: BOOTSTRAP_ADMIN,
      });
      const out = await sts.send(new GetCallerIdentityCommand({}));
      expect(out.$metadata.attempts).toBe(5);
      // Our budget is 10 attempts (the chaos suite saw 6 throttles in a row at a 20 % rate).
      expect(clientConfig({ region: 'us-east-1' }).maxAttempts).toBeGreaterThanOrEqual(10);
      expect(out.Account).toMatch(/^\d{12}$/);
    } finally {
      await aws.close();
    }
  }, 60_000);

  it('recognises region names', () => {
    expect(['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1'].every(isRegion)).toBe(
      true,
    );
    expect(['us-east', 'US-EAST-1', 'useast1', ''].some(isRegion)).toBe(false);
  });
});
