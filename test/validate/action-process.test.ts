/**
 * The bundled validate action run as GitHub runs it, on a fixture repository with one problem of
 * each kind: annotations at the right file and line, the job summary, the outputs, the exit code.
 * And the CLI on the same repository.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateComponentDocument } from '../../actions/lib/awstoe/generate.js';
import { join } from 'node:path';
import { REPO_ROOT, runAction } from '../support/run-action.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/validate-repo');

function annotations(stdout: string) {
  return [...stdout.matchAll(/^::(error|warning) (.*?)::(.*)$/gm)].map((m) => {
    const props = Object.fromEntries(
      m[2]!.split(',').map((kv) => kv.split('=') as [string, string]),
    );
    return {
      level: m[1],
      file: props.file,
      line: Number(props.line),
      title: props.title,
      message: m[3]!,
    };
  });
}

describe('validate action (dist, as a process)', () => {
  it('annotates each finding at its file and line, writes the summary, fails on errors', async () => {
    const run = await runAction('validate', {}, { cwd: FIXTURE });
    const found = annotations(run.stdout);
    const at = (file: string) => found.filter((a) => a.file === file);
    expect(at('components/broken.yml')).toEqual([
      expect.objectContaining({ level: 'error', line: 12, title: 'awstoe/unknown-action' }),
    ]);
    expect(at('components/hello.yml')).toEqual([]);
    expect(at('components/images/hello.yml')).toEqual([
      expect.objectContaining({ level: 'error', line: 5 }),
    ]);
    expect(at('components/images/hello.yml')[0]!.message).toMatch(/missing\.yml/);
    expect(at('stacks/app.yml')).toEqual([
      expect.objectContaining({ level: 'error', title: 'cfn/unversioned-ssm-image', line: 10 }),
    ]);
    expect(at('.github/workflows/ci.yml').map((a) => a.title)).toContain('actionlint/expression');

    expect(Number(run.outputs.errors)).toBe(found.filter((a) => a.level === 'error').length);
    expect(run.summary).toContain('## Validate: ❌');
    expect(run.summary).toContain('| `components/broken.yml:12:');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::\d+ files checked: \d+ errors/m);
    expect(run.stdout).not.toMatch(/^\s+at /m);
  });

  it('passes on a clean set of paths, and fails on warnings when asked', async () => {
    const clean = await runAction('validate', { paths: 'components/hello.yml' }, { cwd: FIXTURE });
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(clean.summary).toContain('## Validate: ✅ 1 file checked: 0 errors, 0 warnings');
  });

  it('names a path that does not exist', async () => {
    const run = await runAction('validate', { paths: 'components/nope.yml' }, { cwd: FIXTURE });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Path 'components\/nope\.yml' does not exist/);
  });

  it('splits many documents across threads and still pins each finding to its file and line', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'validate-many-'));
    mkdirSync(join(ws, 'components'));
    const broken = new Set<number>();
    for (let i = 0; i < 400; i++) {
      let doc = generateComponentDocument(i);
      if (i % 50 === 7) {
        doc = doc.replace('action: ExecuteBash', 'action: ExecuteBashh');
        broken.add(i);
      }
      writeFileSync(join(ws, 'components', `c${String(i).padStart(3, '0')}.yml`), doc);
    }
    const run = await runAction('validate', {}, { cwd: ws });
    const errs = annotations(run.stdout).filter((a) => a.level === 'error');
    expect(errs.map((a) => a.file).sort()).toEqual(
      [...broken].map((i) => `components/c${String(i).padStart(3, '0')}.yml`).sort(),
    );
    expect(errs.every((a) => a.title === 'awstoe/unknown-action' && a.line > 1)).toBe(true);
    expect(run.outputs.errors).toBe(String(broken.size));
    expect(run.stderr).not.toMatch(/Error|worker/i);
  });

  it('fails the job on an unrecognisable file under components/, annotated on that file', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'validate-unknown-'));
    mkdirSync(join(ws, 'components'));
    writeFileSync(join(ws, 'components', 'hello.yml'), generateComponentDocument(1));
    writeFileSync(join(ws, 'components', 'notes.yml'), 'title: release notes\nitems: []\n');
    writeFileSync(join(ws, 'components', 'empty.yaml'), '# to do\n');
    const run = await runAction('validate', {}, { cwd: ws });
    const errs = annotations(run.stdout).filter((a) => a.level === 'error');
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'components/notes.yml',
          line: 1,
          title: 'awstoe/missing-phases',
        }),
        expect.objectContaining({
          file: 'components/empty.yaml',
          line: 1,
          title: 'awstoe/root-not-mapping',
        }),
      ]),
    );
    expect(errs.some((a) => a.file === 'components/hello.yml')).toBe(false);
    expect(run.code).toBe(1);
    expect(run.outputs.errors).toBe(String(errs.length));
  });

  it('validates this repository with no findings', async () => {
    const run = await runAction('validate', {}, { cwd: REPO_ROOT });
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('validate CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(REPO_ROOT, 'scripts/validate.ts'),
        ...args,
      ],
      {
        cwd: FIXTURE,
        encoding: 'utf8',
      },
    );

  it('prints file:line:col lines and exits 1 on errors', () => {
    const r = cli('components');
    expect(r.stdout).toMatch(
      /^components\/broken\.yml:12:\d+: error: .* \[awstoe\/unknown-action\]$/m,
    );
    expect(r.stdout).toMatch(/^3 files checked: \d+ errors?, \d+ warnings?$/m);
    expect(r.status).toBe(1);
  });

  it('prints JSON with --format json and exits 0 when clean', () => {
    const r = cli('components/hello.yml', '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: 0,
      warning: 0,
      files: [{ file: 'components/hello.yml', kind: 'component' }],
    });
    expect(r.status).toBe(0);
  });

  it('a file named on the command line whose kind is unknown is an error', () => {
    const ws = mkdtempSync(join(tmpdir(), 'validate-cli-'));
    writeFileSync(join(ws, 'notes.yml'), 'title: x\n');
    const r = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(REPO_ROOT, 'scripts/validate.ts'),
        'notes.yml',
      ],
      { cwd: ws, encoding: 'utf8' },
    );
    expect(r.stdout).toMatch(
      /^notes\.yml:1:1: error: Not recognised .* \[validate\/unknown-kind\]$/m,
    );
    expect(r.status).toBe(1);
  });

  it('rejects an unknown format with usage, exit 2', () => {
    const r = cli('--format', 'xml');
    expect(r.stderr).toMatch(/--format must be text or json/);
    expect(r.status).toBe(2);
  });
});
