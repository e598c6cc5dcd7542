import { run } from '../lib/runner/run.js';
import { scanGateAction } from '../lib/scan/scan-action.js';
await run('scan-gate', scanGateAction);
