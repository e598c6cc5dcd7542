import { describe, it, expect } from '@jest/globals';
import { Inputs } from '../../../actions/lib/core/inputs.js';
import { readPublishInputs, renderPublishSummary } from '../../../actions/publish-ami/main.js';

describe('publish-ami inputs', () => {
  const vals: Record<string, string> = {
    amis: '{"us-east-1":"ami-0123456789abcdef0","eu-west-1":"ami-0fedcba9876543210"}',
    'parameter-name': '/golden-ami/web',
    'primary-region': 'us-east-1',
    'dr-regions': 'eu-west-1',
    labels: 'release\n# comment',
    'build-version': '1.2.3/4',
    tags: 'image=web\nowner=platform,infra',
  };
  const inputs = (over: Record<string, string> = {}) =>
    new Inputs((n) => ({ ...vals, ...over })[n] ?? '', 'publish-ami');

  it('reads inputs, deriving labels from build version and GITHUB_SHA', () => {
    const req = readPublishInputs(inputs(), { GITHUB_SHA: 'abc1234ffff' });
    expect(req).toMatchObject({
      parameterName: '/golden-ami/web',
      primaryRegion: 'us-east-1',
      drRegions: ['eu-west-1'],
      labels: ['build-1.2.3-4', 'commit-abc1234', 'release'],
      tags: { image: 'web', owner: 'platform,infra' },
      validationTimeoutMs: 120_000,
    });
  });

  it('accepts comma or line region lists and rejects bad input', () => {
    const req = readPublishInputs(
      inputs({ 'dr-regions': 'eu-west-1, eu-central-1\nus-west-2' }),
      {},
    );
    expect(req.drRegions).toEqual(['eu-west-1', 'eu-central-1', 'us-west-2']);
    expect(() => readPublishInputs(inputs({ amis: '["ami-1"]' }), {})).toThrow(
      'JSON object of region to AMI ID',
    );
    expect(() => readPublishInputs(inputs({ 'dr-regions': 'europe' }), {})).toThrow(
      "Input 'dr-regions' of action 'publish-ami' must be an AWS region like eu-west-1, got 'europe'.",
    );
  });

  it('names the JSON key that is not a region', () => {
    expect(() => readPublishInputs(inputs({ amis: '{"us-east":"ami-1"}' }), {})).toThrow(
      "Input 'amis' of action 'publish-ami' must be an AWS region like eu-west-1, got 'us-east'.",
    );
  });

  it('renders the summary with failures', () => {
    const md = renderPublishSummary(
      '/golden-ami/web',
      [
        {
          region: 'us-east-1',
          ami: 'ami-1',
          version: 7,
          written: true,
          labels: ['build-1'],
          invalidLabels: [],
        },
      ],
      [{ region: 'eu-west-1', ami: 'ami-2', error: new Error('x') }],
    );
    expect(md).toContain('| us-east-1 | `ami-1` | 7 | yes | build-1 |');
    expect(md).toContain('| eu-west-1 | `ami-2` | — | **failed** | |');
  });
});
