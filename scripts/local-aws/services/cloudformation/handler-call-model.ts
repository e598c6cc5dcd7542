/** The calls a resource handler makes, and the helpers the per-service tables share. */
import type { Context } from '../../authz/types.js';

/** A resource a call acts on: catalogue resource type, its id (`*` for one being created). */
export interface CallResource {
  service: string;
  type: string;
  id: string;
  /** Tags the resource has now (`aws:ResourceTag/*`); request tags go in `context`. */
  tags?: Record<string, string>;
  context?: Context;
}

export interface HandlerCall {
  action: string;
  resources: CallResource[];
}

export type HandlerOp = 'create' | 'update' | 'delete';

/** What a handler finds in the account: tags of resources by id, images, instance profiles. */
export interface Lookups {
  accountId: string;
  tagsOf(physicalId: string): Record<string, string> | undefined;
  imageOwner(imageId: string): string | undefined;
  /** Role names of an instance profile (by name or ARN). */
  profileRoles(profile: string): string[];
}

export interface StepInput {
  op: HandlerOp;
  type: string;
  /** The resource's physical id (create: the id it is about to get). */
  id: string;
  props: Record<string, unknown>;
  /** Update: the properties before. */
  oldProps?: Record<string, unknown>;
  /** Tags the request sets (resource tags with the stack's propagated), create and update. */
  tags: Record<string, string>;
  /** Tags the resource had (update, delete). */
  oldTags: Record<string, string>;
}

export function requestTags(tags: Record<string, string>): Context {
  if (Object.keys(tags).length === 0) return {};
  const ctx: Context = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) ctx[`aws:RequestTag/${k}`] = v;
  return ctx;
}

export const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
export const changed = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

export function ec2(
  type: string,
  id: string | undefined,
  l: Lookups,
  extra?: Partial<CallResource>,
) {
  const r: CallResource = { service: 'ec2', type, id: id ?? '*', ...extra };
  if (id && id !== '*' && !extra?.tags) r.tags = l.tagsOf(id) ?? {};
  return r;
}

export function passRole(role: string, service: string, accountId: string): HandlerCall {
  const arn = role.startsWith('arn:') ? role : `arn:aws:iam::${accountId}:role/${role}`;
  return {
    action: 'iam:PassRole',
    resources: [
      {
        service: 'iam',
        type: 'role',
        id: arn,
        context: { 'iam:PassedToService': service },
      },
    ],
  };
}

/** Tag changes on update: create/overwrite the new or changed keys, delete the removed ones. */
export function tagChanges(
  i: StepInput,
  tagAction: string,
  untagAction: string,
  resource: CallResource,
): HandlerCall[] {
  const set = Object.fromEntries(Object.entries(i.tags).filter(([k, v]) => i.oldTags[k] !== v));
  const removed = Object.keys(i.oldTags).filter((k) => !(k in i.tags));
  const calls: HandlerCall[] = [];
  if (Object.keys(set).length)
    calls.push({
      action: tagAction,
      resources: [{ ...resource, context: { ...resource.context, ...requestTags(set) } }],
    });
  if (removed.length)
    calls.push({
      action: untagAction,
      resources: [{ ...resource, context: { ...resource.context, 'aws:TagKeys': removed } }],
    });
  return calls;
}
