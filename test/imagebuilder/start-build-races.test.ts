/** Which build a run attaches to: races between runs, finished builds of the same commit, re-runs. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CancelImageCreationCommand,
  ImagebuilderClient,
  ListImagePipelineImagesCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { COMMIT_TAG, RUN_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  raceWinner,
  startBuild,
  startDecision,
} from '../../actions/lib/imagebuilder/start-build.js';
import { awsError, context } from './helpers.js';
import { img, ours, spec } from './start-build-fixtures.js';

const mock = mockClient(ImagebuilderClient);

beforeEach(() => {
  mock.reset();
});

describe('two runs started at the same moment', () => {
  const arn = (n: number) => img(n, 'PENDING').arn;

  it('raceWinner: the lowest running build number of this recipe version wins', () => {
    const images = [img(2, 'PENDING'), img(1, 'BUILDING'), img(3, 'FAILED')];
    expect(raceWinner(images, arn(2), '1.0.3')?.arn).toBe(arn(1));
    // The winner never yields, whatever it sees.
    expect(raceWinner(images, arn(1), '1.0.3')).toBeUndefined();
    // Terminal builds and other recipe versions do not count.
    expect(raceWinner([img(1, 'FAILED')], arn(2), '1.0.3')).toBeUndefined();
    expect(
      raceWinner([{ ...img(1, 'BUILDING'), version: '1.0.2/1' }], arn(2), '1.0.3'),
    ).toBeUndefined();
  });

  it('the later build cancels itself and attaches to the earlier one', async () => {
    mock
      .on(ListImagePipelineImagesCommand)
      .resolvesOnce({ imageSummaryList: [] })
      .resolves({ imageSummaryList: [img(1, 'PENDING'), img(2, 'PENDING', ours)] });
    mock.on(StartImagePipelineExecutionCommand).resolves({ imageBuildVersionArn: arn(2) });
    mock.on(CancelImageCreationCommand).resolves({});
    const r = await startBuild(spec, context());
    expect(r).toMatchObject({ imageBuildVersionArn: arn(1), attached: true });
    expect(r.reason).toMatch(/another run started .*\/1\.0\.3\/1/);
    expect(
      mock.commandCalls(CancelImageCreationCommand)[0]?.args[0].input.imageBuildVersionArn,
    ).toBe(arn(2));
  });

  it('the earlier build keeps going', async () => {
    mock
      .on(ListImagePipelineImagesCommand)
      .resolvesOnce({ imageSummaryList: [] })
      .resolves({ imageSummaryList: [img(1, 'PENDING', ours), img(2, 'PENDING')] });
    mock.on(StartImagePipelineExecutionCommand).resolves({ imageBuildVersionArn: arn(1) });
    const r = await startBuild(spec, context());
    expect(r).toMatchObject({ imageBuildVersionArn: arn(1), attached: false });
    expect(mock.commandCalls(CancelImageCreationCommand)).toHaveLength(0);
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
    const race = async () => {
      mock.reset();
      mock
        .on(ListImagePipelineImagesCommand)
        .resolvesOnce({ imageSummaryList: [] })
        .resolves({ imageSummaryList: [img(1, 'BUILDING'), img(2, 'PENDING', ours)] });
      mock
        .on(StartImagePipelineExecutionCommand)
        .resolves({ imageBuildVersionArn: img(2, 'PENDING').arn });
      mock.on(CancelImageCreationCommand).resolves({});
      const ctx = context();
      await startBuild(spec, ctx);
      const calls = mock.commandCalls(CancelImageCreationCommand);
      expect(calls).toHaveLength(1);
      return { token: calls[0]!.args[0].input.clientToken, log: ctx.logger.text() };
    };
    const a = await race();
    const b = await race();
    expect(a.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(b.token).toBe(a.token);
    expect(a.log).toMatch(
      /Cancelled .*web\/1\.0\.3\/2 and attaching to .*web\/1\.0\.3\/1: another run started/,
    );
    expect(a.log).toMatch(/Started .*web\/1\.0\.3\/2 \(clientToken [0-9a-f-]{36}\)/);
  });

  it('an explained IdempotentParameterMismatch names the run, the image and the recipe version', async () => {
    mock.on(ListImagePipelineImagesCommand).resolves({});
    mock
      .on(StartImagePipelineExecutionCommand)
      .rejects(awsError('IdempotentParameterMismatchException'));
    const err = (await startBuild(spec, context()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(
      'repository acme/golden, image web, recipe version 1.0.3, run 777',
    );
    expect(err.message).toContain('do not share the name web.');
    expect((err as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
  });
});
