/**
 * Which build a run attaches to: races between runs, finished builds of the same commit, re-runs.
 * The decisions are pure (startDecision, raceWinner); the races run against the emulator's Image
 * Builder in-process, the other run starting its build at the chosen moment of ours (afterCall).
 */
import { describe, it, expect } from '@jest/globals';
import { COMMIT_TAG, RUN_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  raceWinner,
  startBuild,
  startDecision,
} from '../../actions/lib/imagebuilder/start-build.js';
import { afterCall, buildWorld } from './build-world.js';
import { img, ours, spec } from './start-build-fixtures.js';

/** Another run starts its build once ours has been answered `command` (the first time). */
async function race(command: string) {
  const w = await buildWorld();
  let theirs: string | undefined;
  afterCall(w.ib, command, async () => {
    theirs ??= await w.startOther('555');
  });
  const r = await startBuild(w.spec, w.ctx);
  return { w, r, theirs: theirs! };
}

describe('two runs started at the same moment', () => {
  const arn = (n: number) => img(n, 'PENDING').arn;

  it('raceWinner: the lowest running build number of this recipe version wins', () => {
    const images = [img(2, 'PENDING'), img(1, 'BUILDING'), img(3, 'FAILED')];
    expect(raceWinner(images, arn(2), '1.0.3')?.arn).toBe(arn(1));
    // The winner never yields, whatever it sees.
    expect(raceWinner(images, arn(1), '1.0.3')).toBeUndefined();
    // The lowest, in whatever order the listing gives them (its order is not documented).
    const running = [img(3, 'BUILDING'), img(1, 'PENDING'), img(2, 'TESTING')];
    expect(raceWinner(running, arn(4), '1.0.3')?.arn).toBe(arn(1));
    expect(raceWinner([...running].reverse(), arn(4), '1.0.3')?.arn).toBe(arn(1));
    // Terminal builds and other recipe versions do not count.
    expect(raceWinner([img(1, 'FAILED')], arn(2), '1.0.3')).toBeUndefined();
    expect(
      raceWinner([{ ...img(1, 'BUILDING'), version: '1.0.2/1' }], arn(2), '1.0.3'),
    ).toBeUndefined();
  });

  it('the later build cancels itself and attaches to the earlier one', async () => {
    // Both listed before either started: theirs starts between our listing and our start.
    const { w, r, theirs } = await race('ListImagePipelineImagesCommand');
    const [first, second] = await w.images();
    expect(first!.arn).toBe(theirs);
    expect(r).toMatchObject({ imageBuildVersionArn: theirs, attached: true });
    expect(r.reason).toMatch(/another run started .*\/1\.0\.3\/1/);
    expect([first!.state?.status, second!.state?.status]).toEqual(['PENDING', 'CANCELLED']);
    expect(second!.tags?.[RUN_TAG]).toBe('777');
  });

  it('a later build whose cancellation AWS refuses is an error naming the call and the build', async () => {
    // SDK retries off: the test clock runs ahead of the machine's, and the SDK retries once after
    // correcting a clock skew, which would hide the injected fault.
    const w = await buildWorld({ maxAttempts: 1 });
    afterCall(w.ib, 'ListImagePipelineImagesCommand', async () => {
      if ((await w.images()).length === 0) await w.startOther('555');
    });
    w.deny('CancelImageCreation');
    await expect(startBuild(w.spec, w.ctx)).rejects.toThrow(
      /^CancelImageCreation failed for arn:aws:imagebuilder:.*\/web\/1\.0\.3\/2: AccessDeniedException/,
    );
  });

  it('the earlier build keeps going', async () => {
    // Theirs starts after ours: ours has the lower build number.
    const { w, r, theirs } = await race('StartImagePipelineExecutionCommand');
    const [first, second] = await w.images();
    expect(second!.arn).toBe(theirs);
    expect(r).toMatchObject({ imageBuildVersionArn: first!.arn, attached: false });
    expect(w.calls('CancelImageCreation')).toBe(0);
    expect([first!.state?.status, second!.state?.status]).toEqual(['PENDING', 'PENDING']);
  });
});

