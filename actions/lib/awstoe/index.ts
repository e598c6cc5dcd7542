/** AWSTOE component documents: model, validation and a generator for benchmarks and fuzzing. */
export {
  parseComponent,
  componentParameterNames,
  type ComponentDocument,
  type ComponentParameter,
  type ComponentConstant,
  type ComponentPhase,
  type ComponentStep,
  type ParsedComponent,
} from './model.js';
export { validateComponent } from './validate.js';
export { generateComponentDocument } from './generate.js';
export { ACTIONS, ACTION_NAMES, type ActionSpec, type InputShape } from './actions-table.js';
export { OPERATORS } from './expressions.js';
