/**
 * Component reconcile on answers the emulator cannot give, so they stay on aws-sdk-client-mock
 * (issue 12; everything else is in reconcile-components.test.ts, against the emulator):
 * - a ListComponents answer holding another name than the `name` filter asked for: the emulator
 *   filters exactly (model.ts `applyFilters`), while the API reference does not say the filter is
 *   an exact match, so the library keeps only its own name;
 * - a CreateComponent answer without `componentBuildVersionArn`: the emulator always returns it;
 * - CreateComponent refusing an existing version with ResourceAlreadyExistsException (as recipes
 *   are refused; the library keeps handling it in case a component create is refused that way):
 *   the emulator models today's API, which adds a build instead (auto-versioning, November 2025,
 *   components.ts), and the SDK's model declares no such error for CreateComponent. The same
 *   re-read after a conflict is staged on the emulator with IdempotentParameterMismatchException.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateComponentCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
} from '@aws-sdk/client-imagebuilder';
import { HASH_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { awsError, componentArn, context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);
const want = prepareComponent({
  file: 'components/apache.yml',
  text: 'name: apache\ndescription: Install Apache\nschemaVersion: 1.0\nphases: []\n',
  name: 'apache',
  platform: 'Linux',
});

beforeEach(() => {
  mock.reset();
  // A version nobody created has no builds.
  mock.on(ListComponentBuildVersionsCommand).resolves({ componentSummaryList: [] });
});

function listed(...items: { name: string; version: string }[]) {
  mock.on(ListComponentsCommand).resolves({
    componentVersionList: items.map((v) => ({ ...v, arn: componentArn(v.name, v.version) })),
  });
}

describe('reconcileComponent on answers the emulator does not give', () => {
  it('ignores a listed component of another name that the name filter let through', async () => {
    listed({ name: 'apache-other', version: '9.0.0' }, { name: 'apache', version: '1.0.7' });
    mock
      .on(CreateComponentCommand)
      .resolves({ componentBuildVersionArn: componentArn('apache', '1.0.8', 1) });
    const r = await reconcileComponent(want, {}, context());
    expect(r).toMatchObject({ outcome: 'created', version: '1.0.8' });
    const read = mock
      .commandCalls(ListComponentBuildVersionsCommand)
      .map((c) => c.args[0].input.componentVersionArn);
    expect(read).not.toContain(componentArn('apache-other', '9.0.0'));
  });

  it('a create answered without an ARN yields the version ARN', async () => {
    listed({ name: 'apache', version: '1.0.3' });
    mock.on(CreateComponentCommand).resolves({});
    const r = await reconcileComponent({ ...want, version: '2.0.0' }, {}, context());
    expect(r).toMatchObject({
      outcome: 'created',
      version: '2.0.0',
      arn: componentArn('apache', '2.0.0'),
    });
  });

  it('still handles ResourceAlreadyExistsException (the API before auto-versioning)', async () => {
    listed();
    mock
      .on(ListComponentBuildVersionsCommand, {
        componentVersionArn: componentArn('apache', '1.0.0'),
      })
      .resolvesOnce({ componentSummaryList: [] })
      .resolves({
        componentSummaryList: [
          { arn: componentArn('apache', '1.0.0', 1), tags: { [HASH_TAG]: want.hash } },
        ],
      });
    mock.on(CreateComponentCommand).rejects(awsError('ResourceAlreadyExistsException'));
    const ctx = context();
    const r = await reconcileComponent(want, {}, ctx);
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(ctx.logger.text()).toContain('1.0.0 already exists with this content; reusing it');
  });
});
