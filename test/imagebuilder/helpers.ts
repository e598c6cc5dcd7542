import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import type { ReconcileContext } from '../../actions/lib/imagebuilder/reconcile-context.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export function context(
  client = new ImagebuilderClient({ region: REGION }),
): ReconcileContext & { logger: MemoryLogger; clock: VirtualClock } {
  return {
    client,
    location: { partition: 'aws', region: REGION, accountId: ACCOUNT },
    commit: 'abcdef1234567890',
    commitMessage: 'Install httpd',
    repository: 'acme/golden',
    project: 'golden-ami',
    clock: new VirtualClock(0),
    logger: new MemoryLogger(),
    retry: { attempts: 4, baseMs: 1000, capMs: 5000, random: () => 0.5 },
  };
}

export const componentArn = (name: string, version: string, build?: number) =>
  `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:component/${name}/${version}${build ? `/${build}` : ''}`;

const PARENT = `arn:aws:imagebuilder:${REGION}:aws:image/amazon-linux-2023-x86/x.x.x`;
const HELLO =
  'name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: echo\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';

/**
 * What a pipeline of image `web` stands on, created through `ib` (an emulator's client): component
 * `hello` 1.0.0 and one recipe `web` per version. Gives the recipe ARNs by version.
 */
export async function webRecipes(
  ib: ImagebuilderClient,
  versions: readonly string[],
): Promise<Record<string, string>> {
  const { componentBuildVersionArn } = await ib.send(
    new CreateComponentCommand({
      name: 'hello',
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: HELLO,
    }),
  );
  const recipes: Record<string, string> = {};
  for (const v of versions)
    recipes[v] = (
      await ib.send(
        new CreateImageRecipeCommand({
          name: 'web',
          semanticVersion: v,
          parentImage: PARENT,
          components: [{ componentArn: componentBuildVersionArn! }],
        }),
      )
    ).imageRecipeArn!;
  return recipes;
}
