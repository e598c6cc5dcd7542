/** Image definitions: loading, repository checks, the image graph and the plan. */
import type { Finding } from '../core/findings.js';
import { diskRepo } from './repo-files.js';
import { validateDefinitions } from './validate-definitions.js';

export type * from './types.js';
export { loadImageDefinition, toDefinition, baseName, type LoadedDefinition } from './load.js';
export { memoryRepo, diskRepo, type RepoFiles } from './repo-files.js';
export {
  validateDefinitions,
  DEFAULT_DEFINITIONS_PATH,
  type DefinitionSet,
  type ValidateOptions,
} from './validate-definitions.js';
export { componentArnProblem, parentImageProblem, ssmNameProblem, ARN_TOKENS } from './rules.js';
export {
  buildTargets,
  buildTargetFor,
  imageParentName,
  stackArchitecture,
  targetName,
  targetSsmParameter,
  IMAGE_PARENT_PREFIX,
} from './targets.js';
export { ARCHITECTURES } from './types.js';
export { imageGraph, imagesUsing, type ImageGraph, type ImageNode } from './graph.js';
export {
  planImages,
  planMatrix,
  EVENT_KINDS,
  type EventKind,
  type Plan,
  type PlanEntry,
  type PlanInput,
} from './plan.js';
export { parseEvent, readEvent, isZeroSha, type TriggerEvent } from '../github/event.js';
export { changedFilesFromGit, type ChangedFiles } from '../github/git.js';
export { renderPlanTable, renderPlanGraph, renderPlanSummary } from './plan-render.js';

/** For the validate engine: the definition files `files` (repository-relative) checked against the repository at `root`. */
export function validateDefinitionFiles(root: string, files: string[]): Finding[] {
  return validateDefinitions(diskRepo(root), { files }).findings;
}
