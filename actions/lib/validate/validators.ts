/** The real validators behind the engine; tests may pass their own `Validators`. */
import { validateComponent } from '../awstoe/index.js';
import { validateWorkflow } from '../workflows/index.js';
import { PRODUCT_REPOSITORY } from '../github/repository.js';
import type { Validators } from './engine.js';
import { validateComponents } from './component-pool.js';

/**
 * `workerScript`: a worker entry that calls `serveComponentWorker` (see component-pool.ts); without
 * it everything runs on one thread.
 * `ownRepository`: whose actions the workflows may name at an exact release tag (policy.ts): the
 * repository being validated in Actions, else (a local run) this product's own repository.
 * `now`: the clock scan exceptions expire by.
 */
export function createValidators(
  workerScript?: URL,
  {
    ownRepository = process.env.GITHUB_REPOSITORY || PRODUCT_REPOSITORY,
    now = Date.now,
  }: { ownRepository?: string; now?: () => number } = {},
): Validators {
  return {
    component: validateComponent,
    components: (items) => validateComponents(items, validateComponent, workerScript),
    // Loaded on first use (separate chunks in the bundle): a change that touches only components
    // never pays for the template rules or the definitions' JSON schema compile.
    template: async (text, file, context) =>
      (await import('../cloudformation/validate.js')).validateTemplate(text, file, context),
    workflow: (text, file, context) => validateWorkflow(text, file, { ...context, ownRepository }),
    // Expired exceptions are errors as of now (the gate applies none after its day).
    'scan-exceptions': async (text, file) =>
      (await import('../scan/exceptions.js')).validateExceptions(text, file, now()),
    definitions: async (root, files) =>
      (await import('../definitions/index.js')).validateDefinitionFiles(root, files),
  };
}
