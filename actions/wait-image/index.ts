import { run } from '../lib/runner/run.js';
import { waitImageAction } from '../lib/imagebuilder/wait-action.js';
await run('wait-image', waitImageAction);
