/**
 * Resource properties against the resource specification (the one the PR validator uses): the
 * required keys, unknown keys and list/object shapes CloudFormation's schema validation rejects,
 * in its message style ("Properties validation failed for resource X with message: #: required key
 * [Y] not found"); and the PascalCase → camelCase mapping a provider makes to call a service API.
 */
import {
  decodeType,
  resourceType,
  type ResourceSpec,
  type ResourceTypeSpec,
} from '../../../../actions/lib/cloudformation/index.js';
import { propertyTypeOf } from '../../../../actions/lib/cloudformation/spec/types.js';

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'JSONArray';
  if (v !== null && typeof v === 'object') return 'JSONObject';
  return typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String';
}

function checkValue(
  r: ResourceTypeSpec,
  code: string,
  v: unknown,
  path: string,
  out: string[],
): void {
  const t = decodeType(code);
  if (t.type === 'list') {
    if (!Array.isArray(v))
      return void out.push(`${path}: expected type: JSONArray, found: ${kind(v)}`);
    v.forEach((x, i) => checkValue(r, t.inner!, x, `${path}/${i}`, out));
  } else if (t.type === 'map') {
    if (!v || typeof v !== 'object' || Array.isArray(v))
      return void out.push(`${path}: expected type: JSONObject, found: ${kind(v)}`);
    for (const [k, x] of Object.entries(v)) checkValue(r, t.inner!, x, `${path}/${k}`, out);
  } else if (t.type === 'object') {
    const pt = propertyTypeOf(r, t.inner!);
    if (!v || typeof v !== 'object' || Array.isArray(v))
      return void out.push(`${path}: expected type: JSONObject, found: ${kind(v)}`);
    if (pt) checkObject(r, pt.p, v as Record<string, unknown>, path, out);
  } else if (
    ['string', 'number', 'boolean'].includes(t.type) &&
    v !== null &&
    typeof v === 'object'
  ) {
    out.push(
      `${path}: expected type: ${t.type === 'string' ? 'String' : t.type === 'number' ? 'Number' : 'Boolean'}, found: ${kind(v)}`,
    );
  }
}

function checkObject(
  r: ResourceTypeSpec,
  props: Record<string, string>,
  v: Record<string, unknown>,
  path: string,
  out: string[],
): void {
  for (const [name, code] of Object.entries(props)) {
    if (code.startsWith('!') && v[name] === undefined)
      out.push(`${path}: required key [${name}] not found`);
  }
  for (const [name, x] of Object.entries(v)) {
    const code = props[name];
    if (code === undefined) out.push(`${path}: extraneous key [${name}] is not permitted`);
    else checkValue(r, code, x, `${path}/${name}`, out);
  }
}

/** The CREATE_FAILED reason for invalid properties, or undefined when they are valid. */
export function propertyErrors(
  spec: ResourceSpec,
  type: string,
  logicalId: string,
  props: Record<string, unknown>,
): string | undefined {
  const r = resourceType(spec, type);
  if (!r) return `Unrecognized resource types: [${type}]`;
  const out: string[] = [];
  checkObject(r, r.p, props, '#', out);
  if (!out.length) return undefined;
  return `Properties validation failed for resource ${logicalId} with message: ${out.length === 1 ? out[0]! : `[${out.join(', ')}]`}`;
}

const lower = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);

/**
 * A `Json`-typed property whose name is also a property type of the resource (Image Builder's
 * `AmiDistributionConfiguration`, typed Json in the resource schema and documented as the
 * AmiDistributionConfiguration property type) is mapped through that type, as the provider does:
 * `Name` → `name`, `AmiTags` → `amiTags` with its tag keys kept.
 */
function apiValue(r: ResourceTypeSpec, code: string, v: unknown, member?: string): unknown {
  const t = decodeType(code);
  if ((t.type === 'json' || t.type === 'any') && member && propertyTypeOf(r, member))
    return apiValue(r, member, v);
  if (t.type === 'list' && Array.isArray(v)) return v.map((x) => apiValue(r, t.inner!, x));
  if (t.type === 'map' && v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, apiValue(r, t.inner!, x)]));
  }
  if (t.type === 'object' && v && typeof v === 'object' && !Array.isArray(v)) {
    const pt = propertyTypeOf(r, t.inner!);
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [lower(k), pt?.p[k] ? apiValue(r, pt.p[k], x, k) : x]),
    );
  }
  return v;
}

/** Properties as the service API's input: member names camelCased, map keys (tags) kept. */
export function toApiInput(
  spec: ResourceSpec,
  type: string,
  props: Record<string, unknown>,
): Record<string, unknown> {
  const r = resourceType(spec, type);
  if (!r) return {};
  return Object.fromEntries(
    Object.entries(props).map(([k, v]) => [lower(k), r.p[k] ? apiValue(r, r.p[k], v, k) : v]),
  );
}
