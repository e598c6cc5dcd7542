import { run } from '../lib/runner/run.js';
import { validateAction } from './main.js';

// worker.js: the bundle's small worker entry (actions/validate/worker.ts), for many components.
await run('validate', (ctx) => validateAction(ctx, new URL('./worker.js', import.meta.url)));
