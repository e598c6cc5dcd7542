import { run } from '../lib/runner/run.js';
import { waitImageAction } from './main.js';
await run('wait-image', waitImageAction);
