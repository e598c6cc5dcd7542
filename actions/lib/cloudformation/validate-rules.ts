/**
 * Rule-specific functions outside `Rules`, and parameter defaults that do not fit their type.
 * Sources: rule functions (`Fn::Contains`, `Fn::EachMemberEquals`, `Fn::EachMemberIn`,
 * `Fn::RefAll`, `Fn::ValueOf`, `Fn::ValueOfAll`) "can be used only in the Rules section"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-rules.html);
 * parameter types and list defaults as a comma-delimited string
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
 */
import { type Check, isMapping, kindName } from './check.js';
import type { TemplatePath } from './parse.js';
import { RULE_FORMS } from './tags.js';

const RULE_FUNCTIONS = new Set(Object.values(RULE_FORMS));

export function checkRuleFunctions(c: Check): void {
  for (const [section, value] of Object.entries(c.template)) {
    if (section === 'Rules') continue;
    walk(c, value, [section], 0);
  }
}

function walk(c: Check, value: unknown, path: TemplatePath, depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(c, v, [...path, i], depth + 1));
    return;
  }
  if (!isMapping(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (RULE_FUNCTIONS.has(k)) {
      const short = k.replace('Fn::', '!');
      c.report(
        [...path, k],
        'error',
        'cfn/rule-function-outside-rules',
        `${k} (${short}) is a rule function: it can be used only in the Rules section, in a rule's RuleCondition or Assertions. Use Fn::Equals/Fn::If here, or move the check into Rules.`,
        { key: true },
      );
      continue;
    }
    walk(c, v, [...path, k], depth + 1);
  }
}

const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const LIST_TYPE =
  /^(List<.+>|CommaDelimitedList|AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>)$/;

/** A parameter's `Default` (and `AllowedValues`) whose YAML type does not fit the parameter `Type`. */
export function checkParameterDefaults(c: Check): void {
  const params = c.template.Parameters;
  if (!isMapping(params)) return;
  for (const [name, p] of Object.entries(params)) {
    if (!isMapping(p) || typeof p.Type !== 'string' || !('Default' in p)) continue;
    const d = p.Default;
    const path = ['Parameters', name, 'Default'];
    if (Array.isArray(d) || isMapping(d)) {
      c.report(
        path,
        'error',
        'cfn/parameter-default',
        LIST_TYPE.test(p.Type)
          ? `The Default of '${name}' (${p.Type}) is ${kindName(d)}; a list parameter's Default is one comma-delimited string, e.g. Default: 'a,b'.`
          : `The Default of '${name}' (${p.Type}) must be a single value, got ${kindName(d)}.`,
      );
      continue;
    }
    if (d === null || d === undefined) continue;
    const text = String(d);
    if (p.Type === 'Number' && !NUMERIC.test(text)) {
      c.report(
        path,
        'error',
        'cfn/parameter-default',
        `The Default of '${name}' is ${kindName(d)}, but its Type is Number: give a number or change the Type to String.`,
      );
    } else if (p.Type === 'List<Number>' && text.split(',').some((x) => !NUMERIC.test(x))) {
      c.report(
        path,
        'error',
        'cfn/parameter-default',
        `The Default of '${name}' is ${kindName(d)}, but its Type is List<Number>: give comma-delimited numbers, e.g. '80,443'.`,
      );
    } else if (typeof d === 'boolean' && p.Type !== 'String') {
      c.report(
        path,
        'error',
        'cfn/parameter-default',
        `The Default of '${name}' is the boolean ${String(d)}, which does not fit Type ${p.Type}.`,
      );
    } else if (!LIST_TYPE.test(p.Type)) checkAllowed(c, name, p.AllowedValues, d, path);
  }
}

function checkAllowed(
  c: Check,
  name: string,
  allowed: unknown,
  d: unknown,
  path: TemplatePath,
): void {
  if (!Array.isArray(allowed) || allowed.some((a) => isMapping(a) || Array.isArray(a))) return;
  const values = allowed.map(String);
  if (values.includes(String(d))) return;
  c.report(
    path,
    'error',
    'cfn/parameter-default',
    `The Default of '${name}' is ${kindName(d)}, which is not one of its AllowedValues (${values.join(', ')}).`,
  );
}
