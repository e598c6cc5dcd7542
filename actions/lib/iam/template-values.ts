/**
 * A policy value as written in a template, before deployment: literal text where the template
 * gives it, placeholders where only the deployed stack knows it (a parameter, a pseudo parameter,
 * a resource's Ref or GetAtt, an import). `!Sub`, `!Join` and `!If` are followed; each `!If`
 * branch is a separate alternative.
 */
import { parseSub, subArgs } from '../cloudformation/sub.js';

export interface ValuePart {
  text: string;
  /** False for a placeholder: `text` then names what it stands for (`${ProjectName}`). */
  known: boolean;
}

/** One possible value of a template expression. */
export type TemplateString = ValuePart[];

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const unknown = (what: string): TemplateString[] => [[{ text: what, known: false }]];

function product(lists: TemplateString[][]): TemplateString[] {
  let out: TemplateString[] = [[]];
  for (const alternatives of lists) {
    const next: TemplateString[] = [];
    for (const prefix of out) for (const alt of alternatives) next.push([...prefix, ...alt]);
    out = next.slice(0, 16); // a few !If branches at most; cap the combinations
  }
  return out;
}

/**
 * Every value `v` may take (one entry per `!If` branch combination); [] for `AWS::NoValue`;
 * undefined for something that is not a string at all (a list, a mapping that is no function).
 */
export function templateStrings(v: unknown): TemplateString[] | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return [[{ text: String(v), known: true }]];
  if (!isMapping(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const fn = keys[0]!;
  const arg = v[fn];
  switch (fn) {
    case 'Ref':
      return arg === 'AWS::NoValue' ? [] : unknown(`\${${String(arg)}}`);
    case 'Fn::GetAtt':
      return unknown(`\${${Array.isArray(arg) ? arg.join('.') : String(arg)}}`);
    case 'Fn::Sub': {
      const args = subArgs(arg);
      if (!args) return undefined;
      const lists = parseSub(args.text).map((p): TemplateString[] => {
        if (p.kind === 'text') return [[{ text: p.text, known: true }]];
        const bound = p.attribute === undefined ? args.vars[p.name] : undefined;
        if (bound !== undefined) return templateStrings(bound) ?? unknown(p.raw);
        return unknown(p.raw);
      });
      return product(lists);
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1]))
        return unknown('${Fn::Join}');
      const sep = arg[0];
      const lists: TemplateString[][] = [];
      (arg[1] as unknown[]).forEach((item, i) => {
        if (i > 0) lists.push([[{ text: sep, known: true }]]);
        lists.push(templateStrings(item) ?? unknown('${Fn::Join}'));
      });
      return product(lists);
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return undefined;
      return [...(templateStrings(arg[1]) ?? []), ...(templateStrings(arg[2]) ?? [])];
    }
    default:
      return fn.startsWith('Fn::') ? unknown(`\${${fn}}`) : undefined;
  }
}

/** The text when every part is known (no placeholder), else undefined. */
export function exactText(s: TemplateString): string | undefined {
  return s.every((p) => p.known) ? s.map((p) => p.text).join('') : undefined;
}

/** The value as a wildcard pattern, each placeholder as `*` (anything the stack may give it). */
export function asPattern(s: TemplateString): string {
  return s.map((p) => (p.known ? p.text : '*')).join('');
}

/** The value as written, placeholders shown as `${Name}` (for messages). */
export function asWritten(s: TemplateString): string {
  return s.map((p) => p.text).join('');
}
