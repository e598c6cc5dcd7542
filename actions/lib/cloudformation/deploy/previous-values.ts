/**
 * On an update, parameters the caller does not give keep the stack's current values
 * (`UsePreviousValue`), as the CloudFormation console's "use existing value" does. Without it an
 * update would need every parameter again: a rollback, which knows only the AMI version, would fail
 * with "Parameters: [X] must have values". Only parameters the new template still declares are
 * carried over (CloudFormation rejects unknown ones).
 */
import type { Parameter } from '@aws-sdk/client-cloudformation';
import { parseTemplate } from '../parse.js';

/** Parameter names the template declares ([] when it cannot be parsed; CloudFormation will say why). */
export function declaredParameters(templateBody: string): string[] {
  const params = parseTemplate(templateBody, 'template').template?.Parameters;
  return params && typeof params === 'object' ? Object.keys(params) : [];
}

export function withPreviousValues(
  given: readonly Parameter[],
  current: readonly Parameter[] | undefined,
  declared: readonly string[],
): Parameter[] {
  const named = new Set(given.map((p) => p.ParameterKey));
  const kept = (current ?? [])
    .map((p) => p.ParameterKey!)
    .filter((k) => k && !named.has(k) && declared.includes(k))
    .map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true }));
  return [...given, ...kept];
}
