/**
 * Policy documents: the JSON shapes, and their normalised form for evaluation. A document may
 * arrive as an object (CloudFormation's PolicyDocument), as JSON text, or as the URL-encoded JSON
 * that IAM's Get*Policy APIs return.
 */

export type PolicyValue = string | number | boolean;
export type PrincipalBlock =
  | '*'
  | {
      AWS?: string | string[];
      Federated?: string | string[];
      Service?: string | string[];
      CanonicalUser?: string | string[];
    };

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny' | string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: PrincipalBlock;
  NotPrincipal?: PrincipalBlock;
  Condition?: Record<string, Record<string, PolicyValue | PolicyValue[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement | Statement[];
}

export interface NamedPolicy {
  name: string;
  /** Where the policy comes from, for messages: 'stack golden-ami-github-oidc, resource BuildRole, policy image-builder'. */
  source?: string;
  document: PolicyDocument | string;
}

export interface ConditionTest {
  /** The operator as written (`ForAnyValue:StringLikeIfExists`). */
  operator: string;
  key: string;
  values: string[];
}

export interface Principals {
  any: boolean;
  aws: string[];
  federated: string[];
  service: string[];
}

export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: Principals;
  notPrincipal?: Principals;
  conditions: ConditionTest[];
}

export interface ParsedPolicy {
  /** Policy variables are substituted only in documents of version 2012-10-17 (IAM User Guide, "Version"). */
  variables: boolean;
  statements: ParsedStatement[];
}

/** A document IAM would refuse: what is wrong, and where. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** JSON text, or URL-encoded JSON text (IAM's GetRolePolicy returns `%7B%22Version...`). */
export function parsePolicyText(text: string): PolicyDocument {
  const trimmed = text.trim();
  const json = trimmed.startsWith('%') ? decodeURIComponent(trimmed) : trimmed;
  try {
    return JSON.parse(json) as PolicyDocument;
  } catch (e) {
    throw new PolicyError(`policy document is not valid JSON: ${(e as Error).message}`);
  }
}

function list(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  const arr = Array.isArray(value) ? value : [value];
  for (const v of arr)
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw new PolicyError(`${what} must be a string or a list of strings`);
  return arr.map(String);
}

function principals(block: unknown, what: string): Principals | undefined {
  if (block === undefined) return undefined;
  const p: Principals = { any: false, aws: [], federated: [], service: [] };
  if (block === '*') return { ...p, any: true };
  if (typeof block !== 'object' || block === null || Array.isArray(block))
    throw new PolicyError(`${what} must be "*" or an object of AWS, Federated, Service`);
  for (const [k, v] of Object.entries(block)) {
    const values = list(v, `${what}.${k}`) ?? [];
    if (k === 'AWS') p.aws.push(...values);
    else if (k === 'Federated') p.federated.push(...values);
    else if (k === 'Service') p.service.push(...values);
    else if (k !== 'CanonicalUser')
      throw new PolicyError(
        `${what} has an unknown principal type '${k}' (AWS, Federated, Service, CanonicalUser)`,
      );
  }
  if (p.aws.includes('*')) p.any = true;
  return p;
}

function conditions(block: unknown, where: string): ConditionTest[] {
  if (block === undefined) return [];
  if (typeof block !== 'object' || block === null || Array.isArray(block))
    throw new PolicyError(`${where}: Condition must be an object of operators`);
  const out: ConditionTest[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys))
      throw new PolicyError(`${where}: Condition ${operator} must map condition keys to values`);
    for (const [key, v] of Object.entries(keys))
      out.push({ operator, key, values: list(v, `${where}: Condition ${operator} ${key}`) ?? [] });
  }
  return out;
}

function statement(s: unknown, index: number): ParsedStatement {
  const where = `statement ${index}`;
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    throw new PolicyError(`${where} is not an object`);
  const st = s as Statement;
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny')
    throw new PolicyError(
      `${where}: Effect must be Allow or Deny, not ${JSON.stringify(st.Effect)}`,
    );
  if ((st.Action === undefined) === (st.NotAction === undefined))
    throw new PolicyError(`${where}: exactly one of Action and NotAction is required`);
  if (st.Resource !== undefined && st.NotResource !== undefined)
    throw new PolicyError(`${where}: Resource and NotResource cannot both be set`);
  if (st.Principal !== undefined && st.NotPrincipal !== undefined)
    throw new PolicyError(`${where}: Principal and NotPrincipal cannot both be set`);
  return {
    index,
    sid: st.Sid,
    effect: st.Effect,
    action: list(st.Action, `${where}: Action`),
    notAction: list(st.NotAction, `${where}: NotAction`),
    resource: list(st.Resource, `${where}: Resource`),
    notResource: list(st.NotResource, `${where}: NotResource`),
    principal: principals(st.Principal, `${where}: Principal`),
    notPrincipal: principals(st.NotPrincipal, `${where}: NotPrincipal`),
    conditions: conditions(st.Condition, where),
  };
}

const parsed = new WeakMap<object, ParsedPolicy>();
const parsedText = new Map<string, ParsedPolicy>();
const TEXT_CACHE_LIMIT = 500;

/**
 * The normalised policy; throws PolicyError for a document IAM would refuse. Cached per document
 * object and per text (so treat a document as immutable once evaluated: replace it to change it).
 */
export function parsePolicy(document: PolicyDocument | string): ParsedPolicy {
  const hit = typeof document === 'string' ? parsedText.get(document) : parsed.get(document);
  if (hit) return hit;
  const doc = typeof document === 'string' ? parsePolicyText(document) : document;
  if (typeof doc !== 'object' || doc === null || doc.Statement === undefined)
    throw new PolicyError('policy document has no Statement');
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map(
    statement,
  );
  const result = { variables: doc.Version === '2012-10-17', statements };
  if (typeof document !== 'string') parsed.set(document, result);
  else {
    if (parsedText.size >= TEXT_CACHE_LIMIT) parsedText.clear();
    parsedText.set(document, result);
  }
  return result;
}
