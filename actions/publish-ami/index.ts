import { run } from '../lib/runner/run.js';
import { publishAmiAction } from '../lib/ssm/publish-action.js';
await run('publish-ami', publishAmiAction);
