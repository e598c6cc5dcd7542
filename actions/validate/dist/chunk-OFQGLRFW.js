import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
var n="components/scan-exceptions.yml";export{n as a};
