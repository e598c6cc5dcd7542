/**
 * LabelParameterVersion and parameter tags.
 *
 * Label rules (LabelParameterVersion API reference): at most 10 labels per version; a label names
 * one version of a parameter and moves when attached to another; at most 100 characters of
 * letters, digits, `.`, `-`, `_`; cannot begin with a number, "aws" or "ssm" (case-insensitive).
 * A label breaking these rules "isn't associated with a parameter and the system displays it in
 * the list of InvalidLabels" (the call still succeeds for the valid ones), except the length: the
 * model's ParameterLabel is 1 to 100 characters, so a longer one fails the whole call with
 * ValidationException before any rule is applied.
 */
import { ApiError, num, str, type Input, type OpContext } from '../../types.js';
import { normaliseName, notFound, ssmState } from './model.js';

export const MAX_LABELS_PER_VERSION = 10;

export function isValidLabel(label: string): boolean {
  return (
    label.length >= 1 &&
    label.length <= 100 &&
    /^[a-zA-Z0-9._-]+$/.test(label) &&
    !/^([0-9]|aws|ssm)/i.test(label)
  );
}

export function labelParameterVersion(input: Input, ctx: OpContext) {
  const s = ssmState(ctx.state, ctx.region);
  const name = normaliseName(str(input['Name']) ?? '', s);
  const p = s.params[name];
  if (!p) throw notFound(name);
  const labels = (input['Labels'] as string[] | undefined) ?? [];
  if (labels.length < 1 || labels.length > MAX_LABELS_PER_VERSION) {
    throw new ApiError(
      'ValidationException',
      "1 validation error detected: Value at 'labels' failed to satisfy constraint: Member must have length between 1 and 10",
    );
  }
  const long = labels.findIndex((l) => typeof l !== 'string' || l.length < 1 || l.length > 100);
  if (long >= 0) {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: Value '[${labels.join(', ')}]' at 'labels.${long + 1}.member' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1`,
    );
  }
  const wanted = num(input['ParameterVersion']);
  const target =
    wanted === undefined ? p.versions.at(-1) : p.versions.find((v) => v.version === wanted);
  if (!target) {
    throw new ApiError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${wanted} of ${name}. Verify the version and try again.`,
    );
  }
  const valid = labels.filter(isValidLabel);
  const invalid = labels.filter((l) => !isValidLabel(l));
  const after = new Set([...target.labels, ...valid]);
  if (after.size > MAX_LABELS_PER_VERSION) {
    throw new ApiError(
      'ParameterVersionLabelLimitExceeded',
      `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`,
    );
  }
  for (const v of p.versions)
    if (v !== target) v.labels = v.labels.filter((l) => !valid.includes(l));
  target.labels = [...after];
  return { InvalidLabels: invalid, ParameterVersion: target.version };
}

function taggedParam(input: Input, ctx: OpContext) {
  if (str(input['ResourceType']) !== 'Parameter') {
    throw new ApiError(
      'InvalidResourceType',
      'The resource type is not valid. Parameter Store resources are of type Parameter.',
    );
  }
  const s = ssmState(ctx.state, ctx.region);
  const p = s.params[normaliseName(str(input['ResourceId']) ?? '', s)];
  if (!p)
    throw new ApiError(
      'InvalidResourceId',
      'The resource ID is not valid. Verify that you entered the correct ID and try again.',
    );
  return p;
}

/** At most 50 user tags per resource (AddTagsToResource "TooManyTagsError"). */
export function addTagsToResource(input: Input, ctx: OpContext) {
  const p = taggedParam(input, ctx);
  const tags = (input['Tags'] as { Key: string; Value: string }[] | undefined) ?? [];
  const next = { ...p.tags, ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])) };
  if (Object.keys(next).length > 50)
    throw new ApiError(
      'TooManyTagsError',
      'The Targets parameter includes too many tags. Remove one or more tags and try the command again.',
    );
  p.tags = next;
  return {};
}

export function listTagsForResource(input: Input, ctx: OpContext) {
  const p = taggedParam(input, ctx);
  return { TagList: Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value })) };
}

export function removeTagsFromResource(input: Input, ctx: OpContext) {
  const p = taggedParam(input, ctx);
  for (const k of (input['TagKeys'] as string[] | undefined) ?? []) delete p.tags[k];
  return {};
}
