import type { Finding } from '../core/findings.js';
import { lintWorkflow } from './actionlint.js';
import { checkWorkflowPolicy, type PolicyOptions } from './policy.js';

/** actionlint's findings (syntax, expressions, types) plus our security policy. */
export async function validateWorkflow(
  text: string,
  file: string,
  options: PolicyOptions = {},
): Promise<Finding[]> {
  return [...(await lintWorkflow(text, file)), ...checkWorkflowPolicy(text, file, options)];
}
