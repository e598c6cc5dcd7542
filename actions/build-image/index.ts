import { run } from '../lib/runner/run.js';
import { buildImageAction } from './main.js';
await run('build-image', buildImageAction);
