/**
 * `npm run mutation [-- FOLDER... | --mutate GLOBS] [stryker options]`: StrykerJS over actions/lib
 * (stryker.config.mjs), then the mutation score of every folder.
 *
 *   npm run mutation -- imagebuilder ssm        # folders of actions/lib, before any option
 *   npm run mutation -- --mutate 'actions/lib/ssm/labels.ts' --concurrency 2
 *   npm run mutation -- --scores                # only print the scores of the committed results
 *   npm run mutation -- awstoe --tests all      # every related test, not only test/awstoe/
 *
 * Tests: by default only the mutated folders' own tests (test/<folder>/, which mirrors
 * actions/lib/<folder>/) run against their mutants. The emulator imports most of the library, so
 * with every test allowed about fifty emulator suites are "related" to any file and a mutant takes
 * up to a minute on a shared two-core machine; a folder's own tests make it seconds. The score is
 * then a lower bound: a mutant only a test elsewhere kills counts as survived. `--tests all`, or a
 * list of folders or globs under test/ (`--tests test/awstoe,test/validate`), widens it.
 *
 * Incremental: Stryker reads and rewrites stryker-incremental.json (committed). It retests the
 * mutants of changed code and of changed tests, and keeps the results of files outside this run's
 * `--mutate`, so folder-by-folder runs add up to the whole library's results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module (Stryker reads it), without type declarations.
import config, { FOLDERS, NEVER_MUTATED } from '../stryker.config.mjs';

interface Mutant {
  status: string;
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const folders = FOLDERS as string[];

/** The folder of `folders` a source file belongs to: the longest that contains it. */
export function folderOf(file: string): string | undefined {
  const rel = file.replace(/^actions\/lib\//, '');
  return folders.filter((f) => rel.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
}

/** Stryker's mutation score: detected / (detected + undetected); compile errors and ignored left out. */
export function score(mutants: readonly Mutant[]) {
  const n = (s: string) => mutants.filter((m) => m.status === s).length;
  const detected = n('Killed') + n('Timeout');
  const undetected = n('Survived') + n('NoCoverage');
  return {
    detected,
    undetected,
    ignored: n('Ignored') + n('CompileError') + n('RuntimeError'),
    score: detected + undetected ? (100 * detected) / (detected + undetected) : undefined,
  };
}

function printScores(path: string): void {
  if (!existsSync(path)) {
    console.log(`No results in ${path} yet.`);
    return;
  }
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  const files = Object.entries(report.files).filter(([f]) => existsSync(f));
  for (const folder of folders) {
    const mine = files.filter(([f]) => folderOf(f) === folder);
    if (!mine.length) continue;
    const s = score(mine.flatMap(([, v]) => v.mutants));
    console.log(
      `${folder.padEnd(22)} ${(s.score === undefined ? '-' : s.score.toFixed(1)).padStart(6)} %  ` +
        `${s.detected} killed, ${s.undetected} survived, ${s.ignored} not counted, ` +
        `${mine.length} of ${countTs(folder)} file(s) tested`,
    );
  }
}

function countTs(folder: string): number {
  const r = spawnSync('git', ['ls-files', join('actions/lib', folder)], { encoding: 'utf8' });
  const never = new Set(NEVER_MUTATED.map((p: string) => p.slice(1)));
  return r.stdout
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !never.has(f)).length;
}

/** `--name value` or `--name=value` taken out of argv. */
export function takeOption(argv: string[], name: string): { tests?: string; rest: string[] } {
  const rest = [...argv];
  const i = rest.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return { rest };
  const [arg] = rest.splice(i, 1) as [string];
  const tests = arg.includes('=') ? arg.slice(name.length + 1) : rest.splice(i, 1)[0];
  return { tests, rest };
}

/** The `--mutate` value given on the command line. */
function cliMutate(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--mutate' || a === '-m');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--mutate='))?.slice('--mutate='.length);
}

/** The folders of actions/lib that `--mutate` patterns touch. */
export function mutatedFolders(patterns: string | undefined): string[] {
  if (!patterns) return [];
  const found = patterns
    .split(',')
    .map((p) => p.trim())
    .filter((p) => !p.startsWith('!'))
    .map((p) => folderOf(p.replace(/\*.*$/, 'x')));
  return [...new Set(found.filter((f): f is string => f !== undefined))];
}

/**
 * What MUTATION_TESTS gets: the `--tests` value (`all` = no limit), else the mirrored test folders
 * of the mutated folders, else no limit (a whole-library run).
 */
export function testSelection(tests: string | undefined, folders: string[]): string | undefined {
  if (tests !== undefined) return tests === 'all' ? undefined : tests;
  if (!folders.length) return undefined;
  return [...new Set(folders)].map((f) => `test/${f}`).join(',');
}

function main(argv: string[]): number {
  const incremental = config.incrementalFile as string;
  if (argv.includes('--scores')) {
    printScores(incremental);
    return 0;
  }
  // Bare words are folder names; anything after an option is that option's value.
  const named = argv.filter((a, i) => !a.startsWith('-') && !argv[i - 1]?.startsWith('-'));
  const unknown = named.filter((f) => !existsSync(join('actions/lib', f)));
  if (unknown.length) {
    console.error(
      `No folder actions/lib/${unknown[0]}: name folders of actions/lib (${folders.join(', ')}) or pass --mutate GLOBS.`,
    );
    return 2;
  }
  const mutate = named.length
    ? ['--mutate', [...named.map((f) => `actions/lib/${f}/**/*.ts`), ...NEVER_MUTATED].join(',')]
    : [];
  const { tests, rest } = takeOption(
    argv.filter((a) => !named.includes(a)),
    '--tests',
  );
  const selected = testSelection(tests, [...named, ...mutatedFolders(cliMutate(argv))]);
  console.log(`Tests run against the mutants: ${selected ?? 'every related test'}`);
  const r = spawnSync(
    process.execPath,
    ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...mutate, ...rest],
    { stdio: 'inherit', env: { ...process.env, MUTATION_TESTS: selected ?? '' } },
  );
  printScores(incremental);
  return r.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
