/**
 * Which regions an AMI is published to (primary first, each once, each with its own AMI), the checks
 * that need no AWS, and what a partial failure says. Pure: no client.
 */
import { describe, it, expect } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { PublishError, planRegions, type PublishRequest } from '../../actions/lib/ssm/publish.js';

const AMI = 'ami-0123456789abcdef0';
const OLD = 'ami-0fedcba9876543210';
const NAME = '/golden-ami/web';

describe('the regions an AMI is published to', () => {
  const req: PublishRequest = {
    amis: { 'us-east-1': AMI, 'us-west-2': OLD },
    parameterName: NAME,
    primaryRegion: 'us-east-1',
    drRegions: ['us-west-2'],
    labels: [],
    tags: {},
  };

  it('the primary first, then the DR regions; a primary listed as DR too counts once', () => {
    expect(planRegions(req)).toEqual(['us-east-1', 'us-west-2']);
    expect(planRegions({ ...req, drRegions: ['us-east-1', 'us-west-2'] })).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    expect(planRegions({ ...req, drRegions: [] })).toEqual(['us-east-1']);
  });

  it('takes a plain name or a full path, and refuses a relative path', () => {
    expect(planRegions({ ...req, parameterName: 'golden-ami-web' })).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    expect(() => planRegions({ ...req, parameterName: 'golden-ami/web' })).toThrow(
      new ConfigurationError(
        "Parameter name 'golden-ami/web' contains '/' but does not start with it: use a full path such as /golden-ami/<image>.",
      ),
    );
  });

  it('refuses a DR region listed twice, naming it', () => {
    expect(() => planRegions({ ...req, drRegions: ['us-west-2', 'us-west-2'] })).toThrow(
      'Region us-west-2 is listed twice in the DR regions: list each once.',
    );
  });

  it('names every region without an AMI and the regions that have one', () => {
    expect(() =>
      planRegions({
        ...req,
        drRegions: ['eu-west-1', 'us-west-2', 'ap-south-1'],
      }),
    ).toThrow(
      'No AMI given for eu-west-1, ap-south-1 (AMIs are known for: us-east-1, us-west-2). ' +
        'Add the region to the distribution configuration, or remove it from primary-region/dr-regions.',
    );
    expect(() => planRegions({ ...req, amis: {} })).toThrow(
      'No AMI given for us-east-1, us-west-2 (AMIs are known for: none).',
    );
  });

  it('checks every label, naming the input to change', () => {
    expect(() => planRegions({ ...req, labels: ['ok-label', 'aws-reserved'] })).toThrow(
      ConfigurationError,
    );
    expect(() => planRegions({ ...req, labels: ['ok-label', 'aws-reserved'] })).toThrow(
      /^Label 'aws-reserved' .*: change it in the 'labels' input\.$/,
    );
  });

  it('a partial failure lists what was published and what failed, with the re-run advice', () => {
    const e = new PublishError(
      NAME,
      [
        {
          region: 'us-east-1',
          ami: AMI,
          version: 4,
          written: true,
          labels: [],
          invalidLabels: [],
        },
        {
          region: 'eu-west-1',
          ami: OLD,
          version: 2,
          written: false,
          labels: [],
          invalidLabels: [],
        },
      ],
      [{ region: 'us-west-2', ami: OLD, error: new Error('boom') }],
    );
    expect(e.message).toBe(
      `Publishing ${NAME} failed in 1 of 3 region(s).\n` +
        `Published: us-east-1 (${AMI} → version 4), eu-west-1 (${OLD} → version 2, unchanged).\n` +
        `Failed:\n  us-west-2 (${OLD}): boom\n` +
        'Fix the cause and re-run: regions that already hold their AMI are not written again.',
    );
    expect(new PublishError(NAME, [], [{ region: 'r', ami: AMI, error: 'x' }]).message).toContain(
      'Published: none.',
    );
  });
});
