/**
 * DescribeParameters (SSM API reference): metadata of the newest version of each parameter, no
 * values; `ParameterFilters` with keys Name (Equals, BeginsWith, Contains), Path (OneLevel,
 * Recursive), Type, KeyId, DataType, Tier, Label and `tag:<key>`, or the older `Filters` (Name,
 * Type, KeyId; equality); MaxResults 1 to 50 (default 50) with NextToken.
 */
import { ApiError, type Input, type OpContext } from '../../types.js';
import { epochSeconds, paramArn, ssmPage, ssmState, type Param } from './model.js';

interface ParameterFilter {
  Key?: string;
  Option?: string;
  Values?: string[];
}

const KEYS = ['Name', 'Path', 'Type', 'KeyId', 'DataType', 'Tier', 'Label'];

function invalidFilter(message: string): ApiError {
  return new ApiError('InvalidFilterKey', message);
}

export function pathMatches(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  if (!name.startsWith(prefix)) return false;
  return recursive || !name.slice(prefix.length).includes('/');
}

function matches(p: Param, f: ParameterFilter): boolean {
  const latest = p.versions.at(-1)!;
  const values = f.Values ?? [];
  const option = f.Option ?? (f.Key === 'Path' ? 'OneLevel' : 'Equals');
  const key = f.Key ?? '';
  if (key.startsWith('tag:')) {
    const tag = p.tags[key.slice(4)];
    return tag !== undefined && (values.length === 0 || values.includes(tag));
  }
  const field: Record<string, string[]> = {
    Name: [p.name],
    Type: [latest.type],
    KeyId: latest.keyId ? [latest.keyId] : [],
    DataType: [latest.dataType],
    Tier: [latest.tier],
    Label: p.versions.flatMap((v) => v.labels),
  };
  if (key === 'Path') return values.some((v) => pathMatches(p.name, v, option === 'Recursive'));
  const have = field[key] ?? [];
  if (option === 'BeginsWith') return values.some((v) => have.some((h) => h.startsWith(v)));
  if (option === 'Contains') return values.some((v) => have.some((h) => h.includes(v)));
  return values.some((v) => have.includes(v));
}

function checkFilter(f: ParameterFilter): void {
  const key = f.Key ?? '';
  if (!KEYS.includes(key) && !key.startsWith('tag:'))
    throw invalidFilter(
      `The filter key ${key} is not valid. Valid keys: ${KEYS.join(', ')}, tag:<key>.`,
    );
  const options =
    key === 'Path'
      ? ['OneLevel', 'Recursive']
      : key === 'Name'
        ? ['Equals', 'BeginsWith', 'Contains']
        : ['Equals', 'BeginsWith'];
  if (f.Option !== undefined && !key.startsWith('tag:') && !options.includes(f.Option))
    throw new ApiError(
      'InvalidFilterOption',
      `The filter option ${f.Option} is not valid for key ${key}. Valid options: ${options.join(', ')}.`,
    );
}

export function describeParameters(input: Input, ctx: OpContext) {
  const s = ssmState(ctx.state, ctx.region);
  const filters = (input['ParameterFilters'] as ParameterFilter[] | undefined) ?? [];
  const legacy = ((input['Filters'] as ParameterFilter[] | undefined) ?? []).map((f) => ({
    Key: f.Key,
    Values: f.Values,
  }));
  if (filters.length && legacy.length)
    throw new ApiError(
      'ValidationException',
      'You can use either Filters or ParameterFilters in a single request, not both.',
    );
  for (const f of [...filters, ...legacy]) checkFilter(f);
  const items = Object.values(s.params)
    .filter((p) => p.versions.length && [...filters, ...legacy].every((f) => matches(p, f)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = ssmPage(
    items,
    input,
    50,
    `ssm-describe:${JSON.stringify([filters, legacy])}`,
  );
  return {
    Parameters: page.map((p) => {
      const v = p.versions.at(-1)!;
      return {
        Name: p.name,
        ARN: paramArn(ctx.region, ctx.accountId, p.name),
        Type: v.type,
        KeyId: v.keyId,
        LastModifiedDate: epochSeconds(v.lastModified),
        LastModifiedUser: `arn:aws:iam::${ctx.accountId}:user/local-aws`,
        Description: v.description,
        AllowedPattern: v.allowedPattern,
        Version: v.version,
        Tier: v.tier,
        Policies: [],
        DataType: v.dataType,
      };
    }),
    NextToken: nextToken,
  };
}