describe('a finished build of the same commit from another run', () => {
  const other = { [RUN_TAG]: '555', [REPOSITORY_TAG]: 'acme/golden', [COMMIT_TAG]: 'c0ffee' };

  it('is reused on a push', () => {
    const d = startDecision(
      [img(1, 'AVAILABLE', other)],
      { ...spec, reuseFinished: true, commit: 'c0ffee' },
      'acme/golden',
    );
    expect(d).toMatchObject({ attach: { version: '1.0.3/1' } });
    expect('reason' in d && d.reason).toMatch(
      /commit c0ffee was already built as web 1.0.3\/1 by run 555/,
    );
  });

  it("is attached to by a push, and rebuilt by a scheduled run, in the emulator's pipeline", async () => {
    const w = await buildWorld();
    const theirs = await w.startOther('555');
    w.finishBuilds();
    const push = { ...w.spec, reuseFinished: true, commit: w.ctx.commit };
    const r = await startBuild(push, w.ctx);
    expect(r).toMatchObject({ attached: true, imageBuildVersionArn: theirs });
    expect(r.reason).toBe('commit abcdef1 was already built as web 1.0.3/1 by run 555');
    expect(await w.images()).toHaveLength(1);
    const scheduled = await startBuild({ ...push, reuseFinished: false }, w.ctx);
    expect(scheduled.attached).toBe(false);
    expect((await w.images()).map((i) => i.state?.status)).toEqual(['AVAILABLE', 'PENDING']);
  });

  it('is rebuilt on purpose by scheduled and manual runs, and never reused across commits', () => {
    expect(
      startDecision(
        [img(1, 'AVAILABLE', other)],
        { ...spec, reuseFinished: false, commit: 'c0ffee' },
        'acme/golden',
      ),
    ).toHaveProperty('token');
    expect(
      startDecision(
        [img(1, 'AVAILABLE', other)],
        { ...spec, reuseFinished: true, commit: 'beef' },
        'acme/golden',
      ),
    ).toHaveProperty('token');
    expect(
      startDecision(
        [img(1, 'FAILED', other)],
        { ...spec, reuseFinished: true, commit: 'c0ffee' },
        'acme/golden',
      ),
    ).toHaveProperty('token');
  });
});

