/** Shared plumbing for the AWSTOE validators: where findings go, and small node helpers. */
import type { Finding, Severity } from '../core/findings.js';
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

export { closest, didYouMean, oneOf } from '../core/suggest.js';
