/**
 * What a user reads when an Image Builder call fails: the operation, the resource, and what to do
 * about the errors they can act on; conflicts retried on our backoff with a log line each time.
 */
import { describe, it, expect } from '@jest/globals';
import { AwsOperationError } from '../../actions/lib/core/errors.js';
import { allPages, awsCall, causeName, hintFor } from '../../actions/lib/imagebuilder/aws-call.js';
import { awsError, context } from './helpers.js';

describe('hintFor', () => {
  it('leaves access-denied errors to the denial hint, which reads the role from the message', () => {
    // core/access-denied.ts names the statement of the stacks file (AwsOperationError adds it).
    for (const name of ['AccessDeniedException', 'ForbiddenException', 'AccessDenied'])
      expect(hintFor('GetImage', name)).toBeUndefined();
  });
  it('names the quota per operation, and a generic one otherwise', () => {
    expect(hintFor('CreateComponent', 'ServiceQuotaExceededException')).toBe(
      "Quota 'Components' (component versions per Region) is exhausted: request an increase in Service Quotas (EC2 Image Builder) or delete unused resources",
    );
    expect(hintFor('CreateImageRecipe', 'ServiceQuotaExceededException')).toContain(
      "'Image recipes' (recipe versions per Region)",
    );
    expect(hintFor('CreateImagePipeline', 'ServiceQuotaExceededException')).toContain(
      "'Image pipelines' per Region",
    );
    expect(hintFor('TagResource', 'ServiceQuotaExceededException')).toContain(
      'Quota the EC2 Image Builder quota for this resource type is exhausted',
    );
  });
  it('has nothing to add for other errors', () => {
    expect(hintFor('GetImage', 'ValidationException')).toBeUndefined();
    expect(hintFor('GetImage', undefined)).toBeUndefined();
  });
});

describe('awsCall', () => {
  it('retries a conflict, logging the error, the delay and the attempt', async () => {
    const ctx = context();
    let calls = 0;
    const r = await awsCall('CreateImageRecipe', 'web', ctx, async () => {
      calls++;
      if (calls < 3) throw awsError('CallRateLimitExceededException');
      return 'ok';
    });
    expect(r).toBe('ok');
    expect(calls).toBe(3);
    expect(ctx.logger.text()).toContain(
      'CreateImageRecipe on web: CallRateLimitExceededException, retrying in 1 s (attempt 2/4)',
    );
    expect(ctx.logger.text()).toContain('retrying in 2 s (attempt 3/4)');
  });
  it('fails at once on a validation error, wrapped with operation and resource', async () => {
    const ctx = context();
    let calls = 0;
    const err = await awsCall('GetImage', 'arn:x', ctx, async () => {
      calls++;
      throw awsError('InvalidParameterValueException', 'bad arn');
    }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(AwsOperationError);
    expect((err as Error).message).toMatch(
      /GetImage failed for arn:x: InvalidParameterValueException: bad arn/,
    );
    expect(causeName(err)).toBe('InvalidParameterValueException');
    expect(causeName(awsError('Plain'))).toBe('Plain');
  });
});

describe('allPages', () => {
  async function* pages(...ps: (number[] | undefined)[]) {
    for (const p of ps) yield { items: p };
  }
  it('concatenates every page, empty pages included', async () => {
    expect(await allPages('List', 'r', pages([1, 2], undefined, [], [3]), (p) => p.items)).toEqual([
      1, 2, 3,
    ]);
  });
  it('wraps a failing page with the operation, the resource and the hint', async () => {
    async function* failing() {
      yield { items: [1] };
      throw awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/golden-ami-github-oidc-BuildRole-ABC/GitHubActions is not authorized to perform: imagebuilder:ListComponents on resource: * because no identity-based policy allows the imagebuilder:ListComponents action',
      );
    }
    const err = await allPages('ListComponents', 'web', failing(), (p) => p.items).catch(
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(AwsOperationError);
    expect((err as Error).message).toContain('ListComponents failed for web');
    expect((err as Error).message).toContain(
      'statement ListImageBuilder of stacks/github-oidc.yml',
    );
  });
});
