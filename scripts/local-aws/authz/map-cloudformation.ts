/**
 * CloudFormation's operations → IAM. The stack's ARN is its stack id once it exists, or
 * `stack/<name>/*` for a stack a request creates (the id is not known before). Request keys:
 * `cloudformation:RoleArn` (the RoleARN the request names), `cloudformation:ResourceTypes` (the
 * template's types), `cloudformation:TemplateUrl`, `cloudformation:ChangeSetName`, tags. A
 * RoleARN is passed to CloudFormation: the caller needs iam:PassRole on it with
 * `iam:PassedToService` cloudformation.amazonaws.com (CloudFormation User Guide, "CloudFormation
 * service role").
 */
import { parseTemplate } from '../../../actions/lib/cloudformation/index.js';
import { queryStructs } from '../protocols/query.js';
import { cfnState, findStack } from '../services/cloudformation/model.js';
import { str, type Input } from '../types.js';
import { arnOf, check, requestTagKeys } from './arns.js';
import type { AuthzCheck, AuthzEnv, Context, ServiceAuthz } from './types.js';

const S = 'cloudformation';

export function stackArn(env: AuthzEnv, nameOrId: string): string {
  if (nameOrId.startsWith('arn:')) return nameOrId;
  const st = findStack(cfnState(env.state, env.region), nameOrId);
  return st?.stackId ?? arnOf(env, S, 'stack', { StackName: nameOrId, Id: '*' });
}

/** The stack a change set belongs to (by the change set's ARN, or the request's StackName). */
function changeSetStack(input: Input, env: AuthzEnv): { stack: string; name: string } {
  const cs = str(input['ChangeSetName']) ?? '';
  if (cs.startsWith('arn:')) {
    const rec = cfnState(env.state, env.region).changeSets[cs];
    const name = /:changeSet\/([^/]+)\//.exec(cs)?.[1] ?? cs;
    return { stack: rec ? rec.stackId : stackArn(env, str(input['StackName']) ?? '*'), name };
  }
  return { stack: stackArn(env, str(input['StackName']) ?? ''), name: cs };
}

function resourceTypes(body: string | undefined): string[] | undefined {
  if (!body) return undefined;
  const t = parseTemplate(body, 'template').template;
  const types = Object.values(t?.Resources ?? {}).map((r) => String(r?.Type ?? ''));
  return [...new Set(types)].filter(Boolean);
}

function passRole(roleArn: string | undefined): AuthzCheck[] {
  return roleArn
    ? [
        check('iam:PassRole', roleArn, 'role', {
          'iam:PassedToService': 'cloudformation.amazonaws.com',
        }),
      ]
    : [];
}

/** CreateStack, UpdateStack, CreateChangeSet: the template, role and tags of the request. */
function stackRequest(op: string) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => {
      const role = str(input['RoleARN']);
      const tags = Object.fromEntries(
        queryStructs(input, 'Tags').map((t) => [t['Key'] ?? '', t['Value'] ?? '']),
      );
      const context: Context = {
        ...requestTagKeys(tags),
        'cloudformation:RoleArn': role,
        'cloudformation:TemplateUrl': str(input['TemplateURL']),
        'cloudformation:ResourceTypes': resourceTypes(str(input['TemplateBody'])),
        'cloudformation:ChangeSetName':
          op === 'CreateChangeSet' ? str(input['ChangeSetName']) : undefined,
      };
      return [
        check(`${S}:${op}`, stackArn(env, str(input['StackName']) ?? ''), 'stack', context),
        ...passRole(role),
      ];
    },
  };
}

function onStack(op: string) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => [
      check(`${S}:${op}`, stackArn(env, str(input['StackName']) ?? ''), 'stack'),
    ],
  };
}

function onChangeSet(op: string) {
  return {
    checks: (input: Input, env: AuthzEnv): AuthzCheck[] => {
      const { stack, name } = changeSetStack(input, env);
      return [check(`${S}:${op}`, stack, 'stack', { 'cloudformation:ChangeSetName': name })];
    },
  };
}

export const cloudformationAuthz: ServiceAuthz = {
  CreateStack: stackRequest('CreateStack'),
  UpdateStack: stackRequest('UpdateStack'),
  CreateChangeSet: stackRequest('CreateChangeSet'),
  DeleteStack: {
    checks: (input, env) => {
      const role = str(input['RoleARN']);
      return [
        check(`${S}:DeleteStack`, stackArn(env, str(input['StackName']) ?? ''), 'stack', {
          'cloudformation:RoleArn': role,
        }),
        ...passRole(role),
      ];
    },
  },
  DescribeStacks: {
    checks: (input, env) => {
      const name = str(input['StackName']);
      return [
        name
          ? check(`${S}:DescribeStacks`, stackArn(env, name), 'stack')
          : check(`${S}:DescribeStacks`, '*', undefined),
      ];
    },
  },
  DescribeStackEvents: onStack('DescribeStackEvents'),
  DescribeStackResources: onStack('DescribeStackResources'),
  ListStackResources: onStack('ListStackResources'),
  GetTemplate: onStack('GetTemplate'),
  UpdateTerminationProtection: onStack('UpdateTerminationProtection'),
  ValidateTemplate: {
    checks: (input) => [
      check(`${S}:ValidateTemplate`, '*', undefined, {
        'cloudformation:TemplateUrl': str(input['TemplateURL']),
      }),
    ],
  },
  DescribeChangeSet: onChangeSet('DescribeChangeSet'),
  ExecuteChangeSet: onChangeSet('ExecuteChangeSet'),
  DeleteChangeSet: onChangeSet('DeleteChangeSet'),
  ListChangeSets: onStack('ListChangeSets'),
};
