/** Recipe versions through the versioned reconciler, with mocked Image Builder responses. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateImageRecipeCommand,
  ImagebuilderClient,
  ListImageRecipesCommand,
} from '@aws-sdk/client-imagebuilder';
import { HASH_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { desiredRecipe, reconcileRecipe } from '../../actions/lib/imagebuilder/reconcile-recipe.js';
import type { ImageDefinition } from '../../actions/lib/definitions/types.js';
import { componentArn, context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);
beforeEach(() => {
  mock.reset();
});

const def: ImageDefinition = {
  file: 'components/images/web.yml',
  name: 'web',
  platform: 'Linux',
  parentImage: 'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:image/al2023/x.x.x',
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

describe('reconcileRecipe', () => {
  it('reuses the recipe version with the same hash', async () => {
    const { hash } = desiredRecipe(def, comps, context());
    mock.on(ListImageRecipesCommand).resolves({
      imageRecipeSummaryList: [
        { name: 'web', arn: recipeArn('1.0.4'), tags: { [HASH_TAG]: hash } },
      ],
    });
    const r = await reconcileRecipe(def, comps, context());
    expect(r).toMatchObject({ outcome: 'reused', version: '1.0.4', arn: recipeArn('1.0.4') });
  });

  it('creates the next version with resolved parent image and sorted parameters', async () => {
    mock
      .on(ListImageRecipesCommand)
      .resolvesOnce({
        imageRecipeSummaryList: [
          { name: 'web', arn: recipeArn('1.0.4'), tags: { [HASH_TAG]: 'v1:old' } },
        ],
        nextToken: 'n',
      })
      .resolvesOnce({
        imageRecipeSummaryList: [{ name: 'web', arn: recipeArn('1.0.9'), tags: {} }],
      });
    mock.on(CreateImageRecipeCommand).resolves({ imageRecipeArn: recipeArn('1.0.10') });
    const r = await reconcileRecipe(def, comps, context());
    expect(r).toMatchObject({ outcome: 'created', version: '1.0.10' });
    expect(mock.commandCalls(CreateImageRecipeCommand)[0]!.args[0].input).toMatchObject({
      semanticVersion: '1.0.10',
      parentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/al2023/x.x.x',
      components: [
        {
          componentArn: comps[0]!.arn,
          parameters: [
            { name: 'A', value: ['a'] },
            { name: 'B', value: ['b'] },
          ],
        },
      ],
      tags: { team: 'platform' },
    });
  });
});
