/**
 * Content addresses for components and recipes. A hash is kept as a tag on the resource
 * (`imagebuilder-gitops:content-hash`) so the reconciler can tell "same content" from "changed" without
 * comparing documents. Format: `v1:<sha256 hex>`; the `v1` is bumped if the hashed inputs ever change, so
 * old tags simply stop matching (one new version, never a wrong reuse).
 *
 * Component: sha256 over canonical JSON of `{kind, document, platform, supportedOsVersions}` where
 * `document` is the YAML parsed as data (YAML 1.2 core schema) — key order, comments, quoting style and
 * insignificant whitespace do not change it; a value's type does (`1` vs `'1'`).
 * Recipe: over the resolved parent image, the component ARNs in order with their parameters sorted by
 * name, block devices, working directory, description and the definition's tags (our bookkeeping tags —
 * commit, repository — are excluded: they change every run).
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { BlockDeviceMapping } from '../definitions/types.js';

const HASH_VERSION = 'v1';

/** JSON with object keys sorted at every depth; `undefined` members dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function address(payload: unknown): string {
  return `${HASH_VERSION}:${sha256(canonicalJson(payload))}`;
}

export interface ComponentHashInput {
  /** The component document's YAML text. */
  document: string;
  platform: string;
  supportedOsVersions?: readonly string[];
}

export function componentHash(input: ComponentHashInput): string {
  return address({
    kind: 'component',
    document: parse(input.document) as unknown,
    platform: input.platform,
    supportedOsVersions: [...(input.supportedOsVersions ?? [])].sort(),
  });
}

export interface RecipeHashInput {
  parentImage: string;
  components: readonly { arn: string; parameters: Readonly<Record<string, string>> }[];
  blockDeviceMappings: readonly BlockDeviceMapping[];
  workingDirectory?: string;
  description?: string;
  tags: Readonly<Record<string, string>>;
}

export function recipeHash(input: RecipeHashInput): string {
  return address({
    kind: 'recipe',
    parentImage: input.parentImage,
    components: input.components.map((c) => ({
      arn: c.arn,
      parameters: Object.keys(c.parameters)
        .sort()
        .map((name) => ({ name, value: c.parameters[name] })),
    })),
    blockDeviceMappings: input.blockDeviceMappings,
    workingDirectory: input.workingDirectory ?? null,
    description: input.description ?? null,
    tags: input.tags,
  });
}

/** A UUID-shaped token (Image Builder's clientToken: 1–36 chars) derived from the given parts. */
export function deterministicToken(...parts: string[]): string {
  const h = sha256(parts.map((p) => `${p.length}:${p}`).join('|'));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
