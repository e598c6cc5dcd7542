/**
 * Image Builder's limits and error codes as documented today (issue 17): tags, client tokens,
 * start conditions, the test timeout, throttling, ListImages. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  ListImagesCommand,
  ListTagsForResourceCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, failure, PARENT, startEnv, type Env } from './helpers.js';

import { ACCOUNT, BUILD_MINUTES, component, pipeline, recipe } from './imagebuilder-helpers.js';
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: BUILD_MINUTES });
});
afterEach(() => env.aws.close());

describe('limits and error codes', () => {
  it('checks tags, client tokens, start conditions and the test timeout range', async () => {
    const ib = env.ib();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const many = await failure(
      ib.send(
        new CreateComponentCommand({
          name: 'many-tags',
          semanticVersion: '1.0.0',
          platform: 'Linux',
          data: COMPONENT_DOC,
          tags,
        }),
      ),
    );
    expect(many.message).toContain('1 to 50 tags; this request has 51');
    const reserved = await failure(
      ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
          tags: { 'aws:owner': 'me' },
        }),
      ),
    );
    expect(reserved.message).toContain("reserved prefix 'aws:'");
    const token = await failure(
      ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
          clientToken: 'x'.repeat(37),
        }),
      ),
    );
    expect(token.name).toBe('InvalidParameterValueException');
    // ClientToken is 1 to 36 characters (API reference, CreateComponent): a UUID fits.
    expect(token.message).toContain('1 to 36 characters; this one has 37');
    const uuidLong = await ib.send(
      new CreateComponentCommand({
        name: 'token-36',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        data: COMPONENT_DOC,
        clientToken: 'x'.repeat(36),
      }),
    );
    expect(uuidLong.clientToken).toBe('x'.repeat(36));
    const c = (await component(ib, 'hello')).componentBuildVersionArn!;
    const r = (await recipe(ib, [{ componentArn: c }])).imageRecipeArn!;
    const infra = (
      await ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
        }),
      )
    ).infrastructureConfigurationArn!;
    const base = { name: 'pipe', imageRecipeArn: r, infrastructureConfigurationArn: infra };
    const start = await failure(
      ib.send(
        new CreateImagePipelineCommand({
          ...base,
          schedule: {
            scheduleExpression: 'cron(0 0 * * ? *)',
            pipelineExecutionStartCondition: 'WHENEVER' as never,
          },
        }),
      ),
    );
    expect(start.message).toContain('EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE');
    const timeout = await failure(
      ib.send(
        new CreateImagePipelineCommand({
          ...base,
          imageTestsConfiguration: { timeoutMinutes: 30 },
        }),
      ),
    );
    expect(timeout.message).toContain('60 to 1440');
  });

  it('takes a description and change description of 1 to 1024 characters', async () => {
    const ib = env.ib();
    const create = (over: { description?: string; changeDescription?: string }) =>
      ib.send(
        new CreateComponentCommand({
          name: 'described',
          semanticVersion: '1.0.0',
          platform: 'Linux',
          data: COMPONENT_DOC,
          ...over,
        }),
      );
    for (const [member, value] of [
      ['description', ''],
      ['description', 'd'.repeat(1025)],
      ['changeDescription', ''],
      ['changeDescription', 'c'.repeat(1025)],
    ] as const) {
      const e = await failure(create({ [member]: value }));
      expect([e.name, e.message]).toEqual([
        'InvalidParameterValueException',
        `The value supplied for parameter '${member}' is not valid. It must be 1 to 1024 characters; this one has ${value.length}.`,
      ]);
    }
    const ok = await create({ description: 'd'.repeat(1024), changeDescription: 'c' });
    const empty = await failure(
      ib.send(
        new CreateImageRecipeCommand({
          name: 'described',
          semanticVersion: '1.0.0',
          parentImage: PARENT,
          description: '',
          components: [{ componentArn: ok.componentBuildVersionArn }],
        }),
      ),
    );
    expect(empty.name).toBe('InvalidParameterValueException');
  });
});

describe('throttling and listing', () => {
  it('throttles with CallRateLimitExceededException where the operation declares it', async () => {
    const ib = env.ib();
    env.aws.admin.addFault({ service: 'imagebuilder', kind: 'throttle', count: 6 });
    const e = await failure(ib.send(new ListImagesCommand({})));
    expect(e.name).toBe('CallRateLimitExceededException');
    expect(e.$metadata?.httpStatusCode).toBe(429);
    env.aws.admin.clearFaults();
    env.aws.admin.addFault({ service: 'imagebuilder', kind: 'throttle', count: 6 });
    const tagged = await failure(
      ib.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:imagebuilder:x` })),
    );
    expect(tagged.name).toBe('ThrottlingException');
  });

  it('lists image versions with ListImages, newest per name unless byName', async () => {
    const ib = env.ib();
    const p = await pipeline(ib);
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p }));
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p }));
    const list = await ib.send(new ListImagesCommand({}));
    expect(list.imageVersionList).toEqual([
      expect.objectContaining({
        arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/golden/1.0.0`,
        name: 'golden',
        version: '1.0.0',
        type: 'AMI',
        platform: 'Linux',
        osVersion: 'Amazon Linux 2023',
        owner: ACCOUNT,
      }),
    ]);
    const other = await ib.send(new ListImagesCommand({ owner: 'Amazon' }));
    expect(other.imageVersionList).toEqual([]);
  });
});
