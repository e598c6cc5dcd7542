import { describe, it, expect } from '@jest/globals';
import {
  evaluateTrust,
  type AuthzRequest,
  type NamedPolicy,
} from '../../actions/lib/iam/evaluate.js';
import { policy } from './policy-fixtures.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const trust: NamedPolicy = policy('trust', {
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    StringLike: {
      'token.actions.githubusercontent.com:sub': 'repo:org@1/repo@2:environment:production',
    },
  },
});
const web = (federated: string, claims: Record<string, string>): AuthzRequest => ({
  action: 'sts:AssumeRoleWithWebIdentity',
  resource: ROLE,
  principal: { arn: federated, federated },
  context: Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [`token.actions.githubusercontent.com:${k}`, v]),
  ),
});

describe('evaluateTrust: GitHub OIDC web identity', () => {
  it('allows the Federated principal when the aud and sub conditions hold', () => {
    const d = evaluateTrust(
      web(PROVIDER, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:environment:production' }),
      trust,
    );
    expect(d.decision).toBe('Allow');
  });

  it('denies another subject, another audience, another provider', () => {
    expect(
      evaluateTrust(
        web(PROVIDER, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:ref:refs/heads/main' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
    expect(
      evaluateTrust(
        web(PROVIDER, { aud: 'other', sub: 'repo:org@1/repo@2:environment:production' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
    const other = 'arn:aws:iam::123456789012:oidc-provider/gitlab.com';
    expect(
      evaluateTrust(
        web(other, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:environment:production' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
  });

  it('StringLike on sub with a wildcard admits every ref of the repository', () => {
    const wide = policy('wide', {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:*' } },
    });
    expect(evaluateTrust(web(PROVIDER, { sub: 'repo:org/repo:pull_request' }), wide).decision).toBe(
      'Allow',
    );
    expect(
      evaluateTrust(web(PROVIDER, { sub: 'repo:org/other:pull_request' }), wide).decision,
    ).toBe('ImplicitDeny');
  });
});

describe('evaluateTrust: Service, AWS and NotPrincipal principals', () => {
  it('Service and AWS principals: a role ARN matches its sessions, an account matches its principals', () => {
    const svc = policy('svc', {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const asService = (service: string): AuthzRequest => ({
      action: 'sts:AssumeRole',
      resource: ROLE,
      principal: { arn: service, service },
      context: {},
    });
    expect(evaluateTrust(asService('ec2.amazonaws.com'), svc).decision).toBe('Allow');
    expect(evaluateTrust(asService('lambda.amazonaws.com'), svc).decision).toBe('ImplicitDeny');

    const aws = (principal: string): ReturnType<typeof evaluateTrust>['decision'] =>
      evaluateTrust(
        {
          action: 'sts:AssumeRole',
          resource: ROLE,
          principal: { arn: 'arn:aws:sts::123456789012:assumed-role/Builder/run-1' },
          context: {},
        },
        policy('t', { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }),
      ).decision;
    expect(aws('arn:aws:iam::123456789012:role/ci/Builder')).toBe('Allow');
    expect(aws('arn:aws:iam::123456789012:role/Other')).toBe('ImplicitDeny');
    expect(aws('123456789012')).toBe('Allow');
    expect(aws('arn:aws:iam::123456789012:root')).toBe('Allow');
    expect(aws('arn:aws:iam::210987654321:root')).toBe('ImplicitDeny');
    expect(aws('*')).toBe('Allow');
  });

  it('a role of the same name in another account or partition is another role; service names ignore case', () => {
    const session = (arn: string, principal: string) =>
      evaluateTrust(
        { action: 'sts:AssumeRole', resource: ROLE, principal: { arn }, context: {} },
        policy('t', { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }),
      ).decision;
    const run = 'arn:aws:sts::123456789012:assumed-role/Builder/run-1';
    expect(session(run, 'arn:aws:iam::123456789012:role/Builder')).toBe('Allow');
    expect(session(run, 'arn:aws:iam::210987654321:role/Builder')).toBe('ImplicitDeny');
    expect(session(run, 'arn:aws-cn:iam::123456789012:role/Builder')).toBe('ImplicitDeny');
    expect(session(run, 'arn:aws:iam::123456789012:role/Build')).toBe('ImplicitDeny');
    expect(session(run, '210987654321')).toBe('ImplicitDeny');
    // A user ARN names that user only, not the role sessions of its account.
    expect(session(run, 'arn:aws:iam::123456789012:user/Builder')).toBe('ImplicitDeny');
    expect(
      session('arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::123456789012:user/alice'),
    ).toBe('Allow');

    const svc = policy('svc', {
      Effect: 'Allow',
      Principal: { Service: ['imagebuilder.amazonaws.com', 'ec2.amazonaws.com'] },
      Action: 'sts:AssumeRole',
    });
    const asService = (service: string) =>
      evaluateTrust(
        {
          action: 'sts:AssumeRole',
          resource: ROLE,
          principal: { arn: service, service },
          context: {},
        },
        svc,
      ).decision;
    expect(asService('EC2.amazonaws.com')).toBe('Allow');
    expect(asService('imagebuilder.amazonaws.com')).toBe('Allow');
    // No principal at all (an anonymous request) matches no named principal.
    expect(
      evaluateTrust({ action: 'sts:AssumeRole', resource: ROLE, context: {} }, svc).decision,
    ).toBe('ImplicitDeny');
  });

  it('NotPrincipal with Deny denies everyone but the named principal', () => {
    const p = policy(
      't',
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/Builder' },
        Action: 'sts:AssumeRole',
      },
    );
    const as = (arn: string): string =>
      evaluateTrust(
        { action: 'sts:AssumeRole', resource: ROLE, principal: { arn }, context: {} },
        p,
      ).decision;
    expect(as('arn:aws:sts::123456789012:assumed-role/Builder/s')).toBe('Allow');
    expect(as('arn:aws:sts::123456789012:assumed-role/Intruder/s')).toBe('ExplicitDeny');
  });

  it('a trust statement without Principal or NotPrincipal applies to no one', () => {
    const p = policy('t', { Effect: 'Allow', Action: 'sts:AssumeRole' });
    expect(
      evaluateTrust(
        { action: 'sts:AssumeRole', resource: ROLE, principal: { arn: 'x' }, context: {} },
        p,
      ).decision,
    ).toBe('ImplicitDeny');
  });
});
