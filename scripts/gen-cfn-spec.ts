#!/usr/bin/env -S npx tsx
/**
 * Generates `actions/lib/cloudformation/spec/resource-spec.ts`, the compact resource specification
 * the template validator checks against. Run after bumping the devDependency:
 *
 *   npx tsx scripts/gen-cfn-spec.ts            (re)write the committed file
 *   npx tsx scripts/gen-cfn-spec.ts --check    exit 1 when the committed file is stale
 *
 * Why `@aws-cdk/aws-service-spec` (generated from 0.1.216): it is kept by the AWS CDK team, who
 * regenerate it from the CloudFormation registry schemas (the source CloudFormation itself validates
 * against) and publish it several times a week; it covers every resource type of every region, with
 * required flags, property types, nested property types and GetAtt attributes. The older
 * `CloudFormationResourceSpecification.json` that cfn-lint used is no longer updated for new types.
 * The package's database is ~2.6 MB gzipped with documentation; we keep only names, a required flag
 * and a one-letter type code (see `spec/types.ts`), so a bundled action can `import()` it lazily.
 * Allowed values: the package keeps each registry schema's `enum` as `allowedValues` on string
 * types (4,423 of them in 0.1.216); they go into one deduplicated `enums` table, named from the
 * type code (`s#12`), so cfn-lint's allowed-value check (E3030) needs no second data source.
 *
 * Format: a TypeScript module holding the JSON as a template literal, one resource type per line
 * (readable diffs), parsed with `JSON.parse` (faster for V8 than an object literal of this size);
 * each type is one encoded string decoded on first use (spec/types.ts), which keeps the parse at
 * ~25 ms where nested objects took ~110 ms (1.28 MB raw, ~260 KB gzipped, 1,828 types).
 * The bundler turns the module's dynamic `import()` into a separate chunk, loaded only when a template is
 * checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import {
  encodeResource,
  type ResourceSpec,
  type ResourceTypeSpec,
  type PropertyTypeSpec,
} from '../actions/lib/cloudformation/spec/types.js';

const OUT = fileURLToPath(
  new URL('../actions/lib/cloudformation/spec/resource-spec.ts', import.meta.url),
);
const PKG = '@aws-cdk/aws-service-spec';

interface SpecType {
  type: string;
  /** From the CloudFormation registry schema's `enum` (the CDK team keeps it as `allowedValues`). */
  allowedValues?: (string | number)[];
  element?: SpecType;
  types?: SpecType[];
  reference?: { $ref: string };
}
interface SpecProperty {
  type: SpecType;
  required?: boolean;
  previousTypes?: SpecType[];
}

/**
 * Allowed-value lists, deduplicated: each list is one string (values joined by `|`, which no value
 * contains) at an index that a string type code names as `s#index`.
 */
export class EnumTable {
  readonly lists: string[] = [];
  private readonly index = new Map<string, number>();

