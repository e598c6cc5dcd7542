/**
 * The files a bundle loads at run time beside its dist/index.js (scripts/bundle-assets.json): the
 * committed copy is exactly the recorded one, and the record's version is the installed package's,
 * so a dependency bump cannot change what ships in dist/ without the record changing too.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-action.js';

interface Asset {
  name: string;
  from: string;
  package: string;
  packageVersion: string;
  upstream: string;
  sha256: string;
  usedBy: string[];
}

const { assets } = JSON.parse(
  readFileSync(join(REPO_ROOT, 'scripts/bundle-assets.json'), 'utf8'),
) as { assets: Asset[] };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.each(assets.map((a) => [a.name, a] as const))('%s', (_name, asset) => {
  it('is recorded with a version, an upstream version and a sha256', () => {
    expect(asset.packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(asset.upstream).toMatch(/@v\d+\.\d+\.\d+$/);
    expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the committed copy in each dist/ has the recorded sha256', () => {
    expect(asset.usedBy.length).toBeGreaterThan(0);
    for (const action of asset.usedBy) {
      const file = join(REPO_ROOT, 'actions', action, 'dist', asset.name);
      expect(existsSync(file)).toBe(true);
      expect(`${action}: ${sha256(file)}`).toBe(`${action}: ${asset.sha256}`);
    }
  });

  it("is the installed package's file, of the recorded package version", () => {
    const pkg = JSON.parse(
      readFileSync(join(REPO_ROOT, 'node_modules', asset.package, 'package.json'), 'utf8'),
    ) as { version: string };
    expect(pkg.version).toBe(asset.packageVersion);
    expect(sha256(join(REPO_ROOT, asset.from))).toBe(asset.sha256);
  });

  it('embeds the recorded upstream version (Go build information inside the wasm)', () => {
    const bytes = readFileSync(join(REPO_ROOT, asset.from));
    expect(bytes.includes(Buffer.from(asset.upstream))).toBe(true);
  });
});
