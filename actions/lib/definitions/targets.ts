/**
 * A definition's builds: one when it lists no `architectures`, else one per entry. The naming of
 * targets and of their SSM parameters lives here only; `plan` and `build-image` both call it.
 */
import type { Architecture, BuildTarget, ImageDefinition } from './types.js';
import type { JsonPath } from './yaml-path.js';

/** The prefix of a parent that is another definition of this repository: `image:base-linux`. */
export const IMAGE_PARENT_PREFIX = 'image:';

/** `image:base-linux` → `base-linux`; undefined for any other parent (ssm:, ARN, AMI id). */
export function imageParentName(parentImage: string): string | undefined {
  return parentImage.startsWith(IMAGE_PARENT_PREFIX)
    ? parentImage.slice(IMAGE_PARENT_PREFIX.length)
    : undefined;
}

/** `web-server` + arm64 → `web-server-arm64`; without an architecture, the image name. */
export function targetName(image: string, architecture?: Architecture): string {
  return architecture ? `${image}-${architecture}` : image;
}

/** `/golden-ami/web-server` + arm64 → `/golden-ami/web-server/arm64`. */
export function targetSsmParameter(ssmParameter: string, architecture?: Architecture): string {
  return architecture ? `${ssmParameter}/${architecture}` : ssmParameter;
}

/** The builds of `definition`, in the order of its `architectures:` list. */
export function buildTargets(definition: ImageDefinition): BuildTarget[] {
  if (!definition.architectures?.length) {
    return [
      {
        target: definition.name,
        parentImage: definition.parentImage,
        ssmParameter: definition.ssmParameter,
      },
    ];
  }
  return definition.architectures.map((a) => ({
    target: targetName(definition.name, a.name),
    architecture: a.name,
    parentImage: a.parentImage ?? definition.parentImage,
    ...(a.instanceTypes ? { instanceTypes: [...a.instanceTypes] } : {}),
    ssmParameter: targetSsmParameter(definition.ssmParameter, a.name),
  }));
}

/**
 * The target for `architecture` ('' or undefined: the definition's only target when it lists no
 * architectures). Undefined when the definition does not build that architecture.
 */
export function buildTargetFor(
  definition: ImageDefinition,
  architecture: string | undefined,
): BuildTarget | undefined {
  const targets = buildTargets(definition);
  if (!architecture) return definition.architectures?.length ? undefined : targets[0];
  return targets.find((t) => t.architecture === architecture);
}

/** The architecture whose SSM parameter the stack deploys: `stack.architecture`, else the first listed. */
export function stackArchitecture(definition: ImageDefinition): Architecture | undefined {
  return definition.stack?.architecture ?? definition.architectures?.[0]?.name;
}

/**
 * The build of an `image:` parent that a child's build of `architecture` starts from: the parent's
 * only target when it lists no architectures; else the entry of that architecture (a child without
 * architectures takes a parent's only entry). Undefined when the parent does not build it.
 */
export function parentBuildTarget(
  parent: ImageDefinition,
  architecture: Architecture | undefined,
): BuildTarget | undefined {
  const targets = buildTargets(parent);
  if (!parent.architectures?.length) return targets[0];
  if (architecture === undefined) return targets.length === 1 ? targets[0] : undefined;
  return targets.find((t) => t.architecture === architecture);
}

/** Where the parent of `target` is written: its architecture's `parentImage`, else the definition's. */
export function parentPath(definition: ImageDefinition, target: BuildTarget): JsonPath {
  const i = (definition.architectures ?? []).findIndex((a) => a.name === target.architecture);
  return i >= 0 && definition.architectures![i]!.parentImage !== undefined
    ? ['architectures', i, 'parentImage']
    : ['parentImage'];
}

/**
 * Where `definition` names `image:<parent>`: at its first build on that parent. `parent` is one of
 * its builds' parents (the graph's edges and cycles are made of them).
 */
export function parentPathOf(definition: ImageDefinition, parent: string): JsonPath {
  const t = buildTargets(definition).find((x) => imageParentName(x.parentImage) === parent);
  return parentPath(definition, t!);
}
