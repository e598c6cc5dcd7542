/**
 * `npm run demo` as a test: the whole pipeline offline (emulator, stacks, the real workflows, every
 * action as its bundle), with the demo's own checks. It must pass on a clean machine, as in CI.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-action.js';

describe('npm run demo', () => {
  it('builds the fleet parents first, publishes to both regions, deploys pinned, rebuilds only what changed (web alone; base then web), rolls back', () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), join(REPO_ROOT, 'scripts/demo/index.ts')],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        // Five builds on the first push (base and web per architecture, Windows), four on a base change.
        timeout: 360_000,
      },
    );
    const checks = r.stdout.split('\n').filter((l) => /^\s+[✓✗] /.test(l) && !/›/.test(l));
    expect(checks.filter((l) => l.includes('✗'))).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(r.stdout).toMatch(/SSM \/golden-ami\/web-server\/x86_64 in us-west-2: version 3/);
    expect(r.stdout).toMatch(
      /✓ base, then web, Windows untouched: base-linux-x86_64, base-linux-arm64, web-server-x86_64, web-server-arm64\n/,
    );
    expect(r.stdout).toMatch(/demo passed in/);
    expect(r.status).toBe(0);
  }, 380_000);
});
