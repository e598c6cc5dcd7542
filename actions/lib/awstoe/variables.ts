/**
 * `parameters` and `constants`: lists of single-key mappings.
 * Source: variables (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-user-defined-variables.html): names 3–128
 * characters of [A-Za-z0-9_-], unique across both sections; `type: string` only; constants need `value`.
 * `allowedValues` is observed in aws-samples (KiwiNg) and accepted.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml/source.js';
import { didYouMean, firstAt, misnamedKey, pairs, report, type Ctx } from './context.js';

const NAME_RE = /^[A-Za-z0-9_-]{3,128}$/;
const KEYS = {
  parameters: ['type', 'default', 'description', 'allowedValues'],
  constants: ['type', 'value', 'description'],
} as const;

type Section = keyof typeof KEYS;

/** Validate both sections; returns every defined name (parameters and constants). */
export function checkVariables(ctx: Ctx, root: YAMLMap): Set<string> {
  const names = new Map<string, unknown>();
  for (const section of ['parameters', 'constants'] as const) {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === section);
    if (pair) checkSection(ctx, section, pair.value, pair.key, names);
  }
  return new Set(names.keys());
}

function checkSection(
  ctx: Ctx,
  section: Section,
  node: unknown,
  keyNode: unknown,
  names: Map<string, unknown>,
): void {
  const singular = section === 'parameters' ? 'parameter' : 'constant';
  const example =
    section === 'parameters'
      ? '- MyName:\n      type: string\n      default: x'
      : '- MyName:\n      type: string\n      value: x';
  if (isMap(node)) {
    report(
      ctx,
      node,
      'error',
      `awstoe/${singular}-shape`,
      `\`${section}\` is a mapping keyed by name (the SSM document style); AWSTOE wants a list of single-key mappings: \`${example.replace(/\n\s*/g, ' ')}\`.`,
    );
    return;
  }
  if (!isSeq(node)) {
    report(
      ctx,
      node ?? keyNode,
      'error',
      `awstoe/${singular}-shape`,
      `\`${section}\` must be a list of single-key mappings such as \`${example.replace(/\n\s*/g, ' ')}\`; remove the key if there are none.`,
    );
    return;
  }
  for (const item of node.items) {
    if (!isMap(item)) {
      report(
        ctx,
        item,
        'error',
        `awstoe/${singular}-shape`,
        `Each ${singular} must be a single-key mapping \`${example.replace(/\n\s*/g, ' ')}\`.`,
      );
      continue;
    }
    const first = item.items[0];
    const hasNameKey = item.items.some((p) => isScalar(p.key) && p.key.value === 'name');
    if (hasNameKey && (item.items.length > 1 || (first && !isMap(first.value)))) {
      report(
        ctx,
        item,
        'error',
        `awstoe/${singular}-shape`,
        `This ${singular} is written in the workflow style (\`- name: X\` with sibling keys); AWSTOE wants the name as the key: \`${example.replace(/\n\s*/g, ' ')}\`.`,
      );
      continue;
    }
    if (item.items.length !== 1 || !first) {
      report(
        ctx,
        item,
        'error',
        `awstoe/${singular}-shape`,
        `A ${singular} entry must have exactly one key (its name) holding its settings; this one has ${item.items.length}. Indent the settings under the name.`,
      );
      continue;
    }
    checkEntry(ctx, section, first.key, first.value, names);
  }
}

function checkEntry(
  ctx: Ctx,
  section: Section,
  keyNode: unknown,
  body: unknown,
  names: Map<string, unknown>,
): void {
  const singular = section === 'parameters' ? 'parameter' : 'constant';
  const name = checkName(ctx, singular, keyNode, names);
  if (!isMap(body)) {
    report(
      ctx,
      body ?? keyNode,
      'error',
      `awstoe/${singular}-shape`,
      `The ${singular} \`${name}\` needs its settings as a mapping under the name, at least \`type: string\`${section === 'constants' ? ' and `value`' : ''}.`,
    );
    return;
  }
  // A constant with `default:` (or `Value:`) instead of `value:`: the error goes on that key.
  const misnamed =
    section === 'constants' ? misnamedKey(body, 'value', KEYS[section], ['default']) : undefined;
  const { type, hasValue } = checkSettings(ctx, section, name, body, misnamed?.key);
  checkType(ctx, singular, name, keyNode, type);
  if (section === 'constants' && !hasValue) checkConstantValue(ctx, name, keyNode, misnamed);
}

