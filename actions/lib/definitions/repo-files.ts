/**
 * What the repository-level checks need from a repository: list and read files. Tests use
 * `memoryRepo`; the action and the CLI use `diskRepo` (the only I/O here).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RepoFiles {
  /** Repository-relative, `/`-separated paths of the files under `dir`, recursively, sorted. */
  list(dir: string): string[];
  /** The file's text, or undefined when there is no such file. */
  read(file: string): string | undefined;
  exists(file: string): boolean;
}

function under(dir: string, file: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return d === '' || d === '.' || file.startsWith(`${d}/`);
}

/** An in-memory repository: `{ 'components/a.yml': '...' }`. */
export function memoryRepo(files: Record<string, string>): RepoFiles {
  return {
    list: (dir) =>
      Object.keys(files)
        .filter((f) => under(dir, f))
        .sort(),
    read: (file) => (Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined),
    exists: (file) => Object.prototype.hasOwnProperty.call(files, file),
  };
}

/** The repository checked out at `root`. Paths stay repository-relative in and out. */
export function diskRepo(root: string): RepoFiles {
  const walk = (abs: string, out: string[]): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = join(abs, entry.name);
      if (entry.isDirectory()) walk(full, out);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  return {
    list: (dir) => {
      const abs = join(root, dir);
      if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
      const out: string[] = [];
      walk(abs, out);
      return out.sort();
    },
    read: (file) => {
      try {
        return readFileSync(join(root, file), 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (file) => existsSync(join(root, file)) && statSync(join(root, file)).isFile(),
  };
}
