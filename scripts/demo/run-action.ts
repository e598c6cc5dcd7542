/**
 * Runs a bundled action as the GitHub runner does: `node dist/index.js` in a child process with
 * `INPUT_*` (inputs given under `with:`, else the defaults from action.yml, as the runner fills
 * them), the `GITHUB_*` variables, and fresh `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files. Used by
 * the demo's workflow runner and by the end-to-end tests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}

export interface RunActionOptions {
  /** actions/<name> folder, holding action.yml. */
  actionDir: string;
  /** The script to run; defaults to <actionDir>/dist/index.js. */
  script?: string;
  inputs: Record<string, string>;
  /** The workspace (working folder of the step). */
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Called with each chunk of stdout as it arrives (progress). */
  onStdout?: (chunk: string) => void;
}

/** Parses the runner's `GITHUB_OUTPUT` file (`name<<delimiter` blocks or `name=value` lines). */
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

/**
 * `INPUT_<NAME>` for every input: the given value, else action.yml's default. The one expression
 * our defaults use, `${{ github.token }}`, is the job's token (`githubToken`), as the runner
 * evaluates it.
 */
export function inputEnv(
  actionYml: string,
  given: Record<string, string>,
  githubToken = '',
): Record<string, string> {
  const meta = (parse(actionYml) ?? {}) as { inputs?: Record<string, { default?: unknown }> };
  const env: Record<string, string> = {};
  const name = (k: string) => `INPUT_${k.replace(/ /g, '_').toUpperCase()}`;
  for (const [k, spec] of Object.entries(meta.inputs ?? {})) {
    if (spec?.default !== undefined && spec.default !== null)
      env[name(k)] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken);
  }
  for (const [k, v] of Object.entries(given)) env[name(k)] = v;
  return env;
}

export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const work = mkdtempSync(join(tmpdir(), 'action-run-'));
  const outputFile = join(work, 'output');
  const summaryFile = join(work, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? work,
    RUNNER_TEMP: work,
    GITHUB_WORKSPACE: opts.cwd,
    ...opts.env,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...inputEnv(
      readFileSync(join(opts.actionDir, 'action.yml'), 'utf8'),
      opts.inputs,
      opts.env?.GITHUB_TOKEN ?? '',
    ),
  })) {
    if (v !== undefined) env[k] = v;
  }
  const t0 = Date.now();
  const child = spawn(process.execPath, [opts.script ?? join(opts.actionDir, 'dist', 'index.js')], {
    cwd: opts.cwd,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    opts.onStdout?.(d.toString());
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    ms: Date.now() - t0,
  };
}
