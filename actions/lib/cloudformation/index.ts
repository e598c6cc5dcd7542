/** The CloudFormation template library: one parser for the validator, the deploy action and the emulator. */
export * from './parse.js';
export * from './validate.js';
export * from './intrinsics.js';
export * from './dynamic-references.js';
export { referencedNames } from './dependencies.js';
export { parseSub, subVariables, type SubPart } from './sub.js';
export { SHORT_FORMS, CFN_TAGS } from './tags.js';
export { loadResourceSpec } from './spec/load.js';
export {
  resourceType,
  decodeType,
  type ResourceSpec,
  type ResourceTypeSpec,
  type PropertyInfo,
} from './spec/types.js';
