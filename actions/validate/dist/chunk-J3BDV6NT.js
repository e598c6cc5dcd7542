import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
function t(r){let e=0,n=0;for(let i of r)i.severity==="error"?e++:n++;return{error:e,warning:n}}function o(r){return[...r].sort((e,n)=>e.file.localeCompare(n.file)||e.line-n.line||e.column-n.column||e.rule.localeCompare(n.rule))}export{t as a,o as b};
