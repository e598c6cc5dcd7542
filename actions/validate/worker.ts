import { validateComponent } from '../lib/awstoe/index.js';
import { serveComponentWorker } from '../lib/validate/component-pool.js';

// The validate action's component worker (see component-pool.ts): the component validator only.
serveComponentWorker(validateComponent);
