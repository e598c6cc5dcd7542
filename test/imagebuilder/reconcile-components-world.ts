/**
 * The reconcile-components tests' world: the emulator's Image Builder in-process (issue 12), a
 * ReconcileContext on it, other writers of component `apache` (an earlier or racing run of this
 * pipeline, someone else), and readers of what the emulator stores: versions listed, the builds
 * of a version with their hash tags, a build's details, the client tokens it has seen.
 */
import {
  CreateComponentCommand,
  GetComponentCommand,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
} from '@aws-sdk/client-imagebuilder';
import { HASH_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { prepareComponent } from '../../actions/lib/imagebuilder/reconcile-components.js';
import type { ReconcileContext } from '../../actions/lib/imagebuilder/reconcile-context.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { inProcessAws, testClock, type InProcessOptions } from '../support/in-process-aws.js';
import { componentArn, context, REGION } from './helpers.js';

export const DOC =
  'name: apache\ndescription: Install Apache\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n' +
  '      - name: install\n        action: ExecuteBash\n        inputs:\n          commands: [dnf install -y httpd]\n';
/** Other content under the same name (someone else's, or an older commit's). */
export const OTHER_DOC = DOC.replace('httpd', 'nginx');

export const want = prepareComponent({
  file: 'components/apache.yml',
  text: DOC,
  name: 'apache',
  platform: 'Linux',
});

/** The version ARN of apache `version` (what ListComponentBuildVersions takes). */
export const versionArn = (version: string) => componentArn('apache', version);

export async function componentWorld(options: InProcessOptions = {}) {
  const aws = inProcessAws({ clock: testClock(), ...options });
  const ib = aws.ib(REGION);
  const ctx = context(ib);
  /** Another writer (console, CLI, another branch) creating apache `version` with `tags`. */
  const existing = async (version: string, tags?: Record<string, string>, data = OTHER_DOC) =>
    (
      await aws.ib(REGION).send(
        new CreateComponentCommand({
          name: 'apache',
          semanticVersion: version,
          platform: 'Linux',
          data,
          tags,
        }),
      )
    ).componentBuildVersionArn!;
  /** The builds of apache `version`: build number and hash tag, in build order. */
  const builds = async (version: string) =>
    (
      (
        await ib.send(
          new ListComponentBuildVersionsCommand({ componentVersionArn: versionArn(version) }),
        )
      ).componentSummaryList ?? []
    )
      .map((b) => ({ build: Number(b.arn!.split('/').pop()), hash: b.tags?.[HASH_TAG] }))
      .sort((a, b) => a.build - b.build);
  /** Every version of `name` ListComponents shows, all pages. */
  const versions = async (name = 'apache') => {
    const out: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ib.send(
        new ListComponentsCommand({ filters: [{ name: 'name', values: [name] }], nextToken }),
      );
      out.push(...(page.componentVersionList ?? []).map((v) => v.version!));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  };
  const get = async (buildArn: string) =>
    (await ib.send(new GetComponentCommand({ componentBuildVersionArn: buildArn }))).component!;
  /**
   * The client tokens the emulator has recorded (its idempotency records) for the CreateComponent
   * requests of runs of this pipeline (those tagging the repository); the SDK gives every other
   * request a random one.
   */
  const tokens = () =>
    Object.entries(ibState(aws.emulator.admin.dump(), REGION).tokens)
      .filter(([k, v]) => k.startsWith('CreateComponent:') && v.request.includes(REPOSITORY_TAG))
      .map(([k]) => k.slice('CreateComponent:'.length));
  /** The next call of `operation` is denied (the emulator's fault injection). */
  const deny = (operation: string) =>
    aws.emulator.admin.addFault({ service: 'imagebuilder', operation, kind: 'denied', count: 1 });
  /**
   * Another run of this pipeline on its own client: same repository and project, `over` for what
   * differs (the commit, its message).
   */
  const otherRun = (over: Partial<ReconcileContext> = {}) => ({
    ...context(aws.ib(REGION)),
    ...over,
  });
  /**
   * Stages a race: `writer` runs once, just before our next CreateComponent leaves the client,
   * i.e. after we read the version and found it free.
   */
  const beforeOurCreate = (writer: () => Promise<unknown>) => {
    let pending: (() => Promise<unknown>) | undefined = writer;
    ib.middlewareStack.add(
      (next, hctx) => async (args) => {
        if (hctx.commandName === 'CreateComponentCommand' && pending) {
          const run = pending;
          pending = undefined;
          await run();
        }
        return next(args);
      },
      { step: 'initialize', name: 'raceBeforeOurCreate' },
    );
  };
  return { aws, ib, ctx, existing, builds, versions, get, tokens, deny, otherRun, beforeOurCreate };
}
