/** The real validators behind the engine; tests may pass their own `Validators`. */
import { validateComponent } from '../awstoe/index.js';
import { validateTemplate } from '../cloudformation/validate.js';
import { validateDefinitionFiles } from '../definitions/index.js';
import { validateWorkflow } from '../workflows/index.js';
import type { Validators } from './engine.js';
import { serveComponentWorker, validateComponents } from './component-pool.js';

/**
 * `workerScript`: the program's entry, which serves as a component worker when started in a worker
 * thread (see component-pool.ts); without it everything runs on one thread.
 */
export function createValidators(workerScript?: URL): Validators {
  return {
    component: validateComponent,
    components: (items) => validateComponents(items, validateComponent, workerScript),
    template: validateTemplate,
    workflow: validateWorkflow,
    definitions: validateDefinitionFiles,
  };
}

/** What an entry calls when it was started as a worker thread. */
export function serveValidateWorker(): void {
  serveComponentWorker(validateComponent);
}
