/**
 * Validator throughput: N generated component documents (~2 KB each; every tenth carries a defect
 * so the run produces line-numbered findings) validated by the bundled validate action in a fresh
 * process, as CI runs it. Reports the wall time of that process and documents per second.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateComponentDocument } from '../../actions/lib/awstoe/generate.js';

export interface ValidateBench {
  docs: number;
  avgBytes: number;
  wallMs: number;
  docsPerSecond: number;
  errors: number;
  sampleFinding: string;
}

/** Breaks every tenth document: an unknown action name, which the validator must locate. */
function defective(doc: string): string {
  return doc.replace(/action: ExecuteBash/, 'action: ExecuteBashh');
}

export function benchValidateDocs(root: string, docs = 1000): ValidateBench {
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
  const output = join(ws, 'output');
  writeFileSync(output, '');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(dist, 'index.js')], {
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
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const errors = Number(/errors<<[^\n]+\n(\d+)/.exec(readFileSync(output, 'utf8'))?.[1] ?? NaN);
  const sampleFinding =
    r.stdout.split('\n').find((l) => l.startsWith('::error ') && l.includes('file=')) ?? '(none)';
  if (!statSync(output).size) throw new Error(`validate wrote no outputs; stderr: ${r.stderr}`);
  return {
    docs,
    avgBytes: Math.round(bytes / docs),
    wallMs,
    docsPerSecond: Math.round((docs / wallMs) * 1000),
    errors,
    sampleFinding,
  };
}
