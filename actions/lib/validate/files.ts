/** The disk edge of `validate`: expand the paths the user gave into repository-relative files. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { isCandidate } from './classify.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

function walk(abs: string, out: string[]): void {
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(join(abs, entry.name), out);
    } else if (entry.isFile() && isCandidate(entry.name)) {
      out.push(join(abs, entry.name));
    }
  }
}

/**
 * Files under `paths` (files or folders, relative to `root`), as sorted repository-relative paths
 * with forward slashes. A default folder that does not exist is skipped; a path the user named that
 * does not exist is an error.
 */
export function collectFiles(root: string, paths: readonly string[], optional = false): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = resolve(root, p);
    if (!existsSync(abs)) {
      if (optional) continue;
      throw new ConfigurationError(
        `Path '${p}' does not exist (relative to ${root}). Give files or folders inside the repository.`,
      );
    }
    const list: string[] = [];
    if (statSync(abs).isDirectory()) walk(abs, list);
    else list.push(abs);
    for (const f of list) found.add(relative(root, f).split(sep).join('/'));
  }
  return [...found].sort();
}
