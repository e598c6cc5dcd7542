// Authorization mapping of Image Builder's components, recipes and configurations (authz/map-imagebuilder.ts).
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUTHZ_IDS,
  expectMapping,
  isResourceOperation,
  mappingFixture,
  uncoveredOperations,
  type MappingCase,
  type MappingFixture,
} from './helpers.js';

const { A, IB } = AUTHZ_IDS;

let fx: MappingFixture;
beforeAll(async () => {
  fx = await mappingFixture();
});

/** One sample request per operation and what IAM must see for it. */
const CASES: MappingCase[] = [
  [
    'imagebuilder',
    'CreateComponent',
    { name: 'Hello', semanticVersion: '1.0.0', tags: { project: 'x' } },
    [
      {
        action: 'imagebuilder:CreateComponent',
        resource: `${IB}:component/hello/1.0.0/3`,
        keys: { 'aws:RequestTag/project': 'x', 'aws:TagKeys': ['project'] },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetComponent',
    { componentBuildVersionArn: `${IB}:component/hello/1.0.0/1` },
    [{ action: 'imagebuilder:GetComponent', resource: `${IB}:component/hello/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListComponents',
    {},
    [{ action: 'imagebuilder:ListComponents', resource: '*' }],
  ],
  [
    'imagebuilder',
    'ListComponentBuildVersions',
    { componentVersionArn: `${IB}:component/hello/1.0.0` },
    [
      {
        action: 'imagebuilder:ListComponentBuildVersions',
        resource: `${IB}:component/hello/1.0.0/*`,
      },
    ],
  ],
  [
    'imagebuilder',
    'DeleteComponent',
    { componentBuildVersionArn: `${IB}:component/hello/1.0.0/1` },
    [{ action: 'imagebuilder:DeleteComponent', resource: `${IB}:component/hello/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'CreateImageRecipe',
    { name: 'Web', semanticVersion: '2.0.1' },
    [{ action: 'imagebuilder:CreateImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'GetImageRecipe',
    { imageRecipeArn: `${IB}:image-recipe/web/2.0.1` },
    [{ action: 'imagebuilder:GetImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'ListImageRecipes',
    {},
    [{ action: 'imagebuilder:ListImageRecipes', resource: '*' }],
  ],
  [
    'imagebuilder',
    'DeleteImageRecipe',
    { imageRecipeArn: `${IB}:image-recipe/web/2.0.1` },
    [{ action: 'imagebuilder:DeleteImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'CreateInfrastructureConfiguration',
    {
      name: 'infra',
      instanceProfileName: 'ib-profile',
      instanceMetadataOptions: { httpTokens: 'required' },
      tags: { p: 'v' },
    },
    [
      {
        action: 'imagebuilder:CreateInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
        keys: { 'imagebuilder:Ec2MetadataHttpTokens': 'required', 'aws:RequestTag/p': 'v' },
      },
      {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${A}:role/ib-instance`,
        keys: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetInfrastructureConfiguration',
    { infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra` },
    [
      {
        action: 'imagebuilder:GetInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
    ],
  ],
  [
    'imagebuilder',
    'ListInfrastructureConfigurations',
    {},
    [{ action: 'imagebuilder:ListInfrastructureConfigurations', resource: '*' }],
  ],
  [
    'imagebuilder',
    'UpdateInfrastructureConfiguration',
    {
      infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra`,
      instanceProfileName: 'ib-profile',
    },
    [
      {
        action: 'imagebuilder:UpdateInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
      { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/ib-instance` },
    ],
  ],
  [
    'imagebuilder',
    'DeleteInfrastructureConfiguration',
    { infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra` },
    [
      {
        action: 'imagebuilder:DeleteInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
    ],
  ],
  [
    'imagebuilder',
    'CreateDistributionConfiguration',
    { name: 'Dist' },
    [
      {
        action: 'imagebuilder:CreateDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'GetDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:GetDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'ListDistributionConfigurations',
    {},
    [{ action: 'imagebuilder:ListDistributionConfigurations', resource: '*' }],
  ],
  [
    'imagebuilder',
    'UpdateDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:UpdateDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'DeleteDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:DeleteDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
];

describe('authorization mapping: Image Builder components, recipes, configurations', () => {
  it('has a case for every imagebuilder operation of this group the emulator serves', () => {
    expect(uncoveredOperations('imagebuilder', CASES, isResourceOperation)).toEqual([]);
  });

  it.each(CASES)('%s.%s', (...c) => expectMapping(fx, c));
});
