/**
 * PutParameter, GetParameter(s), GetParameterHistory, DeleteParameter.
 *
 * `aws:ec2:image` (PutParameter API reference, "DataType"): "The aws:ec2:image value is validated
 * asynchronously, and the PutParameter call returns before the validation is complete. If you
 * submit an invalid AMI value, the PutParameter operation will return success, but the
 * asynchronous validation will fail and the parameter will not be created or updated." So
 * PutParameter answers the next version number at once, readers see the previous version until
 * `ssmValidationDelayMs` has passed, and a value that is not an available AMI in the region
 * (malformed ones included) is dropped and recorded in `validationFailures`. A second write to the
 * same parameter while one is being validated gets `TooManyUpdates` ("There are concurrent
 * updates for a resource that supports one update at a time").
 */
import { ApiError, num, str, type Input, type OpContext } from '../../types.js';
import { paginate } from '../../paginate.js';
import {
  MAX_VERSIONS,
  checkName,
  epochSeconds,
  findParam,
  normaliseName,
  notFound,
  paramArn,
  parseSelector,
  selectVersion,
  ssmState,
  wireValue,
  type Param,
  type ParamVersion,
  type SsmState,
} from './model.js';
import { findImage } from '../ec2.js';

const TYPES = ['String', 'StringList', 'SecureString'];
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** Standard tier: 4 KB values; Advanced: 8 KB. */
const MAX_VALUE = { Standard: 4096, Advanced: 8192, 'Intelligent-Tiering': 8192 } as Record<
  string,
  number
>;

function tagsOf(input: Input): Record<string, string> | undefined {
  const tags = input['Tags'] as { Key: string; Value: string }[] | undefined;
  if (!tags) return undefined;
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** Throws ParameterMaxVersionLimitExceeded when a new version would need a labelled oldest dropped. */
export function assertRoomForVersion(p: Param): void {
  if (p.versions.length >= MAX_VERSIONS) {
    const oldest = p.versions[0]!;
    if (oldest.labels.length) {
      throw new ApiError(
        'ParameterMaxVersionLimitExceeded',
        `You attempted to create a new version of ${p.name} by calling the PutParameter API with the overwrite flag. ` +
          `Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. ` +
          'Move the label to another version of the parameter, and try again.',
      );
    }
  }
}

/** Appends a version, dropping the oldest at the 100-version limit unless it is labelled. */
export function appendVersion(p: Param, v: ParamVersion): void {
  assertRoomForVersion(p);
  if (p.versions.length >= MAX_VERSIONS) p.versions.shift();
  p.versions.push(v);
  p.lastVersion = v.version;
}

export function putParameter(input: Input, ctx: OpContext) {
  const s = ssmState(ctx.state, ctx.region);
  const name = normaliseName(str(input['Name']) ?? '', s);
  checkName(name);
  if (s.pending.some((w) => w.name === name)) {
    throw new ApiError(
      'TooManyUpdates',
      'There are concurrent updates for a resource that supports one update at a time.',
      400,
    );
  }
  const value = str(input['Value']) ?? '';
  const existing = s.params[name];
  const type = (str(input['Type']) ?? existing?.versions.at(-1)?.type) as
    ParamVersion['type'] | undefined;
  if (!type)
    throw new ApiError(
      'ValidationException',
      'A parameter type is required when you create a parameter.',
    );
  if (!TYPES.includes(type))
    throw new ApiError('UnsupportedParameterType', `${type} is not a valid parameter type.`);
  const dataType = str(input['DataType']) ?? existing?.versions.at(-1)?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType))
    throw new ApiError(
      'ValidationException',
      `The following data type is not supported: ${dataType}`,
    );
  const tier = str(input['Tier']) ?? existing?.versions.at(-1)?.tier ?? 'Standard';
  if (value.length > (MAX_VALUE[tier] ?? 4096)) {
    throw new ApiError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of 4096 characters.`,
    );
  }
  const tags = tagsOf(input);
  if (existing && tags && input['Overwrite'] === true) {
    throw new ApiError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  if (existing && input['Overwrite'] !== true) {
    throw new ApiError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const prevDataType = existing?.versions.at(-1)?.dataType;
  if (
    prevDataType &&
    prevDataType !== dataType &&
    [prevDataType, dataType].includes('aws:ec2:image')
  ) {
    throw new ApiError(
      'ValidationException',
      `You can't change the data type of a parameter from ${prevDataType} to ${dataType}.`,
    );
  }
  if (dataType === 'aws:ec2:image' && type !== 'String') {
    throw new ApiError(
      'ValidationException',
      'The aws:ec2:image data type is only supported for String parameters.',
    );
  }
  const allowedPattern = str(input['AllowedPattern']);
  if (allowedPattern && !new RegExp(allowedPattern).test(value)) {
    throw new ApiError(
      'ParameterPatternMismatchException',
      `Parameter value, ${value}, failed to satisfy constraint specified in allowed pattern: ${allowedPattern}`,
    );
  }
  const version: ParamVersion = {
    version: (existing?.lastVersion ?? 0) + 1,
    value,
    type,
    dataType,
    tier,
    allowedPattern,
    labels: [],
    description: str(input['Description']) ?? existing?.versions.at(-1)?.description,
    keyId: type === 'SecureString' ? (str(input['KeyId']) ?? 'alias/aws/ssm') : undefined,
    lastModified: ctx.clock.now(),
  };
  if (existing) assertRoomForVersion(existing);
  if (dataType === 'aws:ec2:image') {
    s.pending.push({
      name,
      version,
      dueAt: ctx.clock.now() + ctx.settings.ssmValidationDelayMs,
      tags,
    });
  } else {
    commit(s, name, version, tags);
  }
  return { Version: version.version, Tier: tier };
}

