/**
 * `npm run mutation [-- FOLDER... | --mutate GLOBS] [stryker options]`: StrykerJS over actions/lib
 * (stryker.config.mjs), then the mutation score of every folder.
 *
 *   npm run mutation -- imagebuilder ssm        # folders of actions/lib, before any option
 *   npm run mutation -- --mutate 'actions/lib/ssm/labels.ts' --concurrency 2
 *   npm run mutation -- --scores                # only print the scores of the committed results
 *
 * Incremental: Stryker reads and rewrites stryker-incremental.json (committed). It retests the
 * mutants of changed code and of changed tests, and keeps the results of files outside this run's
 * `--mutate`, so folder-by-folder runs add up to the whole library's results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module (Stryker reads it), without type declarations.
import config, { FOLDERS } from '../stryker.config.mjs';

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
  return r.stdout.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).length;
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
    ? ['--mutate', named.map((f) => `actions/lib/${f}/**/*.ts`).join(',')]
    : [];
  const rest = argv.filter((a) => !named.includes(a));
  const r = spawnSync(
    process.execPath,
    ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...mutate, ...rest],
    { stdio: 'inherit' },
  );
  printScores(incremental);
  return r.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
