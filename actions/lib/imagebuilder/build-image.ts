/**
 * build-image's library entry (no Actions I/O): read the image definition, reconcile its components,
 * recipe and pipeline, and start the build (or attach to one in progress).
 */
import { readFile } from 'node:fs/promises';
import { inputWhere, workspacePath } from '../core/workspace.js';
import { ConfigurationError } from '../core/errors.js';
import { loadImageDefinition } from '../definitions/load.js';
import type { BuildTarget, ImageDefinition } from '../definitions/types.js';
import { selectTarget, targetDefinition } from './build-target.js';
import { reconcileInfrastructure, type InfrastructureResult } from './reconcile-infrastructure.js';
import type { ResolvedParent } from './resolve-parent.js';
import {
  externalComponent,
  prepareComponent,
  reconcileComponent,
  type ComponentResult,
} from './reconcile-components.js';
import type { ReconcileContext } from './reconcile-context.js';
import { reconcilePipeline } from './reconcile-pipeline.js';
import { reconcileRecipe, type RecipeResult } from './reconcile-recipe.js';
import { startBuild, type StartResult } from './start-build.js';

/**
 * The one place the definition is read. Uses the definitions module's loader; a definition with error
 * findings is a ConfigurationError at the first error's position (the validate action lists them all).
 */
export async function readDefinition(
  path: string,
  root: string = process.cwd(),
): Promise<ImageDefinition> {
  const abs = workspacePath(root, path, inputWhere('build-image', 'definition'));
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read image definition '${path}': ${(e as Error).message}. Check the 'definition' input.`,
      { file: path },
    );
  }
  const { definition, findings } = loadImageDefinition(text, path);
  const first = findings.find((f) => f.severity === 'error');
  if (first || !definition) {
    throw new ConfigurationError(
      `${first?.message ?? 'invalid image definition'} [${first?.rule ?? 'definition'}]`,
      {
        file: path,
        line: first?.line,
        column: first?.column,
      },
    );
  }
  return definition;
}

export interface BuildImageResult {
  /** The build's name (`web-server`, `web-server-arm64`): recipe and pipeline. */
  target: string;
  parent: ResolvedParent;
  /** The target's own infrastructure configuration, when it lists instance types. */
  infrastructure?: InfrastructureResult;
  infrastructureConfigurationArn: string;
  components: ComponentResult[];
  recipe: RecipeResult;
  pipelineArn: string;
  pipelineOutcome: string;
  start: StartResult;
}

/** Library entry (no Actions I/O): reconcile everything and start. `readText` reads component files. */
export async function buildImage(
  def: ImageDefinition,
  opts: {
    infrastructureConfigurationArn: string;
    distributionConfigurationArn: string;
    runId: string;
    reuseFinished?: boolean;
    readText: (file: string) => Promise<string>;
    /** Which build of the definition (default: its only one). */
    target?: BuildTarget;
    /** The resolved parent (default: the definition's, as written). */
    parent?: ResolvedParent;
  },
  ctx: ReconcileContext,
): Promise<BuildImageResult> {
  const target = opts.target ?? selectTarget(def, undefined);
  const parent = opts.parent ?? { parentImage: target.parentImage, detail: target.parentImage };
  const infrastructure = target.instanceTypes?.length
    ? await reconcileInfrastructure(
        {
          baseArn: opts.infrastructureConfigurationArn,
          target: target.target,
          instanceTypes: target.instanceTypes,
        },
        ctx,
      )
    : undefined;
  const infrastructureConfigurationArn = infrastructure?.arn ?? opts.infrastructureConfigurationArn;
  const components: ComponentResult[] = [];
  for (const ref of def.components) {
    if (ref.kind === 'arn') {
      components.push(externalComponent(ref.arn, ref.parameters, ctx));
      continue;
    }
    const text = await opts.readText(ref.file).catch((e: unknown) => {
      throw new ConfigurationError(
        `Cannot read component '${ref.file}': ${(e as Error).message}.`,
        { file: def.file },
      );
    });
    const want = prepareComponent({
      file: ref.file,
      text,
      name: ref.name,
      platform: def.platform,
      version: ref.version,
    });
    components.push(await reconcileComponent(want, ref.parameters, ctx));
  }
  const recipe = await reconcileRecipe(
    targetDefinition(def, target, parent.parentImage),
    components,
    ctx,
  );
  const pipeline = await reconcilePipeline(
    {
      name: target.target,
      description: def.description,
      imageRecipeArn: recipe.arn,
      infrastructureConfigurationArn,
      distributionConfigurationArn: opts.distributionConfigurationArn,
      tags: def.tags,
      imageScanningEnabled: def.scan?.enabled ?? true,
    },
    ctx,
  );
  const start = await startBuild(
    {
      pipelineArn: pipeline.arn,
      image: target.target,
      recipeVersion: recipe.version,
      runId: opts.runId,
      reuseFinished: opts.reuseFinished,
      commit: ctx.commit,
    },
    ctx,
  );
  return {
    target: target.target,
    parent,
    infrastructure,
    infrastructureConfigurationArn,
    components,
    recipe,
    pipelineArn: pipeline.arn,
    pipelineOutcome: pipeline.outcome,
    start,
  };
}
