/**
 * SSM Parameter Store's operations → IAM. A parameter's ARN drops the name's leading slash
 * (`parameter/golden-ami/web`); a selector (`:3`, `:label`) is not part of it. GetParameters
 * needs the action on every name it asks for.
 *
 * AWS's public parameters (`/aws/service/...`) belong to no account: their ARN has an empty
 * account field (`arn:aws:ssm:us-east-2::parameter/aws/service/ami-amazon-linux-latest/…`, as
 * GetParameters returns it). Any account may read them, but only with an identity policy that
 * allows it, on that ARN: `arn:aws:ssm:<region>::parameter/aws/service/*` (the form of Karpenter's
 * published controller policy, aws/karpenter-provider-aws, getting-started cloudformation.yaml,
 * statement AllowSSMReadActions) or a wildcard account (`arn:aws:ssm:*:*:parameter/aws/service/*`,
 * `*` matching the empty field). A grant on the caller's own account
 * (`arn:aws:ssm:<region>:<account>:parameter/aws/service/*`) does not match.
 */
import { parseSelector } from '../services/ssm/model.js';
import { isPublicParameter } from '../services/public-images.js';
import { queryList } from '../protocols/query.js';
import { str, type Input } from '../types.js';
import { arnOf, check, requestTagKeys, tagKeysOnly, tagList } from './arns.js';
import type { AuthzCheck, AuthzEnv, Context, ServiceAuthz } from './types.js';

export function parameterArn(env: AuthzEnv, raw: string): string {
  const { name } = parseSelector(raw);
  if (name.startsWith('arn:')) return name;
  return arnOf(env, 'ssm', 'parameter', {
    ParameterNameWithoutLeadingSlash: name.replace(/^\//, ''),
    ...(isPublicParameter(name) ? { Account: '' } : {}),
  });
}

function onName(op: string, context?: (input: Input) => Context) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => [
      check(
        `ssm:${op}`,
        parameterArn(env, str(input['Name']) ?? ''),
        'parameter',
        context?.(input),
      ),
    ],
  };
}

/** Tagging operations name the resource by type and id; the pipeline tags parameters only. */
function tagged(op: string, context?: (input: Input) => Context) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => {
      const type = str(input['ResourceType']);
      const id = str(input['ResourceId']) ?? '';
      const arn = type === 'Parameter' ? parameterArn(env, id) : id;
      return [
        check(`ssm:${op}`, arn, type === 'Parameter' ? 'parameter' : undefined, context?.(input)),
      ];
    },
  };
}

export const ssmAuthz: ServiceAuthz = {
  PutParameter: onName('PutParameter', (input) => ({
    ...requestTagKeys(tagList(input['Tags'])),
    ...(input['Overwrite'] !== undefined ? { 'ssm:Overwrite': String(input['Overwrite']) } : {}),
  })),
  GetParameter: onName('GetParameter'),
  GetParameters: {
    checks: (input, env) =>
      ((input['Names'] as string[] | undefined) ?? queryList(input, 'Names')).map((n) =>
        check('ssm:GetParameters', parameterArn(env, n), 'parameter'),
      ),
  },
  GetParameterHistory: onName('GetParameterHistory'),
  // On the path as a parameter ARN (`…:parameter/golden-ami`, AWS's denials name it so), with
  // ssm:Recursive when asked for (Service Authorization Reference, GetParametersByPath).
  GetParametersByPath: {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => [
      check(
        'ssm:GetParametersByPath',
        parameterArn(env, str(input['Path']) ?? ''),
        'parameter',
        input['Recursive'] !== undefined ? { 'ssm:Recursive': String(input['Recursive']) } : {},
      ),
    ],
  },
  DescribeParameters: { checks: () => [check('ssm:DescribeParameters', '*', undefined)] },
  LabelParameterVersion: onName('LabelParameterVersion'),
  DeleteParameter: onName('DeleteParameter'),
  AddTagsToResource: tagged('AddTagsToResource', (input) => requestTagKeys(tagList(input['Tags']))),
  ListTagsForResource: tagged('ListTagsForResource'),
  RemoveTagsFromResource: tagged('RemoveTagsFromResource', (input) =>
    tagKeysOnly((input['TagKeys'] as string[] | undefined) ?? []),
  ),
};
