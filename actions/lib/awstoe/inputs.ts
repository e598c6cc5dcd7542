/**
 * Per-action `inputs` checks: shape (map or list), required and known keys, enumerations.
 * Source: the AWSTOE action module reference
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html). Shape tolerance is unverified there, so a map/list mismatch is a warning; a missing required key is an error.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml/source.js';
import { INPUT_ENUMS, type ActionSpec } from './actions-table.js';
import { checkAssertInputs } from './expressions.js';
import { checkInputType } from './input-types.js';
import {
  didYouMean,
  hasKey,
  misnamedKey,
  oneOf,
  pairs,
  report,
  field,
  type Ctx,
} from './context.js';

/** Where the step's findings go: the step, its `inputs` key, a misnamed `input:` key if any. */
export interface InputsAt {
  step: unknown;
  inputsKey: unknown;
  misnamed?: { key: string; at: unknown };
}

export function checkInputs(
  ctx: Ctx,
  action: string,
  spec: ActionSpec,
  inputs: unknown,
  present: boolean,
  where: InputsAt,
): void {
  if (!present || inputs === null || (isScalar(inputs) && inputs.value === null)) {
    const needs = spec.required.length > 0 || action === 'ExecutePowerShell' || action === 'Assert';
    if (needs) {
      const keys =
        action === 'ExecutePowerShell'
          ? '`commands` or `file`'
          : action === 'Assert'
            ? 'an expression'
            : oneOf(spec.required);
      const m = where.misnamed;
      report(
        ctx,
        m ? m.at : where.step,
        'error',
        'awstoe/missing-inputs',
        m
          ? `The ${action} step needs \`inputs\` with ${keys}; \`${m.key}\` is not a step setting: rename it to \`inputs\`.`
          : `The ${action} step needs \`inputs\` with ${keys}.`,
      );
    } else if (where.misnamed) {
      // Optional inputs under a misspelt key are not read: the step would run without them.
      report(
        ctx,
        where.misnamed.at,
        'error',
        'awstoe/misnamed-key',
        `\`${where.misnamed.key}\` is not a step setting, so these inputs would not reach the ${action} step: rename it to \`inputs\`.`,
      );
    }
    return;
  }
  if (action === 'Assert') return checkAssertInputs(ctx, inputs);
  if (isMap(inputs)) {
    if (spec.shape === 'list') {
      report(
        ctx,
        inputs,
        'warning',
        'awstoe/inputs-shape',
        `${action} \`inputs\` is documented as a list of mappings (one per file); write \`- ${spec.required[0] ?? 'key'}: …\`. A single mapping is unverified.`,
      );
    }
    checkEntry(ctx, action, spec, inputs, where.inputsKey);
    return;
  }
  if (isSeq(inputs)) {
    if (spec.shape === 'map') {
      report(
        ctx,
        inputs,
        'warning',
        'awstoe/inputs-shape',
        `${action} \`inputs\` is documented as one mapping, not a list; remove the leading \`-\`. A list is unverified.`,
      );
    }
    if (inputs.items.length === 0) {
      report(
        ctx,
        inputs,
        'error',
        'awstoe/missing-inputs',
        `${action} \`inputs\` is an empty list; add at least one entry.`,
      );
    }
    for (const item of inputs.items) {
      if (isMap(item)) checkEntry(ctx, action, spec, item, item);
      else
        report(
          ctx,
          item,
          'error',
          'awstoe/inputs-shape',
          `Each ${action} input entry must be a mapping (e.g. \`- ${spec.required[0] ?? 'key'}: …\`).`,
        );
    }
    return;
  }
  report(
    ctx,
    inputs,
    'error',
    'awstoe/inputs-shape',
    `${action} \`inputs\` must be ${spec.shape === 'map' ? 'a mapping' : 'a list of mappings'}, not a single value.`,
  );
}

