/**
 * The edge between the Actions runner and our library: builds the ActionContext from
 * `@actions/core`, runs the action once, and turns any error into `core.setFailed`. A user's mistake
 * (ConfigurationError) is printed as its located message; anything else is a bug of ours and keeps
 * its stack trace.
 */
import * as core from '@actions/core';
import { Inputs } from '../core/inputs.js';
import { isConfigurationError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import type { ActionMain } from '../core/action.js';
import { ActionsLogger } from './actions-logger.js';

export async function run(name: string, main: ActionMain): Promise<void> {
  const logger = new ActionsLogger();
  try {
    await main({
      inputs: new Inputs((n) => core.getInput(n), name),
      logger,
      clock: systemClock,
      env: process.env,
      setOutput: (k, v) => core.setOutput(k, v),
      summary: async (md) => {
        if (!process.env.GITHUB_STEP_SUMMARY) {
          core.info(md);
          return;
        }
        await core.summary.addRaw(md, true).write();
      },
    });
  } catch (e) {
    if (isConfigurationError(e)) {
      core.setFailed(e.located);
      if (e.file) core.error(e.message, { file: e.file, startLine: e.line, startColumn: e.column });
    } else if (e instanceof Error) {
      core.setFailed(`${name}: ${e.message}`);
      core.debug(e.stack ?? '');
      // An unexpected error is a bug of ours: keep the stack in the log, not only in debug.
      if (!(e.name === 'AwsOperationError')) core.info(e.stack ?? '');
    } else {
      core.setFailed(`${name}: ${String(e)}`);
    }
  }
}
