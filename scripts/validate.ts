/**
 * npm run validate -- [paths...] [--format text|json] [--root DIR]
 * Prints `file:line:col: error|warning: message [rule]` (or JSON); exits 1 when there are errors,
 * 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { countBySeverity } from '../actions/lib/core/findings.js';
import { isConfigurationError, errorMessage } from '../actions/lib/core/errors.js';
import { DEFAULT_PATHS } from '../actions/lib/validate/classify.js';
import { collectFiles } from '../actions/lib/validate/files.js';
import { validateFiles } from '../actions/lib/validate/engine.js';
import { renderJson, renderText } from '../actions/lib/validate/report.js';
import { createValidators } from '../actions/lib/validate/validators.js';

const USAGE = 'usage: npm run validate -- [paths...] [--format text|json] [--root DIR]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        root: { type: 'string', default: process.cwd() },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`${errorMessage(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = args.values.format;
  if (format !== 'text' && format !== 'json') {
    process.stderr.write(`--format must be text or json, got '${format}'\n${USAGE}\n`);
    return 2;
  }
  const root = args.values.root!;
  const files =
    args.positionals.length > 0
      ? collectFiles(root, args.positionals)
      : collectFiles(root, DEFAULT_PATHS, true);
  const report = await validateFiles(
    root,
    files,
    createValidators(new URL('../actions/validate/worker.ts', import.meta.url)),
  );
  process.stdout.write(format === 'json' ? renderJson(report) : renderText(report));
  return countBySeverity(report.findings).error > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(
      `${isConfigurationError(e) ? e.located : ((e as Error).stack ?? String(e))}\n`,
    );
    process.exit(isConfigurationError(e) ? 2 : 70);
  },
);
