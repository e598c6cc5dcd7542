/** SSM Parameter Store state and the name/selector rules shared by its operations. */
import type { EmulatorState } from '../../state.js';
import { serviceState } from '../../state.js';
import { paginate } from '../../paginate.js';
import { ApiError, num, str, type Input } from '../../types.js';
import { PUBLIC_PARAMETERS, SEED_DATE, isPublicParameter, publicAmiId } from '../public-images.js';

export interface ParamVersion {
  version: number;
  value: string;
  type: 'String' | 'StringList' | 'SecureString';
  dataType: string;
  description?: string;
  allowedPattern?: string;
  keyId?: string;
  tier: string;
  labels: string[];
  lastModified: number;
}

export interface Param {
  name: string;
  /** Ascending by version; at most `MAX_VERSIONS`. */
  versions: ParamVersion[];
  tags: Record<string, string>;
  /** Highest version number ever assigned (numbers are not reused after the oldest is dropped). */
  lastVersion: number;
}

/** An `aws:ec2:image` write waiting for asynchronous validation. */
export interface PendingWrite {
  name: string;
  version: ParamVersion;
  dueAt: number;
  tags?: Record<string, string>;
}

export interface SsmState {
  params: Record<string, Param>;
  pending: PendingWrite[];
  /** Failed asynchronous validations: what AWS reports through EventBridge, here for tests. */
  validationFailures: { name: string; value: string; reason: string; at: number }[];
  /**
   * AWS's public parameters of this region (`/aws/service/...`, public-images.ts): readable by
   * any account, owned by none, absent from DescribeParameters (which lists the account's own).
   */
  public?: Record<string, Param>;
}

export function ssmState(state: EmulatorState, region: string): SsmState {
  return serviceState(state, region, 'ssm', () => ({
    params: {},
    pending: [],
    validationFailures: [],
  }));
}

/** The region's public parameters, seeded on first use: version 1 names each image's first AMI. */
export function publicParams(state: EmulatorState, region: string): Record<string, Param> {
  const s = ssmState(state, region);
  if (!s.public) {
    s.public = {};
    for (const [name, image] of Object.entries(PUBLIC_PARAMETERS)) {
      s.public[name] = {
        name,
        tags: {},
        lastVersion: 1,
        versions: [
          {
            version: 1,
            value: publicAmiId(region, image, 1),
            type: 'String',
            dataType: 'text',
            tier: 'Standard',
            labels: [],
            lastModified: Date.parse(SEED_DATE),
          },
        ],
      };
    }
  }
  return s.public;
}

/** A parameter by name or ARN: the account's own, or one of AWS's public ones. */
export function findParam(state: EmulatorState, region: string, raw: string): Param | undefined {
  const s = ssmState(state, region);
  const own = s.params[normaliseName(raw, s)];
  if (own) return own;
  const name = /^arn:aws[a-z-]*:ssm:[^:]*::parameter(\/.*)$/.exec(raw)?.[1] ?? raw;
  return isPublicParameter(name) ? publicParams(state, region)[name] : undefined;
}

/** "Parameter Store retains the 100 most recently created versions of a parameter." */
export const MAX_VERSIONS = 100;

const NAME = /^[a-zA-Z0-9_.\-/]+$/;

/**
 * Parameter name rules (Systems Manager User Guide, "Parameter name requirements"): letters,
 * digits and `_.-/`; a hierarchical name starts with `/`; at most 15 levels; no `aws`/`ssm` prefix
 * (case-insensitive); at most 2048 characters including the ARN prefix (1011 for the name itself).
 */
export function checkName(name: string): void {
  const invalid = (why: string) => new ApiError('ValidationException', `Parameter name ${why}`);
  if (!name || name.length > 1011) throw invalid('must be 1 to 1011 characters.');
  if (!NAME.test(name))
    throw invalid(`${name} can only contain letters, numbers, and the symbols _.-/`);
  if (name.includes('/') && !name.startsWith('/')) throw invalid('must be a fully qualified name.');
  if (name.split('/').filter(Boolean).length > 15)
    throw invalid('hierarchy must have at most 15 levels.');
  if (/^\/?(aws|ssm)/i.test(name))
    throw invalid(`${name} can't be prefixed with "aws" or "ssm" (case-insensitive).`);
}

/** Accepts a name or its ARN (`arn:aws:ssm:region:acct:parameter/a/b` is `/a/b`). */
export function normaliseName(raw: string, s: SsmState): string {
  const m = /^arn:aws[a-z-]*:ssm:[^:]*:(?:\d{12})?:parameter(\/.*)$/.exec(raw);
  if (!m) return raw;
  const path = m[1]!;
  return s.params[path] ? path : path.slice(1);
}

/** `name`, `name:3` or `name:label` (GetParameter "Name" with a selector). */
export function parseSelector(raw: string): { name: string; selector?: string } {
  const arnPrefix = /^arn:[^/]*/.exec(raw)?.[0] ?? '';
  const rest = raw.slice(arnPrefix.length);
  const i = rest.lastIndexOf(':');
  if (i < 0) return { name: raw };
  return { name: arnPrefix + rest.slice(0, i), selector: rest.slice(i + 1) };
}

/** A public parameter's ARN has no account: `arn:aws:ssm:us-east-2::parameter/aws/service/…`. */
export function paramArn(region: string, accountId: string, name: string): string {
  const account = isPublicParameter(name) ? '' : accountId;
  return `arn:aws:ssm:${region}:${account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

export function notFound(name: string): ApiError {
  return new ApiError('ParameterNotFound', `Parameter ${name} not found.`);
}

/** The version a selector names, or the latest. */
export function selectVersion(p: Param, selector: string | undefined): ParamVersion {
  const latest = p.versions[p.versions.length - 1];
  if (!latest) throw notFound(p.name);
  if (selector === undefined) return latest;
  const v = /^\d+$/.test(selector)
    ? p.versions.find((x) => x.version === Number(selector))
    : p.versions.find((x) => x.labels.includes(selector));
  if (!v) {
    throw new ApiError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${selector} of ${p.name}. Verify the version and try again.`,
    );
  }
  return v;
}

/** Epoch seconds: awsJson timestamps. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** SecureString values come back encrypted unless WithDecryption; a stand-in ciphertext here. */
export function wireValue(v: ParamVersion, withDecryption: boolean): string {
  if (v.type !== 'SecureString' || withDecryption) return v.value;
  return `AQICAH${Buffer.from(v.value).toString('base64')}`;
}

/**
 * One page of an SSM listing: `MaxResults` 1 to `max` (its default), and a `NextToken` bound to
 * the listing (`scope`), refused as InvalidNextToken elsewhere.
 */
export function ssmPage<T>(
  items: readonly T[],
  input: Input,
  max: number,
  scope: string,
): { page: T[]; nextToken?: string } {
  return paginate(
    items,
    {
      maxResults: num(input['MaxResults']),
      nextToken: str(input['NextToken']),
      defaultMax: max,
      max,
      scope,
    },
    new ApiError('InvalidNextToken', 'The specified token is not valid.'),
  );
}
