#!/usr/bin/env -S npx tsx
/**
 * The release workflow's helper (.github/workflows/release.yml):
 *   npx tsx scripts/release/cli.ts check TAG   exit 1, with the reasons, when TAG may not be released
 *   npx tsx scripts/release/cli.ts notes TAG   print the release notes (commits since the last tag)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM_REPOSITORY } from '../docs/action-reference.js';
import { previousRelease, releaseNotes, releaseProblems, type OwnReference } from './release.js';

const root = new URL('../..', import.meta.url).pathname;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function ownReferences(): OwnReference[] {
  const dirs = ['.github/workflows', 'docs/consumer-example/.github/workflows'];
  const refs: OwnReference[] = [];
  for (const dir of dirs.filter((d) => existsSync(join(root, d))))
    for (const f of readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f)))
      readFileSync(join(root, dir, f), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = new RegExp(`^\\s*(?:-\\s+)?uses:\\s*${UPSTREAM_REPOSITORY}/\\S+@(\\S+)`).exec(
            text,
          );
          if (m) refs.push({ file: `${dir}/${f}`, line: i + 1, ref: m[1]! });
        });
  return refs;
}

const [command, tag = ''] = process.argv.slice(2);
if (command === 'check') {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const problems = releaseProblems(tag, version, ownReferences());
  for (const p of problems) process.stderr.write(`::error::${p}\n`);
  process.exit(problems.length ? 1 : 0);
} else if (command === 'notes') {
  const previous = previousRelease(git('tag', '--list', 'v*').split('\n'), tag);
  const log = git('log', '--format=%H %s', previous ? `${previous}..${tag}` : tag);
  const commits = log
    ? log.split('\n').map((l) => ({ sha: l.slice(0, 40), subject: l.slice(41) }))
    : [];
  process.stdout.write(releaseNotes(tag, previous, commits, UPSTREAM_REPOSITORY));
} else {
  process.stderr.write('usage: scripts/release/cli.ts check|notes vX.Y.Z\n');
  process.exit(2);
}
