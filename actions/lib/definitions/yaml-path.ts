/**
 * Finding YAML nodes by path (JSON pointer segments), so a problem found in plain data (an ajv error,
 * a repository rule) is reported at the exact line and column of the YAML that caused it.
 */
import type { Finding, Position, Severity } from '../core/findings.js';
import { findingAt, isMap, isSeq, keyName, positionOf, type YamlSource } from '../yaml/source.js';

export type JsonPath = readonly (string | number)[];

/** `/components/0/file` → ['components', '0', 'file'] (RFC 6901 unescaping). */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function hasText(node: unknown): boolean {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return !!range && range[1] > range[0];
}

/**
 * The node at `path`: the value, or the key when `key` is set or the value is empty (`platform:`
 * with nothing after it). When the path goes further than the document, the deepest node found.
 */
export function nodeAtPath(src: YamlSource, path: JsonPath, opts: { key?: boolean } = {}): unknown {
  let node: unknown = src.doc.contents;
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyName(p) === String(seg));
      if (!pair) return node;
      // An empty value (`platform:` and nothing) has no text of its own: point at its key.
      if ((last && opts.key) || !hasText(pair.value)) return pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined || item === null) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

export function positionAtPath(
  src: YamlSource,
  path: JsonPath,
  opts: { key?: boolean } = {},
): Position {
  return positionOf(src, nodeAtPath(src, path, opts));
}

export function findingAtPath(
  src: YamlSource,
  path: JsonPath,
  severity: Severity,
  rule: string,
  message: string,
  opts: { key?: boolean } = {},
): Finding {
  return findingAt(src, nodeAtPath(src, path, opts), severity, rule, message);
}
