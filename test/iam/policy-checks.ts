/**
 * The IAM policy checks of a template, loaded once per test file: the CloudFormation resource
 * specification and the IAM catalogue, and helpers that render findings as `line rule` or messages.
 */
import { beforeAll } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import type { ResourceSpec } from '../../actions/lib/cloudformation/spec/types.js';
import { loadCatalogue, type Catalogue } from '../../actions/lib/iam/catalogue.js';
import { policyFindings } from '../../actions/lib/iam/validate-policies.js';

export interface PolicyChecks {
  /** The resource specification (after beforeAll). */
  spec(): ResourceSpec;
  /** IAM findings as `line rule`, in line order. */
  iam(text: string): string[];
  /** IAM finding messages, in line order. */
  messages(text: string): string[];
}

/** Registers a beforeAll that loads the specification and the catalogue. */
export function policyChecks(): PolicyChecks {
  let spec: ResourceSpec;
  let cat: Catalogue;
  beforeAll(async () => {
    [spec, cat] = await Promise.all([loadResourceSpec(), loadCatalogue()]);
  });
  const findings = (text: string): Finding[] =>
    policyFindings(parseTemplate(text, 't.yml'), spec, cat);
  return {
    spec: () => spec,
    iam: (text) => findings(text).map((f) => `${f.line} ${f.rule}`),
    messages: (text) => findings(text).map((f) => f.message),
  };
}

/** A managed policy whose statements are the given YAML lines (indented under Statement). */
export function managed(statement: string[]): string {
  return [
    'Resources:', // 1
    '  P:', // 2
    '    Type: AWS::IAM::ManagedPolicy', // 3
    '    Properties:', // 4
    '      PolicyDocument:', // 5
    "        Version: '2012-10-17'", // 6
    '        Statement:', // 7
    ...statement.map((l) => `          ${l}`), // 8...
    '',
  ].join('\n');
}