  add(values: readonly (string | number)[]): number {
    const text = values.map(String).join('|');
    if (values.some((v) => String(v).includes('|')))
      throw new Error(`allowed value with '|': ${text}`);
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.lists.length;
      this.lists.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/** One type code (see spec/types.ts); `names` maps type definition ids to their short names. */
export function typeCode(t: SpecType, names: Map<string, string>, enums?: EnumTable): string {
  switch (t.type) {
    case 'string':
      return enums && t.allowedValues && t.allowedValues.length > 0
        ? `s#${enums.add(t.allowedValues)}`
        : 's';
    case 'date-time':
      return 's';
    case 'number':
    case 'integer':
      return 'n';
    case 'boolean':
      return 'b';
    case 'json':
      return 'j';
    case 'tag':
      return 'g';
    case 'array':
      return `[${t.element ? typeCode(t.element, names, enums) : '*'}`;
    case 'map':
      return `{${t.element ? typeCode(t.element, names, enums) : '*'}`;
    case 'ref':
      return names.get(t.reference?.$ref ?? '') ?? '*';
    case 'union': {
      const codes = new Set((t.types ?? []).map((u) => typeCode(u, names, enums)));
      return codes.size === 1 ? [...codes][0]! : '*';
    }
    default:
      return '*';
  }
}

/** Required marker + type; a property whose type changed over time accepts anything (`*`). */
export function propertyCode(
  p: SpecProperty,
  names: Map<string, string>,
  enums?: EnumTable,
): string {
  const current = typeCode(p.type, names, enums);
  // Compare shapes without allowed values: a list of values that grew is not a type change.
  const bare = typeCode(p.type, names);
  const changed = (p.previousTypes ?? []).some((t) => typeCode(t, names) !== bare);
  return `${p.required ? '!' : ''}${changed ? '*' : current}`;
}

const NAME = /^[A-Za-z0-9_.]+$/;

/** Names become separators' neighbours in the encoded form: refuse anything that could break it. */
function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`unexpected character in name '${name}'`);
  return name;
}

function properties(
  props: Record<string, SpecProperty>,
  names: Map<string, string>,
  enums: EnumTable,
): PropertyTypeSpec {
  const p: Record<string, string> = {};
  for (const name of Object.keys(props).sort())
    p[checkName(name)] = propertyCode(props[name]!, names, enums);
  return { p };
}

export function buildSpec(): ResourceSpec {
  const db = loadAwsServiceSpecSync();
  const version = (createRequire(import.meta.url)(`${PKG}/package.json`) as { version: string })
    .version;
  const resources: Record<string, string> = {};
  const enums = new EnumTable();
  const all = [...db.all('resource')].sort((a, b) =>
    a.cloudFormationType.localeCompare(b.cloudFormationType),
  );
  for (const r of all) {
    const defs = db.follow('usesType', r).map((l) => l.entity);
    const names = new Map(defs.map((d) => [d.$id, d.name]));
    const spec: ResourceTypeSpec = {
      ...properties(r.properties as unknown as Record<string, SpecProperty>, names, enums),
      a: Object.keys(r.attributes).sort().map(checkName),
    };
    const attrs = r.attributes as unknown as Record<string, { type?: SpecType }>;
    const lists = Object.keys(attrs)
      .filter((k) => attrs[k]?.type?.type === 'array')
      .sort();
    if (lists.length > 0) spec.l = lists;
    if (defs.length > 0) {
      spec.t = {};
      for (const d of [...defs].sort((a, b) => a.name.localeCompare(b.name))) {
        spec.t[checkName(d.name)] = properties(
          d.properties as unknown as Record<string, SpecProperty>,
          names,
          enums,
        );
      }
    }
    resources[r.cloudFormationType] = encodeResource(spec);
  }
  return { source: `${PKG}@${version}`, resources, enums: enums.lists };
}

export function render(spec: ResourceSpec): string {
  const lines = Object.entries(spec.resources).map(
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
  );
  const enums = (spec.enums ?? []).map((e) => JSON.stringify(e)).join(',\n');
  const json = `{"source":${JSON.stringify(spec.source)},"resources":{\n${lines.join(',\n')}\n},"enums":[\n${enums}\n]}`;
  if (/[`\\]|\$\{/.test(json))
    throw new Error('spec text contains a backtick, backslash or ${: cannot embed');
  return [
    `// GENERATED by scripts/gen-cfn-spec.ts from ${spec.source}. Do not edit; re-run the script.`,
    "import type { ResourceSpec } from './types.js';",
    '',
    'const spec: ResourceSpec = JSON.parse(`' + json + '`);',
    'export default spec;',
    '',
  ].join('\n');
}

function main(): void {
  const text = render(buildSpec());
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      process.stderr.write(`${OUT} is stale: run npx tsx scripts/gen-cfn-spec.ts\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT} (${Buffer.byteLength(text)} bytes)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
