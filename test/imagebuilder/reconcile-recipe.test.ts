/**
 * Recipe versions through the versioned reconciler, against the emulator's Image Builder
 * in-process (issue 12): the recipes it lists (paged at 25 as AWS does) and the recipe it stores.
 */
import { describe, it, expect } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  GetImageRecipeCommand,
  ListImageRecipesCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { HASH_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { desiredRecipe, reconcileRecipe } from '../../actions/lib/imagebuilder/reconcile-recipe.js';
import type { ImageDefinition } from '../../actions/lib/definitions/types.js';
import { inProcessAws } from '../support/in-process-aws.js';
import { componentArn, context, REGION } from './helpers.js';

const def: ImageDefinition = {
  file: 'components/images/web.yml',
  name: 'web',
  platform: 'Linux',
  parentImage:
    'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x',
  components: [],
  blockDeviceMappings: [],
  ssmParameter: '/golden-ami/web',
  tags: { team: 'platform' },
};
const comps = [
  {
    name: 'apache',
    arn: componentArn('apache', '1.0.0', 1),
    outcome: 'reused' as const,
    parameters: { B: 'b', A: 'a' },
  },
];
const recipeArn = (v: string) =>
  `arn:aws:imagebuilder:eu-west-1:123456789012:image-recipe/web/${v}`;

/** A component declaring the parameters A and B (the emulator checks a recipe sets only those). */
const APACHE_DOC =
  'name: apache\nschemaVersion: 1.0\nparameters:\n  - A:\n      type: string\n  - B:\n      type: string\n' +
  'phases:\n  - name: build\n    steps:\n      - name: echo\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';

/** The emulator with component apache 1.0.0/1 and a context whose client is its Image Builder. */
async function world() {
  const ib = inProcessAws().ib(REGION);
  await ib.send(
    new CreateComponentCommand({
      name: 'apache',
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: APACHE_DOC,
    }),
  );
  return { ib, ctx: context(ib) };
}

/** Another writer's recipe version `version`, tagged with `hash` when given. */
function existing(ib: ImagebuilderClient, version: string, hash?: string) {
  return ib.send(
    new CreateImageRecipeCommand({
      name: 'web',
      semanticVersion: version,
      parentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x',
      components: [{ componentArn: comps[0]!.arn }],
      ...(hash ? { tags: { [HASH_TAG]: hash } } : {}),
    }),
  );
}

const versions = async (ib: ImagebuilderClient) => {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ib.send(new ListImageRecipesCommand({ nextToken }));
    out.push(...(page.imageRecipeSummaryList ?? []).map((r) => r.arn!.split('/').pop()!));
    nextToken = page.nextToken;
  } while (nextToken);
  return out.sort();
};

describe('reconcileRecipe', () => {
  it('reuses the recipe version with the same hash', async () => {
    const { ib, ctx } = await world();
    const { hash } = desiredRecipe(def, comps, ctx);
    await existing(ib, '1.0.4', hash);
    const r = await reconcileRecipe(def, comps, ctx);
    expect(r).toMatchObject({ outcome: 'reused', version: '1.0.4', arn: recipeArn('1.0.4') });
    expect(await versions(ib)).toEqual(['1.0.4']);
    expect(ctx.logger.text()).toBe('recipe web: reusing 1.0.4 (inputs unchanged)');
  });

  it('creates the next version with resolved parent image and sorted parameters', async () => {
    const { ib, ctx } = await world();
    // 25 versions fill the listing's first page (sorted by ARN); the highest, 1.9.0, is on the
    // second, so the next version is 1.9.1 only when every page is read.
    await existing(ib, '1.0.4', 'v1:old');
    for (let p = 5; p < 29; p++) await existing(ib, `1.0.${p}`);
    await existing(ib, '1.9.0');
    const first = await ib.send(new ListImageRecipesCommand({}));
    expect(first.nextToken).toBeDefined();
    expect(first.imageRecipeSummaryList?.map((s) => s.arn)).not.toContain(recipeArn('1.9.0'));

    const r = await reconcileRecipe(def, comps, ctx);
    expect(r).toMatchObject({ outcome: 'created', version: '1.9.1', arn: recipeArn('1.9.1') });
    expect(ctx.logger.text()).toBe('recipe web: created 1.9.1');
    const got = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: recipeArn('1.9.1') }));
    expect(got.imageRecipe).toMatchObject({
      version: '1.9.1',
      parentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x',
      components: [
        {
          componentArn: comps[0]!.arn,
          parameters: [
            { name: 'A', value: ['a'] },
            { name: 'B', value: ['b'] },
          ],
        },
      ],
      tags: expect.objectContaining({ team: 'platform', [HASH_TAG]: r.hash }),
    });
  });
});
