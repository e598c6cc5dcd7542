import { run } from '../lib/runner/run.js';
import { buildImageAction } from '../lib/imagebuilder/build-action.js';
await run('build-image', buildImageAction);
