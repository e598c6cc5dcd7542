/**
 * Test helper over scripts/demo/run-action.ts: runs an action's bundle from a copy outside the
 * repository, so a dependency the bundle failed to include cannot be found in node_modules up the
 * tree (the runner has none).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction as run, type ActionRun } from '../../scripts/demo/run-action.js';

export { parseOutputFile, type ActionRun } from '../../scripts/demo/run-action.js';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;

const copies = new Map<string, string>();

export function isolatedDist(action: string): string {
  let dir = copies.get(action);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), `dist-${action}-`));
    cpSync(join(REPO_ROOT, 'actions', action, 'dist'), dir, { recursive: true });
    copies.set(action, dir);
  }
  return join(dir, 'index.js');
}

export function runAction(
  action: string,
  inputs: Record<string, string>,
  opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ActionRun> {
  return run({
    actionDir: join(REPO_ROOT, 'actions', action),
    script: isolatedDist(action),
    inputs,
    cwd: opts.cwd,
    env: opts.env,
    timeoutMs: opts.timeoutMs,
  });
}
