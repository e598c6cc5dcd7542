/**
 * One parser for CloudFormation templates (YAML or JSON: JSON is YAML, and positions work the same)
 * shared by the PR validator, the deploy action and the local emulator. Short forms are mapped to
 * long forms at parse time (tags.ts); the node tree keeps positions for findings.
 */
import type { Finding, Severity } from '../core/findings.js';
import { findingAt, isMap, isSeq, keyName, parseYaml, type YamlSource } from '../yaml/source.js';
import { CFN_TAGS, SHORT_FORMS } from './tags.js';

export interface TemplateResource {
  Type?: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  Metadata?: unknown;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  CreationPolicy?: unknown;
  UpdatePolicy?: unknown;
}

export interface TemplateParameter {
  Type?: string;
  Default?: unknown;
  [key: string]: unknown;
}

export interface TemplateOutput {
  Value?: unknown;
  Description?: unknown;
  Condition?: string;
  Export?: { Name?: unknown };
}

/** A template as plain data, every short form already in its long form. */
export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, unknown>;
  Transform?: unknown;
  Parameters?: Record<string, TemplateParameter>;
  Rules?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
  [key: string]: unknown;
}

export interface ParsedTemplate {
  /** Present when the text is well-formed YAML/JSON whose top level is a mapping. */
  template?: Template;
  /** Present unless the text could not be read at all; use it to locate findings by path. */
  src?: YamlSource;
  /** Syntax problems only; `validateTemplate` adds the CloudFormation rules. */
  findings: Finding[];
}

/** A path into the template: `['Resources', 'Web', 'Properties', 'ImageId']`. */
export type TemplatePath = readonly (string | number)[];

const SHORT_LIST = Object.keys(SHORT_FORMS)
  .map((s) => `!${s}`)
  .join(', ');

function unknownTag(f: Finding): Finding {
  const tag = /Unresolved tag: (\S+)/.exec(f.message)?.[1] ?? 'this tag';
  return {
    ...f,
    severity: 'error',
    rule: 'cfn/unknown-tag',
    message: `Unknown tag ${tag}: CloudFormation accepts only its short forms (${SHORT_LIST}); use one of them or the long form.`,
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseTemplate(text: string, file: string): ParsedTemplate {
  let src: YamlSource;
  try {
    src = parseYaml(String(text), file, { customTags: CFN_TAGS });
  } catch (e) {
    const message = `Cannot read the template: ${e instanceof Error ? e.message : String(e)}`;
    return {
      findings: [{ file, line: 1, column: 1, severity: 'error', rule: 'cfn/unreadable', message }],
    };
  }
  const findings = src.findings.map((f) =>
    f.rule === 'yaml/tag-resolve-failed' ? unknownTag(f) : f,
  );
  if (findings.some((f) => f.severity === 'error')) return { src, findings };
  let value: unknown;
  try {
    value = src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = `Cannot expand the template: ${e instanceof Error ? e.message : String(e)}`;
    findings.push(findingAt(src, src.doc.contents, 'error', 'cfn/unreadable', message));
    return { src, findings };
  }
  if (!isPlainObject(value)) {
    const what =
      value === null || value === undefined
        ? 'empty'
        : `not a mapping (${Array.isArray(value) ? 'a list' : typeof value})`;
    findings.push(
      findingAt(
        src,
        src.doc.contents,
        'error',
        'cfn/not-a-mapping',
        `The template is ${what}: it must be a mapping with at least a Resources section.`,
      ),
    );
    return { src, findings };
  }
  return { template: value as Template, src, findings };
}

export interface PathNode {
  /** The deepest node found along the path (the document root at worst). */
  node: unknown;
  /** How many path segments were matched (path.length when all were). */
  depth: number;
}

/**
 * The node at `path`, or the deepest existing ancestor. With `key`, the last segment's key node
 * (for "unknown property X" findings, which belong on the key, not on its value).
 */
export function nodeAt(
  src: YamlSource,
  path: TemplatePath,
  opts: { key?: boolean } = {},
): PathNode {
  let node: unknown = src.doc.contents;
  let depth = 0;
  for (const seg of path) {
    const last = depth === path.length - 1;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyName(p) === String(seg));
      if (!pair) break;
      const hasRange = (n: unknown) => !!(n as { range?: unknown } | null)?.range;
      if (last && opts.key && hasRange(pair.key)) next = pair.key;
      else next = hasRange(pair.value) ? pair.value : hasRange(pair.key) ? pair.key : undefined;
      if (next === undefined) {
        depth++;
        break;
      }
    } else if (isSeq(node) && Number.isInteger(Number(seg))) {
      next = node.items[Number(seg)];
      if (next === undefined) break;
    } else break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** A finding on the node at `path` (or the nearest ancestor that exists). */
export function findingAtPath(
  src: YamlSource,
  path: TemplatePath,
  severity: Severity,
  rule: string,
  message: string,
  opts: { key?: boolean } = {},
): Finding {
  return findingAt(src, nodeAt(src, path, opts).node, severity, rule, message);
}
