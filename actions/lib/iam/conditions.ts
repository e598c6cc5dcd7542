/**
 * The Condition element. IAM User Guide, "IAM JSON policy elements: Condition operators" and
 * "Condition with multiple context keys or values":
 * - every operator and every key under it must hold (AND); a key's policy values are alternatives
 *   (OR);
 * - a negated operator (StringNotEquals, ArnNotLike, NotIpAddress, ...) holds when the request's
 *   value matches none of the policy values;
 * - a key absent from the request context makes the condition false, except that a negated
 *   operator is then true, `...IfExists` is then true, and `Null` tests exactly that;
 * - `ForAllValues:` holds when every request value matches (true for an absent key or an empty
 *   set), `ForAnyValue:` when at least one does (false for an absent key or an empty set); with a
 *   negated operator the negation applies to each request value.
 */
import { BlockList, isIP } from 'node:net';
import { PolicyError, type ConditionTest } from './policy.js';
import { partsText, resolveVariables, type RequestContext } from './variables.js';
import { partsToRegExp, type PatternPart } from './wildcard.js';

type Base =
  | 'StringEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringLike'
  | 'NumericEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress'
  | 'ArnEquals'
  | 'ArnLike';

/** Operator name → [positive base, negated]. */
const OPERATORS: Record<string, [Base, boolean]> = {
  StringEquals: ['StringEquals', false],
  StringNotEquals: ['StringEquals', true],
  StringEqualsIgnoreCase: ['StringEqualsIgnoreCase', false],
  StringNotEqualsIgnoreCase: ['StringEqualsIgnoreCase', true],
  StringLike: ['StringLike', false],
  StringNotLike: ['StringLike', true],
  NumericEquals: ['NumericEquals', false],
  NumericNotEquals: ['NumericEquals', true],
  NumericLessThan: ['NumericLessThan', false],
  NumericLessThanEquals: ['NumericLessThanEquals', false],
  NumericGreaterThan: ['NumericGreaterThan', false],
  NumericGreaterThanEquals: ['NumericGreaterThanEquals', false],
  DateEquals: ['DateEquals', false],
  DateNotEquals: ['DateEquals', true],
  DateLessThan: ['DateLessThan', false],
  DateLessThanEquals: ['DateLessThanEquals', false],
  DateGreaterThan: ['DateGreaterThan', false],
  DateGreaterThanEquals: ['DateGreaterThanEquals', false],
  Bool: ['Bool', false],
  BinaryEquals: ['BinaryEquals', false],
  IpAddress: ['IpAddress', false],
  NotIpAddress: ['IpAddress', true],
  ArnEquals: ['ArnEquals', false],
  ArnNotEquals: ['ArnEquals', true],
  ArnLike: ['ArnLike', false],
  ArnNotLike: ['ArnLike', true],
};

/** Every operator name IAM accepts without prefix or IfExists (plus `Null`). */
export const CONDITION_OPERATORS: readonly string[] = [...Object.keys(OPERATORS), 'Null'];

export interface ParsedOperator {
  set?: 'ForAnyValue' | 'ForAllValues';
  /** `Null`, or a key of OPERATORS. */
  name: string;
  ifExists: boolean;
}

/** `ForAnyValue:StringLikeIfExists` → its parts; undefined for an operator IAM does not know. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator;
  let set: ParsedOperator['set'];
  const m = /^(ForAnyValue|ForAllValues):(.*)$/.exec(rest);
  if (m) {
    set = m[1] as ParsedOperator['set'];
    rest = m[2]!;
  }
  if (rest === 'Null') return set ? undefined : { name: 'Null', ifExists: false };
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  // Own keys only: `toString` or `constructor` is no operator (the prototype is not IAM's list).
  return Object.hasOwn(OPERATORS, rest) ? { set, name: rest, ifExists } : undefined;
}

/**
 * Whether the condition holds for a request that lacks the key: IfExists, ForAllValues, negated
 * operators and `Null: true` do; everything else does not (see the rules at the top).
 */
export function holdsWhenAbsent(op: ParsedOperator, values: readonly string[]): boolean {
  if (op.name === 'Null') return values.some((v) => v.toLowerCase() === 'true');
  if (op.ifExists || op.set === 'ForAllValues') return true;
  if (op.set === 'ForAnyValue') return false;
  return OPERATORS[op.name]![1];
}

