import type { ActionContext } from '../core/action.js';

export async function validateAction(ctx: ActionContext): Promise<void> {
  ctx.logger.info('validate: placeholder wiring check');
  ctx.setOutput('errors', '0');
}
