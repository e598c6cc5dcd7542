/**
 * CloudFormation (awsQuery, XML in the 2010-05-15 namespace): stacks, change sets, events and
 * generic resource provisioning over the shared template library (actions/lib/cloudformation).
 * Stack operations advance with the emulator's clock on every request (`tick`).
 */
import * as cloudformation from '@aws-sdk/client-cloudformation';
import { regionsWith } from '../../state.js';
import type { Handler, ServiceDefinition } from '../../types.js';
import { changeSetOperations } from './change-sets.js';
import { advance } from './engine.js';
import { cfnState } from './model.js';
import { loadedSpec } from './prepare.js';
import { loadedCatalogue } from './resource-authz.js';
import { stackOperations } from './stacks.js';
import { summaryOperations } from './summary.js';

export { stackResourceFailure } from './failures.js';
export { NO_CHANGES } from './change-sets.js';

export const cloudformationService: ServiceDefinition = {
  signingName: 'cloudformation',
  protocol: 'aws-query',
  xmlNamespace: 'https://cloudformation.amazonaws.com/doc/2010-05-15/',
  sdk: cloudformation as unknown as Record<string, unknown>,
  validationError: { code: 'ValidationError', status: 400 },
  throttlingError: { code: 'Throttling', status: 400 },
  internalError: { code: 'InternalFailure', status: 500 },
  unavailableError: { code: 'ServiceUnavailable', status: 503 },
  operations: {
    ...stackOperations,
    ...changeSetOperations,
    ...summaryOperations,
  } as Record<string, Handler>,
  tick(ctx) {
    const spec = loadedSpec();
    // Resource steps are authorized with the catalogue (loaded by the requests that start them).
    if (!spec || !loadedCatalogue()) return;
    const now = ctx.clock.now();
    for (const region of regionsWith(ctx.state, 'cloudformation')) {
      for (const st of Object.values(cfnState(ctx.state, region).stacks)) {
        if (st.op) advance({ ...ctx, region, spec }, st, now);
      }
    }
  },
};
