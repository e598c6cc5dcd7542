import { run } from '../lib/runner/run.js';
import { scanGateAction } from './main.js';
await run('scan-gate', scanGateAction);
