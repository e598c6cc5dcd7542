/**
 * What wait-image says about a build that ended (endDiagnosis): FAILED is diagnosed, CANCELLED
 * gives Image Builder's reason once, AVAILABLE and the other terminal states add nothing.
 */
import { describe, it, expect } from '@jest/globals';
import { endDiagnosis } from '../../actions/lib/imagebuilder/wait-report.js';
import { formatDuration } from '../../actions/lib/imagebuilder/wait-image.js';

const ARN = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web-server/1.0.3/2';
const end = (status: string, reason?: string, imageName?: string) =>
  endDiagnosis({ status, region: 'eu-west-1', imageArn: ARN, imageName, reason, steps: [] });

describe('endDiagnosis', () => {
  it('a cancelled build gives its reason with one full stop, however many it had', () => {
    expect(end('CANCELLED', 'Stopped by the on-call engineer...')).toBe(
      `Image build ${ARN} was CANCELLED: Stopped by the on-call engineer.`,
    );
    expect(end('CANCELLED', ' Stopped  ')).toBe(`Image build ${ARN} was CANCELLED: Stopped.`);
  });

  it('a full stop inside the reason stays', () => {
    expect(end('CANCELLED', 'Superseded by 1.0.4. Rebuild later.')).toBe(
      `Image build ${ARN} was CANCELLED: Superseded by 1.0.4. Rebuild later.`,
    );
  });

  it('a cancelled build without a reason says only that', () => {
    expect(end('CANCELLED')).toBe(`Image build ${ARN} was CANCELLED.`);
    expect(end('CANCELLED', ' . ')).toBe(`Image build ${ARN} was CANCELLED.`);
  });

  it('a failed build is diagnosed, its log group named from the image, else from the ARN', () => {
    expect(end('FAILED', 'Component failed', 'web')).toContain(
      'CloudWatch log group /aws/imagebuilder/web ',
    );
    expect(end('FAILED', 'Component failed')).toContain(
      'CloudWatch log group /aws/imagebuilder/web-server ',
    );
  });

  it('AVAILABLE and the other terminal states add nothing', () => {
    for (const s of ['AVAILABLE', 'DEPRECATED', 'DISABLED', 'DELETED'])
      expect(end(s)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('whole minutes in minutes, anything else in seconds, zero included', () => {
    expect(formatDuration(30 * 60_000)).toBe('30 min');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(0)).toBe('0 s');
  });
});
