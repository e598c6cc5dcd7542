/**
 * Dynamic references: `{{resolve:ssm:name[:version]}}`, `{{resolve:ssm-secure:name[:version]}}`
 * and `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}`
 * (AWS CloudFormation User Guide, "Get a plaintext value from Systems Manager Parameter Store",
 * docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html, and
 * "Using dynamic references to specify template values"). The version of an SSM reference is the
 * parameter's version number (`ssm:MyParameter:3`, as in the Systems Manager guide "Working with
 * parameter versions"); the guides do not document labels there, so the resolver refuses them and
 * the validator only warns. Parameter names may contain slashes
 * (`/golden-ami/web`) but not colons, so the version is what follows the last colon. A secret id
 * may be a full ARN, which itself contains six colons.
 *
 * The guide recommends a stack update after a parameter changes when no version is given: an
 * unchanged template is not re-resolved (aws-cloudformation/cloudformation-coverage-roadmap#844),
 * which is why the validator insists on a version for AMI ids.
 */
export type DynamicReferenceService = 'ssm' | 'ssm-secure' | 'secretsmanager';

export interface DynamicReference {
  service: DynamicReferenceService;
  /** The whole reference, `{{resolve:...}}`. */
  raw: string;
  /** Offset of `raw` in the string it was found in. */
  offset: number;
  /** SSM parameter name or Secrets Manager secret id (may hold `${Var}` inside a Sub). */
  name: string;
  /** SSM version as written (digits, or a `${Var}` inside a Sub); undefined when absent. */
  version?: string;
  secretString?: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

// `${...}` may appear inside when the string is an Fn::Sub template: `{{resolve:ssm:${Name}:${V}}}`.
const REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):((?:\$\{[^}]*\}|[^}])*)\}\}/g;

function splitOutsideSub(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '$' && body[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function build(
  service: DynamicReferenceService,
  body: string,
  raw: string,
  offset: number,
): DynamicReference {
  const parts = splitOutsideSub(body);
  if (service !== 'secretsmanager') {
    const version = parts.length > 1 ? parts[parts.length - 1] : undefined;
    const name = (parts.length > 1 ? parts.slice(0, -1) : parts).join(':');
    return { service, raw, offset, name, ...(version !== undefined ? { version } : {}) };
  }
  const idLength = parts[0] === 'arn' ? 7 : 1;
  const [secretString, jsonKey, versionStage, versionId] = parts.slice(idLength);
  const ref: DynamicReference = { service, raw, offset, name: parts.slice(0, idLength).join(':') };
  if (secretString) ref.secretString = secretString;
  if (jsonKey) ref.jsonKey = jsonKey;
  if (versionStage) ref.versionStage = versionStage;
  if (versionId) ref.versionId = versionId;
  return ref;
}

/** Every dynamic reference in `text`, in order. */
export function findDynamicReferences(text: string): DynamicReference[] {
  const out: DynamicReference[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    out.push(build(m[1] as DynamicReferenceService, m[2] ?? '', m[0], m.index ?? 0));
  }
  return out;
}

/** True when an SSM reference names a version: digits, or a `${Var}` a Sub fills in. */
export function isVersioned(ref: DynamicReference): boolean {
  return (
    ref.version !== undefined && (/^\d+$/.test(ref.version) || /^\$\{[^}!]+\}$/.test(ref.version))
  );
}

export class DynamicReferenceError extends Error {
  constructor(
    readonly reference: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${reference}: ${message}`, options);
    this.name = 'DynamicReferenceError';
  }
}

export interface DynamicReferenceResolver {
  /** Value of an SSM parameter (`secure` for ssm-secure); version undefined means latest. */
  ssm?(
    name: string,
    version: number | undefined,
    secure: boolean,
  ): Promise<string | undefined> | string | undefined;
  secretsManager?(ref: DynamicReference): Promise<string | undefined> | string | undefined;
}

async function resolveOne(
  ref: DynamicReference,
  resolver: DynamicReferenceResolver,
): Promise<string> {
  let value: string | undefined;
  try {
    if (ref.service === 'secretsmanager') {
      if (!resolver.secretsManager)
        throw new DynamicReferenceError(ref.raw, 'no Secrets Manager resolver given');
      value = await resolver.secretsManager(ref);
    } else {
      if (ref.version !== undefined && !/^\d+$/.test(ref.version)) {
        throw new DynamicReferenceError(ref.raw, `version '${ref.version}' must be a whole number`);
      }
      if (!resolver.ssm) throw new DynamicReferenceError(ref.raw, 'no SSM resolver given');
      const version = ref.version === undefined ? undefined : Number(ref.version);
      value = await resolver.ssm(ref.name, version, ref.service === 'ssm-secure');
    }
  } catch (e) {
    if (e instanceof DynamicReferenceError) throw e;
    throw new DynamicReferenceError(ref.raw, e instanceof Error ? e.message : String(e), {
      cause: e,
    });
  }
  if (value === undefined) throw new DynamicReferenceError(ref.raw, `'${ref.name}' was not found`);
  return value;
}

/** `text` with every dynamic reference replaced by its value; throws DynamicReferenceError. */
export async function resolveDynamicReferences(
  text: string,
  resolver: DynamicReferenceResolver,
): Promise<string> {
  const refs = findDynamicReferences(text);
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.offset) + (await resolveOne(ref, resolver));
    at = ref.offset + ref.raw.length;
  }
  return out + text.slice(at);
}

export interface LocatedDynamicReference {
  /** Path of the string holding the reference, e.g. `['Resources','Web','Properties','ImageId','Fn::Sub']`. */
  path: (string | number)[];
  reference: DynamicReference;
  /** The string is an Fn::Sub template (so `${Var}` parts are filled in before resolution). */
  inSub: boolean;
}

/** Every dynamic reference in a template (or any JSON value), with where it is. */
export function listDynamicReferences(
  value: unknown,
  path: (string | number)[] = [],
): LocatedDynamicReference[] {
  if (typeof value === 'string') {
    const inSub =
      path[path.length - 1] === 'Fn::Sub' ||
      (path[path.length - 2] === 'Fn::Sub' && path[path.length - 1] === 0);
    return findDynamicReferences(value).map((reference) => ({ path, reference, inSub }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => listDynamicReferences(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => listDynamicReferences(v, [...path, k]));
  }
  return [];
}
