/**
 * One step's own settings: known keys, `name` (unique per phase), `action` (one of the action
 * modules, case-sensitive), `onFailure`, `timeoutSeconds`, `maxAttempts`, `if`, and its `inputs`
 * (checked per action in inputs.ts). The step list, loops and references are in phases-steps.ts.
 * Source: the step fields of the AWSTOE component document schema
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html#document-schema)
 * and the action module reference
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html): Reboot
 * takes no step timeout; ExecuteDocument runs with `timeoutSeconds: -1` and `maxAttempts: 1`.
 */
import { isScalar, type YAMLMap } from '../yaml/source.js';
import { ACTIONS, ACTION_NAMES, actionByCaseInsensitiveName } from './actions-table.js';
import {
  didYouMean,
  field,
  hasKey,
  intValue,
  keyNode,
  misnamedKey,
  oneOf,
  pairs,
  report,
  scalarText,
  uniqueName,
  type Ctx,
} from './context.js';
import { checkIf } from './expressions.js';
import { checkInputs } from './inputs.js';

const STEP_KEYS = [
  'name',
  'action',
  'inputs',
  'timeoutSeconds',
  'onFailure',
  'maxAttempts',
  'if',
  'loop',
];
const ON_FAILURE = ['Abort', 'Continue', 'Ignore'];

type Misnamed = { key: string; at: unknown } | undefined;

/** Checks one step; `names` holds the step names already seen in its phase (and gains this one). */
export function checkStep(ctx: Ctx, step: YAMLMap, names: Map<string, unknown>): void {
  // `input:` for `inputs:`, `Action:` for `action:`: the error for the missing key goes on it.
  const misInputs = hasKey(step, 'inputs') ? undefined : misnamedKey(step, 'inputs', STEP_KEYS);
  const misAction = hasKey(step, 'action') ? undefined : misnamedKey(step, 'action', STEP_KEYS);
  checkStepKeys(ctx, step, [misInputs?.key, misAction?.key]);
  checkStepName(ctx, step, names);
  const action = checkAction(ctx, step, misAction);
  checkOnFailure(ctx, step);
  checkTimeoutSeconds(ctx, step, action);
  checkMaxAttempts(ctx, step, action);
  if (hasKey(step, 'if')) checkIf(ctx, field(step, 'if'));
  checkStepInputs(ctx, step, action, misInputs);
}

/** Unknown step keys, except the misnamed ones (their finding is the missing key's). */
function checkStepKeys(ctx: Ctx, step: YAMLMap, misnamed: (string | undefined)[]): void {
  for (const { key, at } of pairs(step)) {
    if (misnamed.includes(key) || STEP_KEYS.includes(key)) continue;
    report(
      ctx,
      at,
      'warning',
      'awstoe/unknown-key',
      `\`${key}\` is not a step setting (${STEP_KEYS.join(', ')}); AWSTOE may reject it.${didYouMean(key, STEP_KEYS)}`,
    );
  }
}

function checkStepName(ctx: Ctx, step: YAMLMap, names: Map<string, unknown>): void {
  uniqueName(
    ctx,
    step,
    names,
    {
      rule: 'awstoe/step-name',
      message: 'Each step needs a `name` (a string, unique within its phase).',
    },
    {
      rule: 'awstoe/duplicate-step',
      message: (name, first) =>
        `The step name \`${name}\` is already used in this phase${first}; step names must be unique within a phase. Rename one.`,
    },
  );
}

