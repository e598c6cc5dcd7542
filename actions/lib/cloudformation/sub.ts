/**
 * The placeholder grammar of `Fn::Sub`: `${Name}` (a Ref), `${Resource.Attribute}` (a GetAtt) and
 * `${!Literal}` (the text `${Literal}`, not substituted). Shared by the validator, the evaluator and
 * the dependency graph so all three read a Sub string the same way.
 */
export type SubPart =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; attribute?: string; start: number; raw: string };

export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) {
      text += `\${${inner.slice(1)}}`;
    } else {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const trimmed = inner.trim();
      const dot = trimmed.indexOf('.');
      const raw = template.slice(open, close + 1);
      parts.push(
        dot < 0
          ? { kind: 'var', name: trimmed, start: open, raw }
          : {
              kind: 'var',
              name: trimmed.slice(0, dot),
              attribute: trimmed.slice(dot + 1),
              start: open,
              raw,
            },
      );
    }
    i = close + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** The `${...}` variables of a Sub string (escapes excluded). */
export function subVariables(template: string): Extract<SubPart, { kind: 'var' }>[] {
  return parseSub(template).filter((p): p is Extract<SubPart, { kind: 'var' }> => p.kind === 'var');
}

/** `{'Fn::Sub': s}` or `{'Fn::Sub': [s, vars]}` → its string and variable map, else undefined. */
export function subArgs(
  value: unknown,
): { text: string; vars: Record<string, unknown> } | undefined {
  if (typeof value === 'string') return { text: value, vars: {} };
  if (Array.isArray(value) && typeof value[0] === 'string') {
    const vars = value[1];
    return {
      text: value[0],
      vars:
        vars && typeof vars === 'object' && !Array.isArray(vars)
          ? (vars as Record<string, unknown>)
          : {},
    };
  }
  return undefined;
}
