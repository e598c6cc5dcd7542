import { run } from '../lib/runner/run.js';
import { planAction } from './main.js';

await run('plan', planAction);
