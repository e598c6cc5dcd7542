/**
 * The JSON schema of an image definition file (docs/image-definitions.md), compiled once at module
 * load. It checks shape only; rules that need several files (components exist, names unique...) are
 * in validate-definitions.ts, and rules on single values that want a tailored message (ARNs, SSM
 * names) are in rules.ts.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { ARCHITECTURES } from './types.js';

/** Image Builder `ResourceName` (recipes, pipelines, components). */
export const RESOURCE_NAME = '^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$';
/** Semantic version as Image Builder takes it for a new component or recipe. */
export const SEMVER = '^\\d+\\.\\d+\\.\\d+$';
/** CloudFormation stack name. */
export const STACK_NAME = '^[a-zA-Z][-a-zA-Z0-9]{0,127}$';

// Values of parameters and tags are strings for AWS; YAML users write `Port: 8080` or
// `enabled: true`, which are unambiguous, so scalars are accepted and turned into strings.
const scalarMap = {
  type: 'object',
  additionalProperties: { type: ['string', 'number', 'boolean'] },
} as const;

const componentEntry = {
  type: 'object',
  properties: {
    file: { type: 'string', minLength: 1 },
    arn: { type: 'string', minLength: 1 },
    name: { type: 'string', pattern: RESOURCE_NAME },
    version: { type: 'string', pattern: SEMVER },
    parameters: scalarMap,
  },
  additionalProperties: false,
  oneOf: [{ required: ['file'] }, { required: ['arn'] }],
  // An ARN already names the component and its version.
  if: { required: ['arn'] },
  then: { properties: { name: false, version: false } },
} as const;

const ebs = {
  type: 'object',
  properties: {
    volumeSize: { type: 'integer', minimum: 1, maximum: 16384 },
    volumeType: { enum: ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] },
    encrypted: { type: 'boolean' },
    deleteOnTermination: { type: 'boolean' },
    iops: { type: 'integer', minimum: 100, maximum: 256000 },
    throughput: { type: 'integer', minimum: 125, maximum: 1000 },
    kmsKeyId: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const;

// An `architectures:` entry: a bare name (`- arm64`) or a mapping with its own parent and instance
// types. `properties`/`additionalProperties` only apply to the mapping form; `if/then/else` picks the
// form so ajv reports the failing keyword (enum, required...) rather than an opaque oneOf.
const architectureEntry = {
  type: ['string', 'object'],
  properties: {
    name: { enum: ARCHITECTURES },
    parentImage: { type: 'string', minLength: 1 },
    instanceTypes: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
    },
  },
  additionalProperties: false,
  if: { type: 'string' },
  then: { enum: ARCHITECTURES },
  else: { required: ['name'] },
} as const;

export const imageDefinitionSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', pattern: RESOURCE_NAME },
    description: { type: 'string', maxLength: 1024 },
    platform: { enum: ['Linux', 'Windows'] },
    parentImage: { type: 'string', minLength: 1 },
    architectures: { type: 'array', minItems: 1, items: architectureEntry },
    version: { type: 'string', pattern: SEMVER },
    components: { type: 'array', minItems: 1, maxItems: 20, items: componentEntry },
    workingDirectory: { type: 'string', minLength: 1 },
    blockDeviceMappings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          deviceName: { type: 'string', minLength: 1 },
          ebs,
          noDevice: { type: 'string' },
        },
        required: ['deviceName'],
        additionalProperties: false,
      },
    },
    ssmParameter: { type: 'string', minLength: 1 },
    stack: {
      type: 'object',
      properties: {
        name: { type: 'string', pattern: STACK_NAME },
        template: { type: 'string', minLength: 1 },
        architecture: { enum: ARCHITECTURES },
        parameters: scalarMap,
      },
      required: ['name', 'template'],
      additionalProperties: false,
    },
    tags: scalarMap,
    // The scan gate (docs/scan-gate.md): Inspector scanning of each build, and the severity that blocks.
    scan: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        'fail-on': { enum: ['critical', 'high', 'medium', 'none'] },
      },
      additionalProperties: false,
    },
  },
  required: ['platform', 'parentImage', 'components', 'ssmParameter'],
  additionalProperties: false,
} as const;

let validate: ReturnType<Ajv['compile']> | undefined;

/**
 * Compiled on first use, not at module load: compiling takes ~50 ms, and build-image and plan import
 * this module on paths (a missing input, nothing changed) that never validate a definition.
 * strictRequired is off: the oneOf branches require properties declared one level up.
 */
function compiled(): ReturnType<Ajv['compile']> {
  validate ??= new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  }).compile(imageDefinitionSchema);
  return validate;
}

/** Raw ajv errors for a plain JS value (empty when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  const check = compiled();
  return check(data) ? [] : [...(check.errors ?? [])];
}

/** The schema's property names at a JSON pointer's parent, for "did you mean". */
export function knownKeys(instancePath: string): string[] {
  const parts = instancePath.split('/').filter((p) => p !== '');
  let node: unknown = imageDefinitionSchema;
  for (const part of parts) {
    const s = node as { properties?: Record<string, unknown>; items?: unknown };
    if (/^\d+$/.test(part) && s.items) node = s.items;
    else node = s.properties?.[part];
    if (!node) return [];
  }
  return Object.keys((node as { properties?: Record<string, unknown> }).properties ?? {});
}
