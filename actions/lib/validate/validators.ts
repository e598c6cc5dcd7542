/** The real validators behind the engine; tests may pass their own `Validators`. */
import { validateComponent } from '../awstoe/index.js';
import { validateTemplate } from '../cloudformation/validate.js';
import { validateDefinitionFiles } from '../definitions/index.js';
import { validateWorkflow } from '../workflows/index.js';
import type { Validators } from './engine.js';

export const defaultValidators: Validators = {
  component: validateComponent,
  template: validateTemplate,
  workflow: validateWorkflow,
  definitions: validateDefinitionFiles,
};
