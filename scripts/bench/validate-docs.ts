/**
 * Validator throughput: N generated component documents (~2 KB each; every tenth carries a defect
 * so the run produces line-numbered findings) validated by the bundled validate action in a fresh
 * process, as CI runs it, paired run by run (alternating which goes first) against a fresh process
 * that only reads the same files and calls the `yaml` package's `parseDocument` on each, on one
 * thread: the floor a validator built on that parser is measured against.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateComponentDocument } from '../../actions/lib/awstoe/generate.js';
import { median } from './cold-start.js';

export interface ValidateBench {
  docs: number;
  avgBytes: number;
  /** Medians over the pairs. */
  wallMs: number;
  parseMs: number;
  ratio: number;
  docsPerSecond: number;
  errors: number;
  sampleFinding: string;
}

/** Breaks every tenth document: an unknown action name, which the validator must locate. */
function defective(doc: string): string {
  return doc.replace(/action: ExecuteBash/, 'action: ExecuteBashh');
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The bare parse, as a program of its own (this repository's `yaml`, one thread). */
function bareParseScript(root: string, dir: string): string {
  const yaml = pathToFileURL(join(root, 'node_modules/yaml/dist/index.js')).href;
  const script = join(dir, 'bare-parse.mjs');
  writeFileSync(
    script,
    `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from ${JSON.stringify(yaml)};
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir)) n += parseDocument(readFileSync(join(dir, f), 'utf8')).contents ? 1 : 0;
if (n === 0) process.exit(2);
`,
  );
  return script;
}

export function benchValidateDocs(root: string, docs = 1000, pairs = 5): ValidateBench {
  const ws = mkdtempSync(join(tmpdir(), 'bench-validate-'));
  mkdirSync(join(ws, 'components'));
  let bytes = 0;
  for (let i = 0; i < docs; i++) {
    const doc =
      i % 10 === 9 ? defective(generateComponentDocument(i)) : generateComponentDocument(i);
    bytes += doc.length;
    writeFileSync(join(ws, 'components', `c${String(i).padStart(4, '0')}.yml`), doc);
  }
  const dist = mkdtempSync(join(tmpdir(), 'bench-validate-dist-'));
  cpSync(join(root, 'actions', 'validate', 'dist'), dist, { recursive: true });
  const bare = bareParseScript(root, mkdtempSync(join(tmpdir(), 'bench-parse-')));
  const output = join(ws, 'output');
  let r: ReturnType<typeof spawnSync> | undefined;
  const validate = () => {
    writeFileSync(output, '');
    r = spawnSync(process.execPath, [join(dist, 'index.js')], {
      cwd: ws,
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: output,
        INPUT_PATHS: 'components',
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  };
  const parse = () => {
    const p = spawnSync(process.execPath, [bare, join(ws, 'components')]);
    if (p.status !== 0) throw new Error(`the bare parse failed: ${String(p.stderr)}`);
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = time(validate);
      b = time(parse);
    } else {
      b = time(parse);
      a = time(validate);
    }
    ours.push(a);
    theirs.push(b);
    ratios.push(a / b);
  }
  if (!statSync(output).size) throw new Error(`validate wrote no outputs; stderr: ${r?.stderr}`);
  const errors = Number(/errors<<[^\n]+\n(\d+)/.exec(readFileSync(output, 'utf8'))?.[1] ?? NaN);
  const sampleFinding =
    String(r?.stdout)
      .split('\n')
      .find((l) => l.startsWith('::error ') && l.includes('file=')) ?? '(none)';
  const wallMs = median(ours);
  return {
    docs,
    avgBytes: Math.round(bytes / docs),
    wallMs,
    parseMs: median(theirs),
    ratio: median(ratios),
    docsPerSecond: Math.round((docs / wallMs) * 1000),
    errors,
    sampleFinding,
  };
}