/** A name: a YAML string of 3–128 `[A-Za-z0-9_-]`, unique across both sections. */
function checkName(
  ctx: Ctx,
  singular: string,
  keyNode: unknown,
  names: Map<string, unknown>,
): string {
  const raw = isScalar(keyNode) ? keyNode.value : undefined;
  if (typeof raw !== 'string') {
    report(
      ctx,
      keyNode,
      'error',
      'awstoe/variable-name',
      `The ${singular} name \`${String(raw)}\` must be written as a YAML string (quote it).`,
    );
  } else if (!NAME_RE.test(raw)) {
    report(
      ctx,
      keyNode,
      'error',
      'awstoe/variable-name',
      `The ${singular} name \`${raw}\` is invalid: names are 3–128 characters of letters, digits, \`_\` and \`-\`. Rename it (and every \`{{ ${raw} }}\`).`,
    );
  }
  const name = String(raw);
  if (names.has(name)) {
    report(
      ctx,
      keyNode,
      'error',
      'awstoe/duplicate-variable',
      `\`${name}\` is defined twice${firstAt(ctx, names.get(name))}; parameter and constant names must be unique across both sections. Rename or remove one.`,
    );
  } else names.set(name, keyNode);
  return name;
}

/** The settings under a name: known keys, string `default`/`value`; returns `type` and whether a constant has `value`. */
function checkSettings(
  ctx: Ctx,
  section: Section,
  name: string,
  body: YAMLMap,
  misnamed: string | undefined,
): { type: unknown; hasValue: boolean } {
  const singular = section === 'parameters' ? 'parameter' : 'constant';
  const allowed: readonly string[] = KEYS[section];
  let type: unknown;
  let hasValue = false;
  for (const { key, pair, at } of pairs(body)) {
    if (key === 'type') type = pair.value;
    else if (key === 'value') hasValue = section === 'constants';
    if (key === misnamed && !body.items.some((p) => isScalar(p.key) && p.key.value === 'value'))
      continue;
    if (!allowed.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a documented ${singular} setting (${allowed.join(', ')}); AWSTOE may reject or ignore it.${didYouMean(key, allowed)}`,
      );
    } else if ((key === 'default' || key === 'value') && pair.value && !isScalar(pair.value)) {
      report(
        ctx,
        pair.value,
        'error',
        'awstoe/variable-type',
        `The ${singular} \`${name}\` ${key} must be a string; loops and inputs receive only strings. Write the list as a delimited string.`,
      );
    }
  }
  return { type, hasValue };
}

function checkType(
  ctx: Ctx,
  singular: string,
  name: string,
  keyNode: unknown,
  type: unknown,
): void {
  if (type === undefined) {
    report(
      ctx,
      keyNode,
      'error',
      'awstoe/variable-type',
      `The ${singular} \`${name}\` needs \`type: string\`.`,
    );
  } else if (!isScalar(type) || type.value !== 'string') {
    report(
      ctx,
      type,
      'error',
      'awstoe/variable-type',
      `The ${singular} \`${name}\` has type \`${isScalar(type) ? String(type.value) : '?'}\`; the only supported type is \`string\` (SSM's \`String\`/\`StringList\` do not apply).`,
    );
  }
}

/** A constant without `value`: on the misnamed key (`default:`, `Value:`) if there is one. */
function checkConstantValue(
  ctx: Ctx,
  name: string,
  keyNode: unknown,
  misnamed: { key: string; at: unknown } | undefined,
): void {
  if (misnamed) {
    report(
      ctx,
      misnamed.at,
      'error',
      'awstoe/constant-value',
      `The constant \`${name}\` needs \`value\`, not \`${misnamed.key}\`${misnamed.key === 'default' ? ' (a parameter setting)' : ''}: rename the key to \`value\`.`,
    );
  } else {
    report(
      ctx,
      keyNode,
      'error',
      'awstoe/constant-value',
      `The constant \`${name}\` needs a \`value\`.`,
    );
  }
}
