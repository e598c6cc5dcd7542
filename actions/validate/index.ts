import { run } from '../lib/runner/run.js';
import { validateAction } from '../lib/validate/action.js';

await run('validate', validateAction);
