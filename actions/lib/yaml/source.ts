/**
 * YAML with source positions, shared by every validator and parser here (components, image
 * definitions, CloudFormation templates, workflows). The `yaml` package does the parsing and reports
 * syntax errors, tab indentation and duplicate keys with offsets; this module only turns offsets into
 * line:column findings and offers small, position-keeping accessors over the node tree.
 */
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Schema,
  type Node,
  type Pair,
  type ParseOptions,
  type DocumentOptions,
  type SchemaOptions,
  type YAMLMap,
  type YAMLSeq,
  type Scalar,
} from 'yaml';
import type { Finding, Position, Severity } from '../core/findings.js';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Syntax problems: errors (the document may be unusable) and warnings. */
  findings: Finding[];
}

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

// Codes from the `yaml` package, mapped to our rule ids and a sentence that says how to fix them.
const HINTS: Record<string, { rule: string; hint: string }> = {
  DUPLICATE_KEY: {
    rule: 'yaml/duplicate-key',
    hint: 'Remove or rename one of the two keys; YAML would silently keep only one.',
  },
  TAB_AS_INDENT: {
    rule: 'yaml/tab-indent',
    hint: 'Indent with spaces; YAML forbids tabs for indentation.',
  },
  BAD_INDENT: { rule: 'yaml/indent', hint: 'Align the line with its siblings.' },
  MULTIPLE_DOCS: {
    rule: 'yaml/multiple-documents',
    hint: 'Keep one document per file (remove the extra `---`).',
  },
};

const schemas = new Map<unknown, Schema>();

/**
 * One parser configuration (the YAML 1.2 core schema and its tags) per tag set, shared by every
 * document: `yaml` otherwise builds one per document. Only for options that name nothing but
 * `customTags`, and not for a document whose `%YAML` directive asks for another version's schema.
 */
function sharedSchema(text: string, options: YamlOptions): Schema | undefined {
  if (Object.keys(options).some((k) => k !== 'customTags') || /^%YAML/m.test(text))
    return undefined;
  const key = options.customTags ?? null;
  let schema = schemas.get(key);
  if (!schema) {
    schema = new Schema({ schema: 'core', resolveKnownTags: true, customTags: options.customTags });
    schemas.set(key, schema);
  }
  return schema;
}

export function parseYaml(text: string, file: string, options: YamlOptions = {}): YamlSource {
  const lines = new LineCounter();
  const schema = sharedSchema(text, options);
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    ...options,
    ...(schema ? { schema } : {}),
  });
  const src: YamlSource = { file, text, doc, lines, findings: [] };
  for (const [severity, list] of [
    ['error', doc.errors],
    ['warning', doc.warnings],
  ] as const) {
    for (const e of list) {
      const known = HINTS[e.code];
      let first = e.message.split('\n')[0] ?? e.message;
      if (e.code === 'DUPLICATE_KEY') {
        const line = firstOccurrenceLine(text, e.pos[0]);
        if (line !== undefined)
          first = `${first.replace(/\.$/, '')} (the first is at line ${line})`;
      }
      src.findings.push({
        ...positionAt(src, e.pos[0]),
        ...endOf(src, e.pos[1]),
        file,
        severity: severity as Severity,
        rule: known?.rule ?? `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`,
        message: known
          ? `${first.replace(/ at line \d+, column \d+.*$/, '')}. ${known.hint}`
          : first,
      });
    }
  }
  return src;
}

/**
 * The line of the first occurrence of the duplicate key at `offset` (the second one, where the
 * `yaml` package reports it): the nearest earlier line of the same mapping (same key column, no
 * line indented less in between) that starts with the same key. Block style only; else undefined.
 */
export function firstOccurrenceLine(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const col = offset - lineStart;
  const key = /^("[^"]*"|'[^']*'|[^:\s][^:]*?)\s*:/.exec(text.slice(offset))?.[1];
  if (!key) return undefined;
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop(); // the empty piece after the last newline
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const m = /^(\s*(?:-\s+)*)(\S.*)?$/.exec(line);
    const rest = m?.[2];
    if (!rest || rest.startsWith('#')) continue;
    const keyCol = m[1]!.length;
    if (keyCol < col) return undefined;
    if (keyCol === col && (rest.startsWith(`${key}:`) || rest.startsWith(`${key} :`))) return i + 1;
    if (keyCol === col && m[1]!.includes('-')) return undefined; // the mapping's first line
  }
  return undefined;
}

export function hasErrors(src: YamlSource): boolean {
  return src.findings.some((f) => f.severity === 'error');
}

export function positionAt(src: YamlSource, offset: number): Position {
  const p = src.lines.linePos(Math.max(0, Math.min(offset, src.text.length)));
  return { line: p.line, column: p.col };
}

function endOf(
  src: YamlSource,
  offset: number | undefined,
): { endLine?: number; endColumn?: number } {
  if (offset === undefined) return {};
  const p = positionAt(src, offset);
  return { endLine: p.line, endColumn: p.column };
}

/** Position of a node (its first character); line 1 column 1 when the node has no range. */
export function positionOf(src: YamlSource, node: unknown): Position {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? positionAt(src, range[0]) : { line: 1, column: 1 };
}

/** A finding located at `node` (or at the start of the file when the node is missing). */
export function findingAt(
  src: YamlSource,
  node: unknown,
  severity: Severity,
  rule: string,
  message: string,
): Finding {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return {
    file: src.file,
    ...positionOf(src, node),
    ...(range ? endOf(src, range[1]) : {}),
    severity,
    rule,
    message,
  };
}

// ---- accessors that keep nodes (and so positions) -------------------------------------------

export { isMap, isScalar, isSeq };
export type { Node, Pair, YAMLMap, YAMLSeq, Scalar };

/** The pair whose key is the scalar `key`, if any. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyName(p) === key);
}

/** The value node for `key` (the key node when the value is empty, so positions stay useful). */
export function valueOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

/** The key of a pair as a string (scalar keys only; others give ''). */
export function keyName(pair: Pair): string {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return '';
}

/** The scalar's plain JS value, or undefined for collections and missing nodes. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** The JS value of any node (collections included), or undefined. */
export function jsValue(node: unknown): unknown {
  if (node && typeof node === 'object' && 'toJSON' in node) {
    try {
      return (node as { toJSON(): unknown }).toJSON();
    } catch {
      return undefined;
    }
  }
  return node;
}

/** Human name of a node's kind for messages: "a mapping", "a list", "a string"... */
export function kindOf(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'an empty value';
    if (typeof v === 'number') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
    return 'a string';
  }
  return 'an unexpected value';
}
