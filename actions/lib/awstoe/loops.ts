/**
 * Step `loop`: exactly one of `for` {start, end, updateBy} and `forEach` (list, or {list, delimiter}).
 * Source: looping constructs (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-looping-constructs.html).
 */
import { isMap, isScalar, isSeq } from '../yaml/source.js';
import {
  didYouMean,
  field,
  hasKey,
  intValue,
  keyNode,
  pairs,
  report,
  type Ctx,
} from './context.js';

const LOOP_KEYS = ['name', 'for', 'forEach'];
const FOR_KEYS = ['start', 'end', 'updateBy'];
const FOREACH_KEYS = ['list', 'delimiter'];

/** Check a loop; returns its name (if any) for the per-phase uniqueness check. */
export function checkLoop(ctx: Ctx, node: unknown): { name?: string; nameNode?: unknown } {
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/loop-shape',
      'A `loop` must be a mapping with `for: {start, end, updateBy}` or `forEach: [...]` (and an optional `name`).',
    );
    return {};
  }
  for (const { key, at } of pairs(node)) {
    if (!LOOP_KEYS.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a loop setting (${LOOP_KEYS.join(', ')}).${didYouMean(key, LOOP_KEYS)}`,
      );
    }
  }
  const hasFor = hasKey(node, 'for');
  const hasForEach = hasKey(node, 'forEach');
  if (hasFor === hasForEach) {
    report(
      ctx,
      node,
      'error',
      'awstoe/loop-shape',
      hasFor
        ? 'A loop has both `for` and `forEach`; keep exactly one.'
        : 'A loop needs exactly one of `for: {start, end, updateBy}` or `forEach: [...]`.',
    );
  }
  if (hasFor) checkFor(ctx, field(node, 'for'));
  if (hasForEach) checkForEach(ctx, field(node, 'forEach'));
  const nameNode = field(node, 'name');
  if (!hasKey(node, 'name')) return {};
  const name = isScalar(nameNode) && nameNode.value !== null ? String(nameNode.value) : undefined;
  if (name === undefined) {
    report(
      ctx,
      nameNode,
      'error',
      'awstoe/loop-shape',
      'The loop `name` must be a string; remove it or give it a value.',
    );
    return {};
  }
  return { name, nameNode };
}

function checkFor(ctx: Ctx, node: unknown): void {
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/loop-for',
      '`for` must be a mapping `{start: <int>, end: <int>, updateBy: <non-zero int>}`.',
    );
    return;
  }
  for (const { key, at } of pairs(node)) {
    if (!FOR_KEYS.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a \`for\` setting (${FOR_KEYS.join(', ')}).${didYouMean(key, FOR_KEYS)}`,
      );
    }
  }
  const values: Record<string, number | undefined> = {};
  for (const key of FOR_KEYS) {
    if (!hasKey(node, key)) {
      report(ctx, node, 'error', 'awstoe/loop-for', `\`for\` needs \`${key}\` (an integer).`);
      continue;
    }
    const v = field(node, key);
    const n = intValue(v);
    // A whole `{{ Param }}` is accepted for a bound: parameters resolve before the loop runs.
    if (
      n === undefined &&
      !(isScalar(v) && typeof v.value === 'string' && /^\{\{[^{}]+\}\}$/.test(v.value.trim()))
    ) {
      report(
        ctx,
        v ?? keyNode(node, key),
        'error',
        'awstoe/loop-for',
        `\`${key}\` must be an integer; found \`${isScalar(v) ? String(v.value) : 'a collection'}\`.`,
      );
    }
    values[key] = n;
  }
  const { start, end, updateBy } = values;
  if (updateBy === 0) {
    report(
      ctx,
      field(node, 'updateBy'),
      'error',
      'awstoe/loop-for',
      '`updateBy` must not be 0: the loop would never end.',
    );
  } else if (
    start !== undefined &&
    end !== undefined &&
    updateBy !== undefined &&
    (end - start) * updateBy < 0
  ) {
    report(
      ctx,
      field(node, 'updateBy'),
      'error',
      'awstoe/loop-for',
      `\`updateBy: ${updateBy}\` moves away from \`end: ${end}\` (start ${start}); the loop could never finish. Flip its sign.`,
    );
  }
}

function checkForEach(ctx: Ctx, node: unknown): void {
  if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item)) {
        report(
          ctx,
          item,
          'error',
          'awstoe/loop-foreach',
          'Each `forEach` entry must be a string; loops support only string data.',
        );
      }
    }
    return;
  }
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/loop-foreach',
      '`forEach` must be a list of strings or a mapping `{list: "a,b", delimiter: ","}`.',
    );
    return;
  }
  for (const { key, at } of pairs(node)) {
    if (!FOREACH_KEYS.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a \`forEach\` setting (${FOREACH_KEYS.join(', ')}).${didYouMean(key, FOREACH_KEYS)}`,
      );
    }
  }
  const list = field(node, 'list');
  if (!hasKey(node, 'list')) {
    report(
      ctx,
      node,
      'error',
      'awstoe/loop-foreach',
      '`forEach` as a mapping needs `list` (a delimited string).',
    );
  } else if (!isScalar(list) || list.value === null) {
    report(
      ctx,
      list,
      'error',
      'awstoe/loop-foreach',
      '`forEach.list` must be one delimited string, e.g. `list: "a,b,c"`.',
    );
  }
  if (hasKey(node, 'delimiter')) {
    const d = field(node, 'delimiter');
    const s = isScalar(d) && d.value !== null ? String(d.value) : '';
    if (s.length !== 1) {
      report(
        ctx,
        d,
        'error',
        'awstoe/loop-foreach',
        `\`delimiter\` must be exactly one character; found \`${s}\`.`,
      );
    }
  }
}
