import type { Inputs } from './inputs.js';
import type { Logger } from './logger.js';
import type { Clock } from './clock.js';

/**
 * What an action's logic gets from the runner edge. Actions are plain async functions of this, so
 * the CLI and the tests call them with a console logger and record-backed inputs.
 */
export interface ActionContext {
  inputs: Inputs;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  setOutput(name: string, value: string): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
}

export type ActionMain = (ctx: ActionContext) => Promise<void>;
