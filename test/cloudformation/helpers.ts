/** Shared by the template validator's tests: the specification, a checker, and a one-resource template. */
import { readFileSync } from 'node:fs';
import type { Finding } from '../../actions/lib/core/findings.js';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import { validateParsed } from '../../actions/lib/cloudformation/validate.js';

export const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/templates/${name}`, import.meta.url), 'utf8');

/** Validates a template's text against the resource specification (call in beforeAll). */
export async function templateChecker(): Promise<(text: string) => Finding[]> {
  const spec = await loadResourceSpec();
  return (text) => validateParsed(parseTemplate(text, 't.yml'), spec);
}

export const rules = (fs: Finding[]) => fs.map((f) => f.rule);

/** A template with one resource, `props` indented under Properties. */
export function one(type: string, props: string[], extra: string[] = []): string {
  return [
    'Resources:',
    '  R:',
    `    Type: ${type}`,
    ...(props.length ? ['    Properties:', ...props.map((p) => `      ${p}`)] : []),
    ...extra,
    '',
  ].join('\n');
}
