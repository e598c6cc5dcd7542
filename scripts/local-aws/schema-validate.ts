/**
 * Required-member validation driven by the schemas the AWS SDK v3 packages ship (`Op$` exports).
 * A struct schema is `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount]`: the
 * first `requiredCount` members are the model's `@required` ones. Lists are `[1, ns, name, traits,
 * member]`, maps `[2, ns, name, traits, key, value]`; a member is a number (simple type), a schema,
 * a thunk, or `[schema, traits]`. Patterns and lengths are not in these schemas: services check the
 * ones the API reference documents by hand.
 */
type Schema = unknown;

function resolve(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 5 && typeof cur === 'function'; i++) cur = (cur as () => Schema)();
  return cur;
}

/** A member entry `[schema, traits]` vs a schema itself (`[3, ns, ...]` starts with a kind). */
function memberSchema(m: Schema): { schema: Schema; traits: unknown } {
  // Schemas are arrays of 5+ entries; a member with traits is exactly `[schema, traits]`.
  if (Array.isArray(m) && m.length === 2) return { schema: resolve(m[0]), traits: m[1] };
  return { schema: resolve(m), traits: 0 };
}

export function operationSchema(
  sdk: Record<string, unknown> | undefined,
  op: string,
): unknown[] | undefined {
  const s = sdk?.[`${op}$`];
  return Array.isArray(s) && s[0] === 9 ? s : undefined;
}

export function inputSchema(
  sdk: Record<string, unknown> | undefined,
  op: string,
): unknown[] | undefined {
  const s = operationSchema(sdk, op);
  const input = s ? resolve(s[4]) : undefined;
  return Array.isArray(input) && input[0] === 3 ? input : undefined;
}

/** The members of a struct schema with their resolved schemas and traits. */
export function structMembers(
  struct: unknown[],
): { name: string; schema: Schema; traits: unknown; required: boolean }[] {
  const names = (struct[4] ?? []) as string[];
  const schemas = (struct[5] ?? []) as Schema[];
  const requiredCount = typeof struct[6] === 'number' ? struct[6] : 0;
  return names.map((name, i) => ({
    name,
    ...memberSchema(schemas[i]),
    required: i < requiredCount,
  }));
}

/**
 * Returns the first missing required member as a dotted path (`distributions.0.region`), or
 * undefined.
 */
export function missingRequired(struct: unknown, value: unknown, path = ''): string | undefined {
  const s = resolve(struct);
  if (!Array.isArray(s) || value === undefined || value === null) return undefined;
  if (s[0] === 3) {
    if (typeof value !== 'object') return undefined;
    const obj = value as Record<string, unknown>;
    for (const m of structMembers(s)) {
      const v = obj[m.name];
      const p = path ? `${path}.${m.name}` : m.name;
      if (m.required && (v === undefined || v === null)) return p;
      const inner = missingRequired(m.schema, v, p);
      if (inner) return inner;
    }
  } else if (s[0] === 1 && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = missingRequired(s[4], value[i], `${path}.${i}`);
      if (inner) return inner;
    }
  } else if (s[0] === 2 && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const inner = missingRequired(s[5], v, `${path}.${k}`);
      if (inner) return inner;
    }
  }
  return undefined;
}
