import { isMainThread } from 'node:worker_threads';
import { run } from '../lib/runner/run.js';
import { validateAction } from './main.js';
import { serveValidateWorker } from '../lib/validate/validators.js';

// Started again in a worker thread, this bundle validates a share of the component documents.
if (isMainThread) await run('validate', (ctx) => validateAction(ctx, new URL(import.meta.url)));
else serveValidateWorker();
