/**
 * Template validation for the PR validator. `validateTemplate` is async only because it imports the
 * resource specification on first use (spec/load.ts); callers that already hold the spec (the
 * emulator, tests) call `validateParsed` synchronously. Never throws: a bug of ours becomes one
 * `cfn/internal-error` finding, so one odd file cannot stop the validation of the others.
 */
import { type Finding, sortFindings } from '../core/findings.js';
import { type Check, createCheck, isMapping, kindName, type TemplateContext } from './check.js';
import { parseTemplate, type ParsedTemplate } from './parse.js';
import { loadResourceSpec } from './spec/load.js';
import type { ResourceSpec } from './spec/types.js';
import { didYouMean } from '../core/suggest.js';
import { checkDynamicReferences, checkImageIds } from './validate-image-id.js';
import { checkReferences } from './validate-references.js';
import { checkResources } from './validate-resources.js';
import { validateTemplatePolicies } from '../iam/validate-policies.js';
import { checkParameterDefaults, checkRuleFunctions } from './validate-rules.js';

export const SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
];

export async function validateTemplate(
  text: string,
  file: string,
  context: TemplateContext = {},
): Promise<Finding[]> {
  try {
    const parsed = parseTemplate(text, file);
    if (!parsed.template || !parsed.src) return sortFindings(parsed.findings);
    const spec = await loadResourceSpec();
    // IAM policy documents: the IAM catalogue is imported only for a template that has any.
    const iam = await validateTemplatePolicies(parsed, spec);
    return sortFindings([...validateParsed(parsed, spec, context), ...iam]);
  } catch (e) {
    return [internalError(file, e)];
  }
}

export function validateParsed(
  parsed: ParsedTemplate,
  spec: ResourceSpec,
  context: TemplateContext = {},
): Finding[] {
  const { template, src } = parsed;
  if (!template || !src) return sortFindings(parsed.findings);
  try {
    const c = createCheck(src, template, spec, context);
    checkSections(c);
    checkParameters(c);
    checkParameterDefaults(c);
    checkRuleFunctions(c);
    checkResources(c);
    checkReferences(c);
    checkImageIds(c);
    checkDynamicReferences(c);
    return sortFindings([...parsed.findings, ...c.findings]);
  } catch (e) {
    return sortFindings([...parsed.findings, internalError(src.file, e)]);
  }
}

function internalError(file: string, e: unknown): Finding {
  const message = `The template validator failed (a bug, please report it): ${e instanceof Error ? e.message : String(e)}`;
  return { file, line: 1, column: 1, severity: 'error', rule: 'cfn/internal-error', message };
}

function checkSections(c: Check): void {
  for (const key of Object.keys(c.template)) {
    if (!SECTIONS.includes(key)) {
      c.report(
        [key],
        'error',
        'cfn/unknown-section',
        `'${key}' is not a template section (${SECTIONS.join(', ')}).${didYouMean(key, SECTIONS)}`,
        { key: true },
      );
    }
  }
  const version = c.template.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') {
    c.report(
      ['AWSTemplateFormatVersion'],
      'error',
      'cfn/format-version',
      `AWSTemplateFormatVersion must be '2010-09-09' (the only version), got ${kindName(version)}.`,
    );
  }
  for (const key of ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Metadata', 'Rules']) {
    const v = c.template[key];
    if (v !== undefined && v !== null && !isMapping(v)) {
      c.report(
        [key],
        'error',
        'cfn/section-not-mapping',
        `${key} must be a mapping, got ${kindName(v)}.`,
      );
    }
  }
}

const PARAMETER_TYPES =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<.+>)$/;

function checkParameters(c: Check): void {
  const params = c.template.Parameters;
  if (!isMapping(params)) return;
  for (const [name, p] of Object.entries(params)) {
    const path = ['Parameters', name];
    if (!isMapping(p) || p.Type === undefined) {
      c.report(
        path,
        'error',
        'cfn/parameter-type',
        `Parameter '${name}' needs a Type (String, Number, CommaDelimitedList, AWS::SSM::Parameter::Value<String>, ...).`,
        { key: true },
      );
    } else if (typeof p.Type !== 'string' || !PARAMETER_TYPES.test(p.Type)) {
      c.report(
        [...path, 'Type'],
        'error',
        'cfn/parameter-type',
        `Parameter type ${kindName(p.Type)} is not a CloudFormation parameter type.${didYouMean(String(p.Type), ['String', 'Number', 'CommaDelimitedList', 'List<Number>'])}`,
      );
    }
  }
}
