/** Shared plumbing for the AWSTOE validators: where findings go, and small node helpers. */
import type { Finding, Severity } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import { scalarText } from './model.js';
import {
  findingAt,
  isMap,
  isScalar,
  keyName,
  type Pair,
  type YAMLMap,
  type YamlSource,
} from '../yaml/source.js';

export interface Ctx {
  src: YamlSource;
  out: Finding[];
}

export function report(
  ctx: Ctx,
  node: unknown,
  severity: Severity,
  rule: string,
  message: string,
): void {
  ctx.out.push(findingAt(ctx.src, node, severity, rule, message));
}

/** Pairs of a mapping with their key name; the key node is kept for positions. */
export function pairs(map: YAMLMap): { key: string; pair: Pair; at: unknown }[] {
  return map.items.map((pair) => ({ key: keyName(pair), pair, at: pair.key ?? pair.value }));
}

/** The value node for `key`, or undefined. */
export function field(map: YAMLMap, key: string): unknown {
  for (const p of map.items) if (keyName(p) === key) return p.value ?? p.key;
  return undefined;
}

export function hasKey(map: YAMLMap, key: string): boolean {
  for (const p of map.items) if (keyName(p) === key) return true;
  return false;
}

/** The key node (for positions) of `key`, or the map itself. */
export function keyNode(map: YAMLMap, key: string): unknown {
  for (const p of map.items) if (keyName(p) === key) return p.key;
  return map;
}

/** A non-empty string scalar's value, or undefined. */
export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** A scalar as the text it was written as; the one reader of model.ts, shared by the checks. */
export { scalarText };

/** An integer scalar's value (YAML int, not float or string), or undefined. */
export function intValue(node: unknown): number | undefined {
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value))
    return undefined;
  // `5.0` is a float in YAML; AWSTOE's schema says integer.
  const text = node.source ?? '';
  return /[.eE]/.test(text) && !/^0x/i.test(text) ? undefined : node.value;
}

export function isMapNode(node: unknown): node is YAMLMap {
  return isMap(node);
}

/** The 1-based line of a node, or undefined when it has no position. */
export function lineOf(ctx: Ctx, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? ctx.src.lines.linePos(range[0]).line : undefined;
}

/**
 * The `name` of a phase or step: an error when it is missing (`missing`), or when `seen` already
 * holds it (`duplicate`, told where the first one is); recorded in `seen` otherwise. Undefined
 * when there is no name.
 */
export function uniqueName(
  ctx: Ctx,
  map: YAMLMap,
  seen: Map<string, unknown>,
  missing: { rule: string; message: string },
  duplicate: { rule: string; message: (name: string, first: string) => string },
): string | undefined {
  const nameNode = field(map, 'name');
  const name = scalarText(nameNode);
  if (name === undefined) {
    report(ctx, hasKey(map, 'name') ? nameNode : map, 'error', missing.rule, missing.message);
  } else if (seen.has(name)) {
    const first = firstAt(ctx, seen.get(name));
    report(ctx, nameNode, 'error', duplicate.rule, duplicate.message(name, first));
  } else seen.set(name, nameNode);
  return name;
}

/** ` (the first is at line N)`, for a duplicate reported at its second occurrence. */
export function firstAt(ctx: Ctx, node: unknown): string {
  const line = lineOf(ctx, node);
  return line === undefined ? '' : ` (the first is at line ${line})`;
}

/**
 * A key of `map` that is not one of `known` but is a near miss of `wanted` (`input` for `inputs`,
 * `command` for `commands`), or one of `aliases` (a constant's `default` for `value`): the error
 * for the missing `wanted` belongs on that key, where the mistake is.
 */
export function misnamedKey(
  map: YAMLMap,
  wanted: string,
  known: readonly string[],
  aliases: readonly string[] = [],
): { key: string; at: unknown } | undefined {
  for (const { key, at } of pairs(map)) {
    if (known.includes(key)) continue;
    if (aliases.includes(key) || closest(key, [wanted]) === wanted) return { key, at };
  }
  return undefined;
}

/** A node standing for `length` characters at `offset` of the source (for findings inside a scalar). */
export function spanNode(offset: number, length: number): { range: [number, number, number] } {
  return { range: [offset, offset + length, offset + length] };
}

export { closest, didYouMean, oneOf } from '../core/suggest.js';
