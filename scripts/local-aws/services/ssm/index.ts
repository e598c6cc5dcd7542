/** SSM Parameter Store (awsJson1.1, `X-Amz-Target: AmazonSSM.<Operation>`). */
import * as ssm from '@aws-sdk/client-ssm';
import type { ServiceDefinition } from '../../types.js';
import { regionsWith } from '../../state.js';
import {
  deleteParameter,
  getParameter,
  getParameterHistory,
  getParameters,
  putParameter,
  settlePending,
} from './params.js';
import {
  addTagsToResource,
  labelParameterVersion,
  listTagsForResource,
  removeTagsFromResource,
} from './labels.js';
import { describeParameters } from './describe.js';
import { getParametersByPath } from './by-path.js';

export const ssmService: ServiceDefinition = {
  signingName: 'ssm',
  protocol: 'aws-json-1.1',
  targetPrefix: 'AmazonSSM',
  sdk: ssm as unknown as Record<string, unknown>,
  validationError: { code: 'ValidationException', status: 400 },
  throttlingError: { code: 'ThrottlingException', status: 400 },
  internalError: { code: 'InternalServerError', status: 500 },
  unavailableError: { code: 'ServiceUnavailable', status: 503 },
  operations: {
    PutParameter: putParameter,
    GetParameter: getParameter,
    GetParameters: getParameters,
    GetParameterHistory: getParameterHistory,
    GetParametersByPath: getParametersByPath,
    LabelParameterVersion: labelParameterVersion,
    DeleteParameter: deleteParameter,
    DescribeParameters: describeParameters,
    AddTagsToResource: addTagsToResource,
    ListTagsForResource: listTagsForResource,
    RemoveTagsFromResource: removeTagsFromResource,
  },
  tick(ctx) {
    for (const region of regionsWith(ctx.state, 'ssm')) settlePending(ctx, region);
  },
};
