/** What every template rule module gets: the parsed template, its positions, the spec, a reporter. */
import type { Finding, Severity } from '../core/findings.js';
import type { YamlSource } from '../yaml/source.js';
import { findingAtPath, type Template, type TemplatePath } from './parse.js';
import type { ResourceSpec } from './spec/types.js';

/** What the repository tells the template rules (the validate engine fills it in). */
export interface TemplateContext {
  /** SSM parameter names this pipeline publishes (the image definitions' `ssmParameter`). */
  publishedParameters?: ReadonlySet<string>;
}

export interface Check {
  src: YamlSource;
  template: Template;
  spec: ResourceSpec;
  context: TemplateContext;
  findings: Finding[];
  /** Adds a finding at `path` (on the key itself with `key`, for "unknown X" findings). */
  report(
    path: TemplatePath,
    severity: Severity,
    rule: string,
    message: string,
    opts?: { key?: boolean },
  ): void;
}

export function createCheck(
  src: YamlSource,
  template: Template,
  spec: ResourceSpec,
  context: TemplateContext = {},
): Check {
  const findings: Finding[] = [];
  return {
    src,
    template,
    spec,
    context,
    findings,
    report(path, severity, rule, message, opts) {
      findings.push(findingAtPath(src, path, severity, rule, message, opts));
    },
  };
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Short name of a value's kind for messages. */
export function kindName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  return `the ${typeof v} ${String(v)}`;
}

/** True when the template declares the transform (e.g. `AWS::Serverless-2016-10-31`). */
export function hasTransform(template: Template, name: string): boolean {
  const t = template.Transform;
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => x === name || (isMapping(x) && x.Name === name));
}
