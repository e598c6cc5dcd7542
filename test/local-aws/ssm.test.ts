import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  PutParameterCommand,
  TooManyUpdates,
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ssm';
import { failure, startEnv, type Env } from './helpers.js';

let env: Env;
beforeEach(async () => {
  env = await startEnv({ ssmValidationDelayMs: 1000 });
});
afterEach(() => env.aws.close());

describe('SSM parameters', () => {
  it('versions writes, enforces Overwrite and resolves version and label selectors', async () => {
    const ssm = env.ssm();
    expect(
      (await ssm.send(new PutParameterCommand({ Name: '/app/ami', Value: 'one', Type: 'String' })))
        .Version,
    ).toBe(1);
    expect(
      await failure(
        ssm.send(new PutParameterCommand({ Name: '/app/ami', Value: 'two', Type: 'String' })),
      ),
    ).toBeInstanceOf(ParameterAlreadyExists);
    expect(
      (await ssm.send(new PutParameterCommand({ Name: '/app/ami', Value: 'two', Overwrite: true })))
        .Version,
    ).toBe(2);
    const labelled = await ssm.send(
      new LabelParameterVersionCommand({
        Name: '/app/ami',
        ParameterVersion: 1,
        Labels: ['prod', '1bad', 'awsx', 'ok.v-1'],
      }),
    );
    expect(labelled).toMatchObject({ ParameterVersion: 1, InvalidLabels: ['1bad', 'awsx'] });
    expect(
      (await ssm.send(new GetParameterCommand({ Name: '/app/ami:prod' }))).Parameter,
    ).toMatchObject({ Value: 'one', Version: 1, Selector: ':prod' });
    expect((await ssm.send(new GetParameterCommand({ Name: '/app/ami:2' }))).Parameter?.Value).toBe(
      'two',
    );
    await ssm.send(new LabelParameterVersionCommand({ Name: '/app/ami', Labels: ['prod'] }));
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/ami' }));
    expect(history.Parameters?.map((p) => p.Labels)).toEqual([['ok.v-1'], ['prod']]);
    const many = await ssm.send(
      new GetParametersCommand({ Names: ['/app/ami', '/nope', '/app/ami:9'] }),
    );
    expect(many.InvalidParameters).toEqual(['/nope', '/app/ami:9']);
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/nope' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    const tooMany = Array.from({ length: 11 }, (_, i) => `l${i}`);
    expect(
      (
        await failure(
          ssm.send(new LabelParameterVersionCommand({ Name: '/app/ami', Labels: tooMany })),
        )
      ).name,
    ).toBe('ValidationException');
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/app/ami',
        Tags: [{ Key: 'team', Value: 'p' }],
      }),
    );
    expect(
      (
        await ssm.send(
          new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/ami' }),
        )
      ).TagList,
    ).toEqual([{ Key: 'team', Value: 'p' }]);
  });

  it('keeps 100 versions, dropping the oldest unless it is labelled', async () => {
    const ssm = env.ssm();
    for (let i = 1; i <= 100; i++)
      await ssm.send(
        new PutParameterCommand({ Name: 'limit', Value: `v${i}`, Type: 'String', Overwrite: true }),
      );
    await ssm.send(new PutParameterCommand({ Name: 'limit', Value: 'v101', Overwrite: true }));
    let history = await ssm.send(new GetParameterHistoryCommand({ Name: 'limit', MaxResults: 50 }));
    expect(history.Parameters?.[0]?.Version).toBe(2);
    expect(history.NextToken).toBeDefined();
    history = await ssm.send(
      new GetParameterHistoryCommand({
        Name: 'limit',
        MaxResults: 50,
        NextToken: history.NextToken,
      }),
    );
    expect(history.Parameters?.at(-1)?.Version).toBe(101);
    await ssm.send(
      new LabelParameterVersionCommand({ Name: 'limit', ParameterVersion: 2, Labels: ['pinned'] }),
    );
    expect(
      await failure(
        ssm.send(new PutParameterCommand({ Name: 'limit', Value: 'v102', Overwrite: true })),
      ),
    ).toBeInstanceOf(ParameterMaxVersionLimitExceeded);
  });

  it("validates aws:ec2:image values asynchronously against the region's AMIs", async () => {
    const ssm = env.ssm();
    const ami = env.aws.admin.seedImage('us-east-1', { name: 'base' }).imageId;
    const put = await ssm.send(
      new PutParameterCommand({
        Name: '/golden/ami',
        Value: ami,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    expect(put.Version).toBe(1);
    expect(
      await failure(ssm.send(new GetParameterCommand({ Name: '/golden/ami' }))),
    ).toBeInstanceOf(ParameterNotFound);
    expect(
      await failure(
        ssm.send(new PutParameterCommand({ Name: '/golden/ami', Value: ami, Overwrite: true })),
      ),
    ).toBeInstanceOf(TooManyUpdates);
    env.clock.advance(1000);
    expect(
      (await ssm.send(new GetParameterCommand({ Name: '/golden/ami' }))).Parameter,
    ).toMatchObject({ Value: ami, Version: 1, DataType: 'aws:ec2:image' });
    // An AMI of another region is not valid here: the write is accepted, then dropped.
    const westAmi = env.aws.admin.seedImage('us-west-2', { name: 'west' }).imageId;
    expect(
      (
        await ssm.send(
          new PutParameterCommand({ Name: '/golden/ami', Value: westAmi, Overwrite: true }),
        )
      ).Version,
    ).toBe(2);
    env.clock.advance(1000);
    expect(
      (await ssm.send(new GetParameterCommand({ Name: '/golden/ami' }))).Parameter,
    ).toMatchObject({ Value: ami, Version: 1 });
    expect(env.aws.admin.dump().regions['us-east-1']?.['ssm']).toMatchObject({
      validationFailures: [{ value: westAmi }],
    });
  });

  it('keeps each region separate', async () => {
    await env
      .ssm('eu-west-1')
      .send(new PutParameterCommand({ Name: 'regional', Value: 'eu', Type: 'String' }));
    expect(
      await failure(env.ssm('us-east-1').send(new GetParameterCommand({ Name: 'regional' }))),
    ).toBeInstanceOf(ParameterNotFound);
    expect(
      (await env.ssm('eu-west-1').send(new GetParameterCommand({ Name: 'regional' }))).Parameter
        ?.ARN,
    ).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/regional');
  });
});
