import { run } from '../lib/runner/run.js';
import { publishAmiAction } from './main.js';
await run('publish-ami', publishAmiAction);
