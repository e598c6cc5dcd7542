/**
 * Mocked (aws-sdk-client-mock), not on the emulator: GetImage answers the emulator cannot produce.
 * - DEPRECATED, DISABLED or DELETED: "A new image moves through build, test, and distribution
 *   statuses during creation, and ends in the AVAILABLE, FAILED, or CANCELLED state. The
 *   DEPRECATED, DISABLED, and DELETED statuses come from later resource management actions" (API
 *   reference, ImageState): lifecycle policies and DeleteImage, which the emulator does not model,
 *   so its builds end only AVAILABLE, FAILED or CANCELLED (wait-image.test.ts). The wait must still
 *   end at once on these, as ended builds, without waiting out its deadline or cancelling.
 * - CANCELLED without a `reason` (the member is optional; the emulator always gives one).
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { waitForImage } from '../../actions/lib/imagebuilder/wait-image.js';
import { context } from './helpers.js';

const ARN = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.3/2';
const mock = mockClient(ImagebuilderClient);
beforeEach(() => {
  mock.reset();
});

describe('waitForImage: an image a lifecycle policy or a deletion has ended', () => {
  it.each(['DEPRECATED', 'DISABLED', 'DELETED'])(
    'ends the wait at the first poll when %s, neither timed out nor cancelled',
    async (status) => {
      mock.on(GetImageCommand).resolves({ image: { state: { status: status as 'DEPRECATED' } } });
      const ctx = context();
      const r = await waitForImage({
        ...ctx,
        region: 'eu-west-1',
        imageBuildVersionArn: ARN,
        timeoutMs: 60 * 60_000,
        cancelOnTimeout: true,
      });
      expect(r).toMatchObject({ status, polls: 1, timedOut: false, aborted: false });
      expect(r.cancelled).toBeUndefined();
      expect(ctx.clock.now()).toBe(0);
      expect(mock.commandCalls(CancelImageCreationCommand)).toHaveLength(0);
    },
  );
});

describe('waitForImage: a CANCELLED answer without a reason', () => {
  it('says the build was cancelled, and no more', async () => {
    mock.on(GetImageCommand).resolves({ image: { state: { status: 'CANCELLED' } } });
    const r = await waitForImage({
      ...context(),
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 60 * 60_000,
      cancelOnTimeout: true,
    });
    expect(r.status).toBe('CANCELLED');
    expect(r.diagnosis).toBe(`Image build ${ARN} was CANCELLED.`);
  });
});
