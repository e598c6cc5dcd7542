/**
 * Which build of a definition build-image runs (input `architecture` → an entry of `buildTargets`),
 * and the definition as that build sees it: recipe and pipeline named after the target, so the
 * x86_64 and arm64 builds of one definition keep separate version histories. Pure.
 */
import { ConfigurationError } from '../core/errors.js';
import { buildTargetFor, buildTargets } from '../definitions/targets.js';
import type { BuildTarget, ImageDefinition } from '../definitions/types.js';

export function selectTarget(def: ImageDefinition, architecture: string | undefined): BuildTarget {
  const target = buildTargetFor(def, architecture);
  if (target) return target;
  const listed = buildTargets(def)
    .map((t) => t.architecture)
    .filter((a) => a !== undefined);
  throw new ConfigurationError(
    listed.length
      ? `${def.name} lists architectures ${listed.join(', ')}: input 'architecture' of build-image must be one of them` +
          (architecture ? `, got '${architecture}'.` : ' (the plan matrix row carries it).')
      : `${def.name} lists no architectures (its architecture is its parent's): leave input 'architecture' of build-image empty, got '${architecture}'.`,
    { file: def.file },
  );
}

/** The definition with the target's name and the resolved parent, for the recipe and the pipeline. */
export function targetDefinition(
  def: ImageDefinition,
  target: BuildTarget,
  parentImage: string,
): ImageDefinition {
  return { ...def, name: target.target, parentImage };
}
