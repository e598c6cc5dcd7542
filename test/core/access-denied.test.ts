import { describe, expect, it } from '@jest/globals';
import {
  accessDeniedHint,
  actionMatches,
  parseDenial,
  stackRoleOf,
} from '../../actions/lib/core/access-denied.js';
import { AwsOperationError } from '../../actions/lib/core/errors.js';
import { STACK_GRANTS } from '../../actions/lib/core/stack-grants.js';
import { grantsModule, GRANTS_FILE } from '../../scripts/iam-audit/gen-grants.js';
import { readFileSync } from 'node:fs';

const session = (role: string) =>
  `arn:aws:sts::123456789012:assumed-role/golden-ami-github-oidc-${role}-1A2B3C4D5E6F/GitHubActions`;
const denied = (role: string, action: string, resource?: string, deny = false) =>
  `User: ${session(role)} is not authorized to perform: ${action}${resource ? ` on resource: ${resource}` : ''} ${
    deny
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`
  }`;

describe('reading a denial', () => {
  it('takes the principal, role, action and resource from the message every service sends', () => {
    const pipeline = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server';
    expect(
      parseDenial(denied('BuildRole', 'imagebuilder:StartImagePipelineExecution', pipeline)),
    ).toEqual({
      principal: session('BuildRole'),
      roleName: 'golden-ami-github-oidc-BuildRole-1A2B3C4D5E6F',
      action: 'imagebuilder:StartImagePipelineExecution',
      resource: pipeline,
      explicitDeny: false,
    });
  });

  it("reads EC2's wording (after 'You are not authorized…', before the encoded message)", () => {
    const d = parseDenial(
      `You are not authorized to perform this operation. ${denied('AppStackExecutionRole', 'ec2:RunInstances', 'arn:aws:ec2:us-east-1::image/ami-1')}. Encoded authorization failure message: abc`,
    );
    expect(d).toMatchObject({
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1::image/ami-1',
    });
  });

  it('is undefined for anything else', () => {
    expect(parseDenial('Rate exceeded')).toBeUndefined();
    expect(accessDeniedHint(new Error('ValidationError: bad'))).toBeUndefined();
  });

  it('matches actions as IAM does: case-insensitive with wildcards', () => {
    expect(actionMatches('ec2:Describe*', 'ec2:describeimages')).toBe(true);
    expect(actionMatches('ssm:GetParameter', 'ssm:GetParameters')).toBe(false);
    expect(actionMatches('ssm:GetParameter?', 'ssm:GetParameters')).toBe(true);
  });

  it('finds the stacks role in a CloudFormation-generated role name', () => {
    expect(stackRoleOf('golden-ami-github-oidc-DeployRole-XYZ', STACK_GRANTS)).toBe('DeployRole');
    expect(stackRoleOf('golden-ami-github-oidc-AppStackExecutionRole-XYZ', STACK_GRANTS)).toBe(
      'AppStackExecutionRole',
    );
    expect(stackRoleOf('someone-else', STACK_GRANTS)).toBeUndefined();
  });
});

describe('what to change', () => {
  it('names the statement that grants the action to that role when the resource is outside it', () => {
    const hint = accessDeniedHint(
      new Error(
        denied(
          'DeployRole',
          'cloudformation:CreateChangeSet',
          'arn:aws:cloudformation:us-east-1:123456789012:stack/other-app/1',
        ),
      ),
    );
    expect(hint).toBe(
      'Role golden-ami-github-oidc-DeployRole-1A2B3C4D5E6F (DeployRole in stacks/github-oidc.yml) may not cloudformation:CreateChangeSet on arn:aws:cloudformation:us-east-1:123456789012:stack/other-app/1: change statement AppStackChangeSets of stacks/github-oidc.yml, whose Resource or Condition does not cover it (the project tag, the stack prefix, the primary and DR regions), or fix the resource the step was given',
    );
  });

  it('says which role has it when the step runs with another (the build role cannot deploy)', () => {
    expect(
      accessDeniedHint(denied('BuildRole', 'cloudformation:CreateChangeSet', 'arn:s')),
    ).toMatch(
      /^Role \S+ \(BuildRole\) has no grant of cloudformation:CreateChangeSet on arn:s: DeployRole has it \(statement AppStackChangeSets of stacks\/github-oidc\.yml\); run this step with that role/,
    );
  });

  it('names the explicit deny that refuses it', () => {
    expect(
      accessDeniedHint(
        denied(
          'DeployRole',
          'cloudformation:DeleteStack',
          'arn:stack/golden-ami-github-oidc/1',
          true,
        ),
      ),
    ).toMatch(
      /explicitly denied cloudformation:DeleteStack .* by statement NeverTheInfrastructureOrTrustStacks of stacks\/github-oidc\.yml/,
    );
  });

  it('says to add an action no statement grants, in the file of that role', () => {
    expect(accessDeniedHint(denied('AppStackExecutionRole', 'ec2:CreateNatGateway'))).toBe(
      'Role golden-ami-github-oidc-AppStackExecutionRole-1A2B3C4D5E6F (AppStackExecutionRole in stacks/github-oidc.yml) has no grant of ec2:CreateNatGateway: add it to a statement of AppStackExecutionRole in stacks/github-oidc.yml and redeploy that stack',
    );
  });

  it('lists the roles that have it for a principal outside the stacks', () => {
    expect(
      accessDeniedHint(
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ssm:PutParameter on resource: arn:p because no identity-based policy allows the ssm:PutParameter action',
      ),
    ).toBe(
      'arn:aws:iam::123456789012:user/ci may not ssm:PutParameter on arn:p; the stacks grant it to BuildRole (statement AmiParameters of stacks/github-oidc.yml): the step should run with that role',
    );
  });

  it('is what AwsOperationError appends, instead of a generic hint', () => {
    const cause = Object.assign(new Error(denied('BuildRole', 'ssm:PutParameter', 'arn:p')), {
      name: 'AccessDeniedException',
    });
    const e = new AwsOperationError(
      'PutParameter',
      '/golden-ami/web-server in us-east-1',
      cause,
      'generic',
    );
    expect(e.message).toMatch(
      /^PutParameter failed for \/golden-ami\/web-server in us-east-1: AccessDeniedException: User: .* action\. Role \S+ \(BuildRole in stacks\/github-oidc\.yml\) may not ssm:PutParameter on arn:p: change statement AmiParameters of stacks\/github-oidc\.yml/,
    );
    expect(e.message).not.toMatch(/generic/);
  });
});

describe('the grants table', () => {
  it('is what scripts/iam-audit/gen-grants.ts writes from stacks/ now', () => {
    expect(readFileSync(GRANTS_FILE, 'utf8')).toBe(grantsModule());
  });
});
