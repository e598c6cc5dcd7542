import { run } from '../lib/runner/run.js';
import { deployStackAction } from './main.js';
await run('deploy-stack', deployStackAction);
