/** ARNs from the catalogue's formats, and the tag-derived condition keys shared by services. */
import { buildArn } from '../../../actions/lib/iam/catalogue.js';
import type { AuthzCheck, AuthzEnv, Context } from './types.js';

/**
 * The ARN of a `service` resource of catalogue type `type`: its (first) ARN format with
 * Partition, Region and Account filled from the request and the rest from `vars`.
 */
export function arnOf(
  env: AuthzEnv,
  service: string,
  type: string,
  vars: Record<string, string>,
): string {
  const rt = env.catalogue.getResourceType(service, type);
  const format = rt?.arnFormats[0];
  if (!format) throw new Error(`the IAM catalogue has no resource type ${service}:${type}`);
  return buildArn(format, {
    Partition: 'aws',
    Region: env.region,
    Account: env.accountId,
    ...vars,
  });
}

/** `aws:RequestTag/<k>` and `aws:TagKeys` for tags in a request. */
export function requestTagKeys(tags: Record<string, string> | undefined): Context {
  if (!tags || Object.keys(tags).length === 0) return {};
  const ctx: Context = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) ctx[`aws:RequestTag/${k}`] = v;
  return ctx;
}

/** `aws:TagKeys` alone (untag requests). */
export function tagKeysOnly(keys: string[]): Context {
  return keys.length ? { 'aws:TagKeys': keys } : {};
}

export function check(
  action: string,
  resource: string,
  resourceType: string | undefined,
  context: Context = {},
): AuthzCheck {
  return { action, resource, ...(resourceType ? { resourceType } : {}), context };
}

/** `[{Key, Value}]` → record. */
export function tagList(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of Array.isArray(v) ? (v as { Key?: unknown; Value?: unknown }[]) : [])
    if (typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
  return out;
}
