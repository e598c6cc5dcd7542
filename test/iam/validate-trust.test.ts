import { describe, it, expect } from '@jest/globals';
import { subjectScope } from '../../actions/lib/iam/validate-trust.js';
import { policyChecks } from './policy-checks.js';

const { iam, messages } = policyChecks();

describe('validate: GitHub OIDC trust', () => {
  function trust(
    condition: string[],
    federated = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  ): string {
    return [
      'Resources:', // 1
      '  R:', // 2
      '    Type: AWS::IAM::Role', // 3
      '    Properties:', // 4
      '      AssumeRolePolicyDocument:', // 5
      "        Version: '2012-10-17'", // 6
      '        Statement:', // 7
      '          - Effect: Allow', // 8
      `            Principal: {Federated: '${federated}'}`, // 9
      '            Action: sts:AssumeRoleWithWebIdentity', // 10
      ...condition.map((l) => `            ${l}`), // 11...
      '',
    ].join('\n');
  }

  it('accepts audience and a pinned subject', () => {
    const t = trust([
      'Condition:',
      '  StringEquals:',
      '    token.actions.githubusercontent.com:aud: sts.amazonaws.com',
      "    token.actions.githubusercontent.com:sub: 'repo:org@1/repo@2:environment:production'",
    ]);
    expect(iam(t)).toEqual([]);
  });

  it('a wildcard-only subject is an error at its value; a whole-owner or any-ref subject a warning', () => {
    const t = trust([
      'Condition:', // 11
      '  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}', // 12
      '  StringLike:', // 13
      '    token.actions.githubusercontent.com:sub:', // 14
      "      - 'repo:*'", // 15
      "      - '*'", // 16
      "      - 'repo:org/*'", // 17
      "      - 'repo:org/repo:*'", // 18
      "      - 'repo:org/repo:ref:refs/heads/*'", // 19
    ]);
    expect(iam(t)).toEqual([
      '15 iam/oidc-wildcard-subject',
      '16 iam/oidc-wildcard-subject',
      '17 iam/oidc-wide-subject',
      '18 iam/oidc-wide-subject',
    ]);
  });

  it('no audience is a warning, no subject an error, no condition at all an error', () => {
    expect(
      iam(
        trust([
          'Condition:',
          "  StringEquals: {token.actions.githubusercontent.com:sub: 'repo:o/r:ref:refs/heads/main'}",
        ]),
      ),
    ).toEqual(['11 iam/oidc-no-audience']);
    expect(
      iam(
        trust([
          'Condition:',
          '  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}',
        ]),
      ),
    ).toEqual(['11 iam/oidc-no-subject']);
    expect(iam(trust([]))).toEqual(['8 iam/oidc-trust-unconditioned']);
  });

  it('recognises the provider through !Ref of the template OIDCProvider, and checks claim names', () => {
    const t = [
      ...trust(
        [
          'Condition:', // 11
          '  StringEquals:', // 12
          '    token.actions.githubusercontent.com:enviroment: production', // 13
          "    token.actions.githubusercontent.com:sub: 'repo:o/r:ref:refs/heads/main'", // 14
        ],
        'PLACEHOLDER',
      )
        .replace("'PLACEHOLDER'", '!Ref Provider')
        .split('\n'),
      '  Provider:',
      '    Type: AWS::IAM::OIDCProvider',
      '    Properties: {Url: https://token.actions.githubusercontent.com, ClientIdList: [sts.amazonaws.com]}',
    ].join('\n');
    expect(iam(t)).toEqual(['11 iam/oidc-no-audience', '13 iam/unknown-condition-key']);
    expect(messages(t)[1]).toMatch(/Did you mean `environment`\?/);
  });

  it('subjectScope reads both subject forms and treats template parameters as concrete', () => {
    expect(subjectScope('repo:X/X:ref:refs/heads/main')).toBeUndefined();
    expect(subjectScope('repo:org@1/repo@2:environment:production')).toBeUndefined();
    expect(subjectScope('repo:org@1/*')).toBe('owner');
    expect(subjectScope('*:environment:production')).toBe('any');
    expect(subjectScope('repo:o*/r:ref:x')).toBe('any');
  });
});
