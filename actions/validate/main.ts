import type { ActionContext } from '../lib/core/action.js';
import { ConfigurationError } from '../lib/core/errors.js';
import { countBySeverity, sortFindings } from '../lib/core/findings.js';
import { DEFAULT_PATHS } from '../lib/validate/classify.js';
import { collectFiles } from '../lib/validate/files.js';
import { validateFiles } from '../lib/validate/engine.js';
import { renderSummary, summaryLine } from '../lib/validate/report.js';
import { createValidators } from '../lib/validate/validators.js';

/**
 * The `validate` action: one annotation per finding (GitHub shows them on the PR diff), a job summary
 * with every finding, outputs `errors` and `warnings`; fails when there are errors (or warnings, with
 * `fail-on-warnings`).
 */
export async function validateAction(ctx: ActionContext, workerScript?: URL): Promise<void> {
  const root =
    ctx.inputs.optional('working-directory') ?? ctx.env.GITHUB_WORKSPACE ?? process.cwd();
  const given = ctx.inputs.lines('paths');
  const failOnWarnings = ctx.inputs.boolean('fail-on-warnings', false);
  const files =
    given.length > 0 ? collectFiles(root, given) : collectFiles(root, DEFAULT_PATHS, true);
  const report = await validateFiles(root, files, createValidators(workerScript));

  for (const f of sortFindings(report.findings)) {
    const props = {
      file: f.file,
      startLine: f.line,
      startColumn: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      title: f.rule,
    };
    if (f.severity === 'error') ctx.logger.error(f.message, props);
    else ctx.logger.warning(f.message, props);
  }
  const { error, warning } = countBySeverity(report.findings);
  ctx.setOutput('errors', String(error));
  ctx.setOutput('warnings', String(warning));
  await ctx.summary(renderSummary(report));
  ctx.logger.info(summaryLine(report));
  if (error > 0 || (failOnWarnings && warning > 0)) {
    throw new ConfigurationError(
      `${summaryLine(report)}. Fix the findings annotated above (all are listed in the job summary); run \`npm run validate\` locally to check before pushing.`,
    );
  }
}