/** Returns the canonical action (also for a case-only mismatch), or undefined. */
function checkAction(ctx: Ctx, step: YAMLMap, misnamed: Misnamed): string | undefined {
  const node = field(step, 'action');
  const action = scalarText(node);
  if (action === undefined) {
    report(
      ctx,
      hasKey(step, 'action') ? node : (misnamed?.at ?? step),
      'error',
      'awstoe/missing-action',
      misnamed && !hasKey(step, 'action')
        ? `Each step needs an \`action\`; \`${misnamed.key}\` is not a step setting: rename it to \`action\` (keys are case-sensitive).`
        : 'Each step needs an `action`, one of the AWSTOE action modules (e.g. `ExecuteBash`).',
    );
    return undefined;
  }
  if (ACTIONS[action]) return action;
  const cased = actionByCaseInsensitiveName(action);
  if (cased) {
    report(
      ctx,
      node,
      'warning',
      'awstoe/action-case',
      `Action names are case-sensitive: write \`${cased}\`, not \`${action}\`.`,
    );
    return cased;
  }
  const hint = didYouMean(action, ACTION_NAMES);
  report(
    ctx,
    node,
    'error',
    'awstoe/unknown-action',
    `\`${action}\` is not an AWSTOE action module.${hint || ` Use one of: ${ACTION_NAMES.join(', ')}.`}`,
  );
  return undefined;
}

/** A value as shown in a message: the scalar's text, or `a collection`. */
function shown(v: unknown): string {
  return isScalar(v) ? String(v.value) : 'a collection';
}

function checkOnFailure(ctx: Ctx, step: YAMLMap): void {
  if (!hasKey(step, 'onFailure')) return;
  const v = field(step, 'onFailure');
  if (isScalar(v) && typeof v.value === 'string' && ON_FAILURE.includes(v.value)) return;
  report(
    ctx,
    v,
    'error',
    'awstoe/on-failure',
    `\`onFailure\` must be ${oneOf(ON_FAILURE)}; found \`${shown(v)}\`.`,
  );
}

function checkTimeoutSeconds(ctx: Ctx, step: YAMLMap, action: string | undefined): void {
  if (!hasKey(step, 'timeoutSeconds')) return;
  const v = field(step, 'timeoutSeconds');
  const n = intValue(v);
  if (action === 'Reboot') {
    report(
      ctx,
      keyNode(step, 'timeoutSeconds'),
      'error',
      'awstoe/reboot-timeout',
      'The Reboot action does not support a step timeout; remove `timeoutSeconds` (use inputs `delaySeconds` to wait).',
    );
  } else if (n === undefined || n === 0 || n < -1) {
    report(
      ctx,
      v,
      'error',
      'awstoe/timeout-seconds',
      `\`timeoutSeconds\` must be a positive integer, or -1 for no timeout; found \`${shown(v)}\`.`,
    );
  } else if (action === 'ExecuteDocument' && n !== -1) {
    report(
      ctx,
      v,
      'error',
      'awstoe/execute-document-limits',
      'ExecuteDocument always runs with `timeoutSeconds: -1`; set -1 or remove the key.',
    );
  }
}

function checkMaxAttempts(ctx: Ctx, step: YAMLMap, action: string | undefined): void {
  if (!hasKey(step, 'maxAttempts')) return;
  const v = field(step, 'maxAttempts');
  const n = intValue(v);
  if (n === undefined || n < 1) {
    report(
      ctx,
      v,
      'error',
      'awstoe/max-attempts',
      `\`maxAttempts\` must be a positive integer; found \`${shown(v)}\`.`,
    );
  } else if (action === 'ExecuteDocument' && n !== 1) {
    report(
      ctx,
      v,
      'error',
      'awstoe/execute-document-limits',
      'ExecuteDocument always runs with `maxAttempts: 1`; set 1 or remove the key.',
    );
  }
}

/** The inputs of a known action; a misnamed `inputs` key of an unknown action is still flagged. */
function checkStepInputs(
  ctx: Ctx,
  step: YAMLMap,
  action: string | undefined,
  misInputs: Misnamed,
): void {
  const spec = action ? ACTIONS[action] : undefined;
  if (action && spec) {
    checkInputs(ctx, action, spec, field(step, 'inputs'), hasKey(step, 'inputs'), {
      step: field(step, 'name') ?? step,
      inputsKey: keyNode(step, 'inputs'),
      ...(misInputs ? { misnamed: misInputs } : {}),
    });
  } else if (misInputs) {
    report(
      ctx,
      misInputs.at,
      'warning',
      'awstoe/unknown-key',
      `\`${misInputs.key}\` is not a step setting; did you mean \`inputs\`?`,
    );
  }
}
