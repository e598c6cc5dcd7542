/** Small builders for the policy-evaluation tests: a named policy, a request, an SSM parameter ARN. */
import type { AuthzRequest, NamedPolicy, Statement } from '../../actions/lib/iam/evaluate.js';

export const V = '2012-10-17';

export const policy = (name: string, ...Statement: Statement[]): NamedPolicy => ({
  name,
  document: { Version: V, Statement },
});

export const req = (
  action: string,
  resource: string,
  context: AuthzRequest['context'] = {},
): AuthzRequest => ({
  action,
  resource,
  context,
});

export const PARAM = 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/web';
