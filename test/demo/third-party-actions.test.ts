import { describe, expect, it } from '@jest/globals';
import { checkPinnedStep, pinnedAction } from '../../scripts/demo/third-party-actions.js';

const checkout = pinnedAction('actions/checkout')!;

describe('checkPinnedStep', () => {
  it('accepts the recorded SHA with inputs that release declares', () => {
    expect(
      checkPinnedStep(`actions/checkout@${checkout.sha}`, ['persist-credentials', 'fetch-depth']),
    ).toEqual([]);
  });

  it('rejects an input the pinned release does not declare, listing the ones it has', () => {
    const [problem] = checkPinnedStep(
      `actions/setup-node@${pinnedAction('actions/setup-node')!.sha}`,
      ['always-auth'],
    );
    expect(problem).toContain("actions/setup-node@v7.0.0 has no input 'always-auth'");
    expect(problem).toContain('package-manager-cache');
  });

  it('rejects a pin the demo has no record of, saying what to update', () => {
    const [problem] = checkPinnedStep(
      'actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955',
      [],
    );
    expect(problem).toContain(`the demo knows v7.0.1 (${checkout.sha})`);
    expect(problem).toContain('third-party-actions.ts');
  });

  it('rejects an action it does not know', () => {
    expect(checkPinnedStep('someone/else@v1', [])[0]).toContain("'someone/else' is not an action");
  });
});
