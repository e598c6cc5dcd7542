/**
 * reconcile-components' details that mutation testing found unasserted (issue 18): what the log
 * says it created from, the description AWS takes (1 to 1024 characters), a refused read of a
 * version's builds, and the file the too-large error points at. Against the emulator.
 */
import { describe, it, expect } from '@jest/globals';
import {
  INLINE_DATA_LIMIT,
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { componentWorld, DOC, want } from './reconcile-components-world.js';

const withDescription = (description: string) =>
  prepareComponent({
    file: 'components/apache.yml',
    text: DOC.replace('description: Install Apache', `description: "${description}"`),
    name: 'apache',
    platform: 'Linux',
  });

describe('reconcileComponent: details', () => {
  it('says which file it created the version from', async () => {
    const w = await componentWorld();
    await reconcileComponent(want, {}, w.ctx);
    expect(w.ctx.logger.text()).toContain(
      'component apache: created 1.0.0 from components/apache.yml',
    );
  });

  it('cuts a description over 1024 characters to 1024, which CreateComponent takes', async () => {
    const w = await componentWorld();
    const r = await reconcileComponent(withDescription('d'.repeat(1500)), {}, w.ctx);
    expect(r.outcome).toBe('created');
    expect((await w.get(r.arn)).description).toBe('d'.repeat(1024));
  });

  it('sends no description for an empty one (CreateComponent refuses an empty string)', async () => {
    const w = await componentWorld();
    const r = await reconcileComponent(withDescription(''), {}, w.ctx);
    expect(r.outcome).toBe('created');
    expect((await w.get(r.arn)).description).toBeUndefined();
  });

  it('a refused read of a version’s builds names the call and the version', async () => {
    const w = await componentWorld();
    await w.existing('1.0.0');
    w.deny('ListComponentBuildVersions');
    await expect(reconcileComponent(want, {}, w.ctx)).rejects.toThrow(
      /^ListComponentBuildVersions failed for arn:aws:imagebuilder:[^:]+:\d+:component\/apache\/1\.0\.0: AccessDeniedException/,
    );
  });

  it('a document over the inline limit is an error at its file', () => {
    const text = `name: big\nschemaVersion: 1.0\ndescription: "${'x'.repeat(INLINE_DATA_LIMIT)}"\n`;
    let error: unknown;
    try {
      prepareComponent({ file: 'components/big.yml', text, name: 'big', platform: 'Linux' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ file: 'components/big.yml' });
  });
});