function number(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** ISO 8601 or epoch seconds (both accepted by IAM's date operators). */
function date(s: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(s.trim())) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const family = isIP(ip);
  const [base, bits] = cidr.split('/');
  if (family === 0 || base === undefined) return false;
  const baseFamily = isIP(base);
  if (baseFamily !== family) return false;
  const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(base, prefix, type);
  return list.check(ip, type);
}

/**
 * ARN operators compare each of the six colon-separated parts on its own, wildcards allowed
 * within a part. Variable values (literal parts) keep their `*` and `?` as text: they are carried
 * through the split as private-use characters.
 */
const LITERAL_STAR = '\uE000';
const LITERAL_QUESTION = '\uE001';

function arnSegments(s: string): string[] | undefined {
  const p = s.split(':');
  return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
}

function segmentParts(segment: string): PatternPart[] {
  const out: PatternPart[] = [];
  for (const piece of segment.split(/([\uE000\uE001])/)) {
    if (piece === LITERAL_STAR) out.push({ text: '*', wild: false });
    else if (piece === LITERAL_QUESTION) out.push({ text: '?', wild: false });
    else if (piece) out.push({ text: piece, wild: true });
  }
  return out;
}

function arnMatch(parts: readonly PatternPart[], arn: string): boolean {
  const pattern = parts
    .map((p) =>
      p.wild ? p.text : p.text.replace(/\*/g, LITERAL_STAR).replace(/\?/g, LITERAL_QUESTION),
    )
    .join('');
  const a = arnSegments(pattern);
  const b = arnSegments(arn);
  if (!a || !b) return false;
  return a.every((seg, i) => partsToRegExp(segmentParts(seg), false).test(b[i]!));
}

/** One request value against one policy value (before negation). */
function compare(
  base: Base,
  request: string,
  policy: string,
  ctx: RequestContext,
  vars: boolean,
): boolean {
  const parts =
    base.startsWith('String') || base.startsWith('Arn')
      ? resolveVariables(policy, ctx, vars)
      : undefined;
  if ((base.startsWith('String') || base.startsWith('Arn')) && !parts) return false;
  switch (base) {
    case 'StringEquals':
      return request === partsText(parts!);
    case 'StringEqualsIgnoreCase':
      return request.toLowerCase() === partsText(parts!).toLowerCase();
    case 'StringLike':
      return partsToRegExp(parts!, false).test(request);
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(parts!, request);
    case 'Bool':
      return request.toLowerCase() === policy.toLowerCase();
    case 'BinaryEquals':
      return request === policy;
    case 'IpAddress':
      return ipInCidr(request, policy);
  }
  if (base.startsWith('Numeric')) {
    const r = number(request);
    const p = number(policy);
    if (r === undefined || p === undefined) return false;
    return ordered(base.slice('Numeric'.length), r, p);
  }
  const r = date(request);
  const p = date(policy);
  if (r === undefined || p === undefined) return false;
  return ordered(base.slice('Date'.length), r, p);
}

function ordered(op: string, r: number, p: number): boolean {
  switch (op) {
    case 'Equals':
      return r === p;
    case 'LessThan':
      return r < p;
    case 'LessThanEquals':
      return r <= p;
    case 'GreaterThan':
      return r > p;
    default:
      return r >= p;
  }
}

/** One operator + key + values. Throws PolicyError for an operator IAM does not know. */
export function testCondition(test: ConditionTest, ctx: RequestContext, vars: boolean): boolean {
  const op = parseOperator(test.operator);
  if (!op) throw new PolicyError(`unknown condition operator '${test.operator}'`);
  const entry = ctx.get(test.key.toLowerCase());
  const values = entry?.values.filter((v) => !(op.set && v === '')) ?? [];
  const present = entry !== undefined && values.length > 0;
  // The validator's "always holds / never holds" for a key no request carries is this same rule.
  if (!present) return holdsWhenAbsent(op, test.values);
  // Null "false": the key must be present (it is, here); "true" wants it absent.
  if (op.name === 'Null') return test.values.some((v) => v.toLowerCase() === 'false');
  const [base, negated] = OPERATORS[op.name]!;
  const matchesOne = (r: string): boolean =>
    test.values.some((p) => compare(base, r, p, ctx, vars));
  const each = (r: string): boolean => (negated ? !matchesOne(r) : matchesOne(r));
  if (op.set === 'ForAllValues') return values.every(each);
  if (op.set === 'ForAnyValue') return values.some(each);
  const any = values.some(matchesOne);
  return negated ? !any : any;
}

/** The whole Condition block: every test must hold. */
export function conditionsHold(
  tests: readonly ConditionTest[],
  ctx: RequestContext,
  vars: boolean,
): boolean {
  return tests.every((t) => testCondition(t, ctx, vars));
}
