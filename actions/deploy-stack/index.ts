import { run } from '../lib/runner/run.js';
import { deployStackAction } from '../lib/cloudformation/deploy/deploy-action.js';
await run('deploy-stack', deployStackAction);
