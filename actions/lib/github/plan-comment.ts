/**
 * The plan's pull-request comment: the same Markdown as the job summary (what merging would rebuild
 * and why), the validation result of the job's validate step, and a link to the run. Pure.
 */
import { commentMarker } from './pr-comment.js';

export const PLAN_COMMENT_MARKER = commentMarker('plan');

export interface ValidationCounts {
  errors: number;
  warnings: number;
}

export interface PlanCommentInput {
  /** renderPlanSummary's Markdown, or undefined when the plan failed. */
  planMarkdown?: string;
  /** The plan's error (a configuration error's located message) when it failed. */
  failure?: string;
  validation?: ValidationCounts;
  runUrl?: string;
  sha?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderValidation(v: ValidationCounts | undefined): string {
  if (!v) return '_Validation did not run in this job._';
  if (v.errors > 0)
    return `❌ **Validation found ${plural(v.errors, 'error')}** and ${plural(v.warnings, 'warning')}: see the annotations on the diff.`;
  return `✅ **Validation passed**${v.warnings ? ` with ${plural(v.warnings, 'warning')} (see the annotations on the diff)` : ''}.`;
}

export function renderPlanComment(input: PlanCommentInput): string {
  const plan =
    input.planMarkdown?.trim() ??
    `## Image plan\n\n❌ **The plan failed**: ${input.failure ?? 'see the run log'}`;
  const footer = [
    input.sha ? `for \`${input.sha.slice(0, 12)}\`` : '',
    input.runUrl ? `[run](${input.runUrl})` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return [
    PLAN_COMMENT_MARKER,
    plan,
    '',
    '### Validation',
    '',
    renderValidation(input.validation),
    '',
    `<sub>Updated by the plan action${footer ? ` ${footer}` : ''}. This comment is edited in place on every push.</sub>`,
    '',
  ].join('\n');
}
