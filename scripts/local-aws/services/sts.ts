/** STS GetCallerIdentity (awsQuery): who the dummy credentials are, in the configured account. */
import * as sts from '@aws-sdk/client-sts';
import type { ServiceDefinition } from '../types.js';

export const stsService: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'aws-query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sdk: sts as unknown as Record<string, unknown>,
  validationError: { code: 'ValidationError', status: 400 },
  throttlingError: { code: 'Throttling', status: 400 },
  internalError: { code: 'InternalFailure', status: 500 },
  unavailableError: { code: 'ServiceUnavailable', status: 503 },
  operations: {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: 'AIDALOCALAWSEMULATOR',
      Account: ctx.accountId,
      Arn: `arn:aws:iam::${ctx.accountId}:user/local-aws`,
    }),
  },
};
