/**
 * Runs a bundled action (actions/<name>/dist/index.js) as the GitHub runner does: a child process
 * with `INPUT_*`, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, and the workspace as its working folder.
 * The dist folder is copied outside the repository first, so a dependency the bundle failed to
 * include cannot be found in node_modules up the tree (the runner has none).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;

const copies = new Map<string, string>();

export function isolatedDist(action: string): string {
  let dir = copies.get(action);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), `dist-${action}-`));
    cpSync(join(REPO_ROOT, 'actions', action, 'dist'), dir, { recursive: true });
    copies.set(action, dir);
  }
  return join(dir, 'index.js');
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the runner's `GITHUB_OUTPUT` file format (`name<<delimiter` blocks or `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export async function runAction(
  action: string,
  inputs: Record<string, string>,
  opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ActionRun> {
  const work = mkdtempSync(join(tmpdir(), `run-${action}-`));
  const outputFile = join(work, 'output');
  const summaryFile = join(work, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: opts.cwd,
    RUNNER_TEMP: work,
    ...opts.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const child = spawn(process.execPath, [isolatedDist(action)], { cwd: opts.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}
