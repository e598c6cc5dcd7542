/**
 * GetParametersByPath (SSM API reference): the latest version of every parameter under `Path`
 * (one level, or every level with `Recursive`), values included; MaxResults 1 to 10 (default 10)
 * with NextToken. The way to list AWS's public parameters ("Discovering public parameters in
 * Parameter Store": `aws ssm get-parameters-by-path --path /aws/service/ami-amazon-linux-latest`),
 * so a path under `/aws/service/` lists those, any other the account's own.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import { isPublicParameter } from '../public-images.js';
import { pathMatches } from './describe.js';
import { publicParams, ssmPage, ssmState } from './model.js';
import { wireParam } from './params.js';

export function getParametersByPath(input: Input, ctx: OpContext) {
  const path = str(input['Path']) ?? '';
  if (!path.startsWith('/'))
    throw new ApiError(
      'ValidationException',
      `The parameter path ${path} is not valid: a path starts with / (for example /golden-ami or /aws/service/ami-amazon-linux-latest).`,
    );
  if (input['ParameterFilters'] !== undefined)
    throw new ApiError(
      'ValidationException',
      'ParameterFilters on GetParametersByPath is not supported by the local emulator; filter the result instead.',
    );
  const pool = isPublicParameter(`${path.replace(/\/$/, '')}/`)
    ? publicParams(ctx.state, ctx.region)
    : ssmState(ctx.state, ctx.region).params;
  const recursive = input['Recursive'] === true;
  const matched = Object.values(pool)
    .filter((p) => pathMatches(p.name, path, recursive))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = ssmPage(matched, input, 10, `ssm-path:${path}:${recursive}`);
  const withDecryption = input['WithDecryption'] === true;
  return {
    Parameters: page.map((p) => wireParam(p, p.versions.at(-1)!, ctx, withDecryption)),
    NextToken: nextToken,
  };
}
