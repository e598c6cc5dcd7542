// Authorization mapping of Image Builder's pipelines, images, workflows, scans and tags (authz/map-imagebuilder.ts).
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

const { IB } = AUTHZ_IDS;

let fx: MappingFixture;
beforeAll(async () => {
  fx = await mappingFixture();
});

/** One sample request per operation and what IAM must see for it. */
const CASES: MappingCase[] = [
  [
    'imagebuilder',
    'CreateImagePipeline',
    { name: 'Web', tags: { 'imagebuilder-gitops:project': 'golden-ami' } },
    [
      {
        action: 'imagebuilder:CreateImagePipeline',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:RequestTag/imagebuilder-gitops:project': 'golden-ami' },
      },
    ],
  ],
  [
    'imagebuilder',
    'UpdateImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [
      {
        action: 'imagebuilder:UpdateImagePipeline',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami' },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:GetImagePipeline', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'ListImagePipelines',
    {},
    [{ action: 'imagebuilder:ListImagePipelines', resource: '*' }],
  ],
  [
    'imagebuilder',
    'DeleteImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:DeleteImagePipeline', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'StartImagePipelineExecution',
    { imagePipelineArn: `${IB}:image-pipeline/web`, tags: { commit: 'abc' } },
    [
      {
        action: 'imagebuilder:StartImagePipelineExecution',
        resource: `${IB}:image-pipeline/web`,
        keys: {
          'aws:RequestTag/commit': 'abc',
          'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami',
        },
      },
    ],
  ],
  [
    'imagebuilder',
    'ListImagePipelineImages',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:ListImagePipelineImages', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'GetImage',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:GetImage', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListImageBuildVersions',
    { imageVersionArn: `${IB}:image/web/1.0.0` },
    [{ action: 'imagebuilder:ListImageBuildVersions', resource: `${IB}:image/web/1.0.0/*` }],
  ],
  [
    'imagebuilder',
    'CancelImageCreation',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:CancelImageCreation', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListWorkflowExecutions',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:ListWorkflowExecutions', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListWorkflowStepExecutions',
    { workflowExecutionId: 'wf-0123' },
    [
      {
        action: 'imagebuilder:ListWorkflowStepExecutions',
        resource: `${IB}:workflow-execution/wf-0123`,
      },
    ],
  ],
  [
    'imagebuilder',
    'TagResource',
    { resourceArn: `${IB}:image-pipeline/web`, tags: { a: 'b' } },
    [
      {
        action: 'imagebuilder:TagResource',
        resource: `${IB}:image-pipeline/web`,
        keys: {
          'aws:RequestTag/a': 'b',
          'aws:TagKeys': ['a'],
          'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami',
        },
      },
    ],
  ],
  [
    'imagebuilder',
    'UntagResource',
    { resourceArn: `${IB}:image-pipeline/web`, tagKeys: ['a'] },
    [
      {
        action: 'imagebuilder:UntagResource',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:TagKeys': ['a'] },
      },
    ],
  ],
  [
    'imagebuilder',
    'ListTagsForResource',
    { resourceArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:ListTagsForResource', resource: `${IB}:image-pipeline/web` }],
  ],
  // Operations the emulator-today branch adds (mapped ahead of its merge).
  ['imagebuilder', 'ListImages', {}, [{ action: 'imagebuilder:ListImages', resource: '*' }]],
  // The scan gate's calls.
  [
    'imagebuilder',
    'ListImageScanFindings',
    {},
    [{ action: 'imagebuilder:ListImageScanFindings', resource: '*' }],
  ],
  [
    'imagebuilder',
    'ListImageScanFindingAggregations',
    {},
    [{ action: 'imagebuilder:ListImageScanFindingAggregations', resource: '*' }],
  ],
];

describe('authorization mapping: Image Builder pipelines, images, workflows, scans, tags', () => {
  it('has a case for every imagebuilder operation of this group the emulator serves', () => {
    expect(uncoveredOperations('imagebuilder', CASES, (o) => !isResourceOperation(o))).toEqual([]);
  });

  it.each(CASES)('%s.%s', (...c) => expectMapping(fx, c));
});