/** `missingAt`: where a missing required key is reported (the `inputs` key, or the list entry). */
function checkEntry(
  ctx: Ctx,
  action: string,
  spec: ActionSpec,
  map: YAMLMap,
  missingAt: unknown,
): void {
  const known = [...spec.required, ...spec.optional];
  const enums = INPUT_ENUMS[action] ?? {};
  // A required key written slightly wrong (`command:` for `commands:`): the error goes on that key.
  const misnamed = new Map<string, { key: string; at: unknown }>();
  for (const key of spec.required) {
    if (hasKey(map, key)) continue;
    const m = misnamedKey(map, key, known);
    if (m && ![...misnamed.values()].some((x) => x.key === m.key)) misnamed.set(key, m);
  }
  const misnamedKeys = new Set([...misnamed.values()].map((m) => m.key));
  for (const { key, pair, at } of pairs(map)) {
    if (misnamedKeys.has(key)) continue;
    if (!known.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-input',
        `\`${key}\` is not a documented ${action} input (${known.join(', ') || 'none'}).${didYouMean(key, known)}`,
      );
      continue;
    }
    const allowed = enums[key];
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (allowed && v !== null && v !== undefined) {
      const text = String(v);
      if (!text.includes('{{') && !allowed.includes(text)) {
        report(
          ctx,
          pair.value,
          'error',
          'awstoe/input-value',
          `${action} \`${key}\` must be one of ${oneOf(allowed)}; found \`${text}\`.`,
        );
      }
    } else if (allowed && pair.value && !isScalar(pair.value)) {
      report(
        ctx,
        pair.value,
        'error',
        'awstoe/input-value',
        `${action} \`${key}\` must be one of ${oneOf(allowed)}, a single value.`,
      );
    } else checkInputType(ctx, action, pair);
  }
  for (const key of spec.required) {
    if (hasKey(map, key)) continue;
    const m = misnamed.get(key);
    const required = spec.required.map((k) => `\`${k}\``).join(', ');
    report(
      ctx,
      m ? m.at : missingAt,
      'error',
      'awstoe/missing-input',
      m
        ? `${action} input \`${m.key}\` is not an input; the required \`${key}\` is missing: rename \`${m.key}\` to \`${key}\` (required: ${required}).`
        : `${action} input is missing \`${key}\` (required: ${required}).`,
    );
  }
  if (action === 'ExecuteBash' || action === 'ExecutePowerShell') checkCommands(ctx, action, map);
  if (action === 'ExecuteDocument') checkExecuteDocument(ctx, map);
  if (action === 'ExecuteBinary') listOfStrings(ctx, action, map, 'arguments');
  if (action === 'Reboot' && hasKey(map, 'delaySeconds')) {
    const d = field(map, 'delaySeconds');
    if (!isScalar(d) || typeof d.value !== 'number' || !Number.isInteger(d.value) || d.value < 0) {
      report(
        ctx,
        d,
        'error',
        'awstoe/input-value',
        'Reboot `delaySeconds` must be a non-negative integer.',
      );
    }
  }
}

function checkCommands(ctx: Ctx, action: string, map: YAMLMap): void {
  if (action === 'ExecutePowerShell') {
    const c = hasKey(map, 'commands');
    const f = hasKey(map, 'file');
    if (c === f) {
      report(
        ctx,
        map,
        'error',
        'awstoe/powershell-commands-or-file',
        c
          ? 'ExecutePowerShell takes `commands` or `file`, not both; keep one.'
          : 'ExecutePowerShell needs `commands` (a list of strings) or `file` (a .ps1 path).',
      );
    }
  }
  listOfStrings(ctx, action, map, 'commands');
}

function listOfStrings(ctx: Ctx, action: string, map: YAMLMap, key: string): void {
  if (!hasKey(map, key)) return;
  const v = field(map, key);
  if (!isSeq(v)) {
    report(
      ctx,
      v,
      'error',
      'awstoe/input-value',
      `${action} \`${key}\` must be a list of strings (\`- …\` one per line); for a multi-line script use \`- |\` as one entry.`,
    );
    return;
  }
  for (const item of v.items) {
    if (item !== null && !isScalar(item)) {
      report(
        ctx,
        item,
        'error',
        'awstoe/input-value',
        `Each ${action} \`${key}\` entry must be a string; quote it if it starts with \`{\`, \`[\` or contains \`: \`.`,
      );
    }
  }
}

function checkExecuteDocument(ctx: Ctx, map: YAMLMap): void {
  const phases = field(map, 'phases');
  if (hasKey(map, 'phases') && !isScalar(phases)) {
    report(
      ctx,
      phases,
      'error',
      'awstoe/input-value',
      'ExecuteDocument `phases` is a comma-separated string, e.g. `phases: build,validate`.',
    );
  }
  const params = field(map, 'parameters');
  if (!hasKey(map, 'parameters')) return;
  if (!isSeq(params)) {
    report(
      ctx,
      params,
      'error',
      'awstoe/input-value',
      'ExecuteDocument `parameters` is a list of `{name, value}` mappings.',
    );
    return;
  }
  for (const p of params.items) {
    if (!isMap(p) || !hasKey(p, 'name') || !hasKey(p, 'value')) {
      report(
        ctx,
        p,
        'error',
        'awstoe/input-value',
        'Each ExecuteDocument parameter needs `name` and `value`, e.g. `- name: Version\n  value: "1.2"`.',
      );
    }
  }
}
