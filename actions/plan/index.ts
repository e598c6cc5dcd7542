import { run } from '../lib/runner/run.js';
import { planAction } from '../lib/definitions/plan-action.js';

await run('plan', planAction);