describe('which builds count as this recipe version, this run, this repository', () => {
  const tokenOf = (d: ReturnType<typeof startDecision>) => ('token' in d ? d.token : undefined);
  const plain = tokenOf(startDecision([], spec, 'acme/golden'));

  it('does not attach to a running build of another recipe version', () => {
    const older = { ...img(4, 'BUILDING'), version: '1.0.2/4' };
    expect(tokenOf(startDecision([older], spec, 'acme/golden'))).toBe(plain);
    // An image the listing returns without a version is taken as this version's (the filter asked).
    expect(
      startDecision([{ ...img(1, 'BUILDING'), version: undefined }], spec, 'acme/golden'),
    ).toHaveProperty('attach');
  });

  it("does not take another repository's builds for this run's", () => {
    const theirs = { [RUN_TAG]: '777', [REPOSITORY_TAG]: 'other/repo' };
    expect(tokenOf(startDecision([img(1, 'AVAILABLE', theirs)], spec, 'acme/golden'))).toBe(plain);
    // …nor their failures for ours: the token stays the plain one.
    expect(tokenOf(startDecision([img(1, 'FAILED', theirs)], spec, 'acme/golden'))).toBe(plain);
    expect(
      tokenOf(
        startDecision(
          [img(1, 'AVAILABLE', { ...theirs, [COMMIT_TAG]: 'c0ffee' })],
          { ...spec, reuseFinished: true, commit: 'c0ffee' },
          'acme/golden',
        ),
      ),
    ).toBe(plain);
  });

  it('a cancelled build of this run is rebuilt like a failed one, with a fresh token', () => {
    const cancelled = tokenOf(startDecision([img(1, 'CANCELLED', ours)], spec, 'acme/golden'));
    expect(cancelled).toBeDefined();
    expect(cancelled).not.toBe(plain);
    expect(cancelled).toBe(tokenOf(startDecision([img(1, 'FAILED', ours)], spec, 'acme/golden')));
  });

  it('each further failure gets a new token, so a third attempt does not get the second one back', () => {
    const one = tokenOf(startDecision([img(1, 'FAILED', ours)], spec, 'acme/golden'));
    const two = tokenOf(
      startDecision([img(1, 'FAILED', ours), img(2, 'FAILED', ours)], spec, 'acme/golden'),
    );
    expect(new Set([plain, one, two]).size).toBe(3);
    // Our finished builds of other states do not count as failures.
    expect(tokenOf(startDecision([img(1, 'DELETED', ours)], spec, 'acme/golden'))).toBe(plain);
  });

  it('the token depends on repository, image and recipe version too', () => {
    const tokens = [
      plain,
      tokenOf(startDecision([], spec, 'acme/other')),
      tokenOf(startDecision([], { ...spec, image: 'db' }, 'acme/golden')),
      tokenOf(startDecision([], { ...spec, recipeVersion: '1.0.4' }, 'acme/golden')),
    ];
    expect(new Set(tokens).size).toBe(4);
  });

  it('an image without an ARN is never attached to', () => {
    const noArn = { ...img(1, 'BUILDING'), arn: undefined };
    expect(tokenOf(startDecision([noArn], spec, 'acme/golden'))).toBe(plain);
    expect(
      tokenOf(
        startDecision([{ ...img(1, 'AVAILABLE', ours), arn: undefined }], spec, 'acme/golden'),
      ),
    ).toBe(plain);
  });
});

describe('after starting, against a build started at the same moment', () => {
  it('only a running build of the same recipe version with a lower build number wins', () => {
    const ours5 = img(5, 'PENDING').arn;
    expect(raceWinner([img(3, 'BUILDING'), img(4, 'PENDING')], ours5, '1.0.3')?.arn).toBe(
      img(3, 'BUILDING').arn,
    );
    expect(raceWinner([img(6, 'PENDING')], ours5, '1.0.3')).toBeUndefined();
    expect(raceWinner([img(1, 'AVAILABLE'), img(2, 'CANCELLED')], ours5, '1.0.3')).toBeUndefined();
    expect(raceWinner([{ ...img(1, 'PENDING'), arn: undefined }], ours5, '1.0.3')).toBeUndefined();
    // Build numbers compare as numbers: 10 is after 9.
    expect(raceWinner([img(10, 'PENDING')], img(9, 'PENDING').arn, '1.0.3')).toBeUndefined();
    expect(raceWinner([img(9, 'PENDING')], img(10, 'PENDING').arn, '1.0.3')?.arn).toBe(
      img(9, 'PENDING').arn,
    );
  });

  it('cancels its own build with a deterministic token, and says so in the log', async () => {
    const cancelled = async () => {
      const { w } = await race('ListImagePipelineImagesCommand');
      const tokens = w.tokens('CancelImageCreation');
      expect(tokens).toHaveLength(1);
      return { token: tokens[0], log: w.ctx.logger.text() };
    };
    const a = await cancelled();
    const b = await cancelled();
    expect(a.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(b.token).toBe(a.token);
    expect(a.log).toMatch(
      /Cancelled .*web\/1\.0\.3\/2 and attaching to .*web\/1\.0\.3\/1: another run started/,
    );
    expect(a.log).toMatch(/Started .*web\/1\.0\.3\/2 \(clientToken [0-9a-f-]{36}\)/);
  });
});