function commit(
  s: SsmState,
  name: string,
  version: ParamVersion,
  tags?: Record<string, string>,
): void {
  const p = (s.params[name] ??= { name, versions: [], tags: {}, lastVersion: 0 });
  appendVersion(p, version);
  if (tags) Object.assign(p.tags, tags);
}

/** Completes due `aws:ec2:image` validations against the region's EC2 images. */
export function settlePending(ctx: Pick<OpContext, 'state' | 'clock'>, region: string): void {
  const s = ssmState(ctx.state, region);
  const now = ctx.clock.now();
  const due = s.pending.filter((w) => w.dueAt <= now);
  if (!due.length) return;
  s.pending = s.pending.filter((w) => w.dueAt > now);
  for (const w of due) {
    const ami = findImage(ctx.state, region, w.version.value);
    if (ami?.state === 'available') {
      try {
        commit(s, w.name, { ...w.version, lastModified: w.dueAt }, w.tags);
      } catch (e) {
        s.validationFailures.push({
          name: w.name,
          value: w.version.value,
          reason: (e as Error).message,
          at: now,
        });
      }
    } else {
      s.validationFailures.push({
        name: w.name,
        value: w.version.value,
        reason: `Unable to find image ${w.version.value} in ${region}`,
        at: now,
      });
    }
  }
}

export function wireParam(
  p: Param,
  v: ParamVersion,
  ctx: OpContext,
  withDecryption: boolean,
  selector?: string,
) {
  return {
    Name: p.name,
    Type: v.type,
    Value: wireValue(v, withDecryption),
    Version: v.version,
    Selector: selector !== undefined ? `:${selector}` : undefined,
    LastModifiedDate: epochSeconds(v.lastModified),
    ARN: paramArn(ctx.region, ctx.accountId, p.name),
    DataType: v.dataType,
  };
}

function lookup(raw: string, ctx: OpContext): { p: Param; v: ParamVersion; selector?: string } {
  const { name, selector } = parseSelector(raw);
  const p = findParam(ctx.state, ctx.region, name);
  if (!p) throw notFound(raw);
  return { p, v: selectVersion(p, selector), selector };
}

export function getParameter(input: Input, ctx: OpContext) {
  const { p, v, selector } = lookup(str(input['Name']) ?? '', ctx);
  return { Parameter: wireParam(p, v, ctx, input['WithDecryption'] === true, selector) };
}

export function getParameters(input: Input, ctx: OpContext) {
  const names = (input['Names'] as string[] | undefined) ?? [];
  if (names.length < 1 || names.length > 10) {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  }
  const Parameters = [];
  const InvalidParameters = [];
  for (const raw of names) {
    try {
      const { p, v, selector } = lookup(raw, ctx);
      Parameters.push(wireParam(p, v, ctx, input['WithDecryption'] === true, selector));
    } catch (e) {
      if (
        !(e instanceof ApiError) ||
        !['ParameterNotFound', 'ParameterVersionNotFound'].includes(e.code)
      )
        throw e;
      InvalidParameters.push(raw);
    }
  }
  return { Parameters, InvalidParameters };
}

export function getParameterHistory(input: Input, ctx: OpContext) {
  const s = ssmState(ctx.state, ctx.region);
  const name = normaliseName(str(input['Name']) ?? '', s);
  const p = findParam(ctx.state, ctx.region, str(input['Name']) ?? '');
  if (!p) throw notFound(name);
  const { page, nextToken } = paginate(
    p.versions,
    {
      maxResults: num(input['MaxResults']),
      nextToken: str(input['NextToken']),
      defaultMax: 50,
      max: 50,
      scope: `ssm-history:${name}`,
    },
    new ApiError('InvalidNextToken', 'The specified token is not valid.'),
  );
  return {
    Parameters: page.map((v) => ({
      Name: p.name,
      Type: v.type,
      KeyId: v.keyId,
      LastModifiedDate: epochSeconds(v.lastModified),
      LastModifiedUser: `arn:aws:iam::${ctx.accountId}:user/local-aws`,
      Description: v.description,
      Value: wireValue(v, input['WithDecryption'] === true),
      AllowedPattern: v.allowedPattern,
      Version: v.version,
      Labels: v.labels,
      Tier: v.tier,
      Policies: [],
      DataType: v.dataType,
    })),
    NextToken: nextToken,
  };
}

export function deleteParameter(input: Input, ctx: OpContext) {
  const s = ssmState(ctx.state, ctx.region);
  const name = normaliseName(str(input['Name']) ?? '', s);
  if (!s.params[name]) throw notFound(name);
  delete s.params[name];
  return {};
}
