/**
 * Conditional expressions for `if` and the `Assert` action.
 * Sources: conditional constructs (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-conditional-constructs.html:
 * one operator at the top level, logical nesting at most 4 levels, then/else one of
 * Abort|Execute|Skip), comparison operators
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-comparison-operators.html) and logical operators
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-logical-operators.html).
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml/source.js';
import { didYouMean, oneOf, pairs, report, type Ctx } from './context.js';

/** Comparison operators compared against a sibling `value`. */
const WITH_VALUE = [
  'stringEquals',
  'stringLessThan',
  'stringLessThanEquals',
  'stringGreaterThan',
  'stringGreaterThanEquals',
  'patternMatches',
  'numberEquals',
  'numberLessThan',
  'numberLessThanEquals',
  'numberGreaterThan',
  'numberGreaterThanEquals',
];
/** Comparison operators that take only their own operand. */
const UNARY = ['stringIsEmpty', 'stringIsWhitespace', 'binaryExists', 'fileExists', 'folderExists'];
/** File hash operators: the expected hash, with the file in a sibling `path` (comparison operators page; unverified). */
const FILE_HASH = ['fileMD5Equals', 'fileSHA1Equals', 'fileSHA256Equals', 'fileSHA512Equals'];
const LOGICAL = ['and', 'or', 'not'];
export const OPERATORS: readonly string[] = [...WITH_VALUE, ...UNARY, ...FILE_HASH, ...LOGICAL];
const OPERATOR_SET = new Set(OPERATORS);
const WITH_VALUE_SET = new Set(WITH_VALUE);
const FILE_HASH_SET = new Set(FILE_HASH);
const OPERANDS = new Set(['value', 'path']);
export const STEP_ACTIONS = ['Abort', 'Execute', 'Skip'];
export const MAX_LOGICAL_DEPTH = 4;

/** Check a step's `if` (mapping form, or the docs' one-item list form). */
export function checkIf(ctx: Ctx, node: unknown): void {
  if (isSeq(node)) {
    if (node.items.length !== 1) {
      report(
        ctx,
        node,
        'error',
        'awstoe/if-multiple-operators',
        `\`if\` holds ${node.items.length} expressions; it must hold exactly one. Combine conditions with \`and\`/\`or\`.`,
      );
    }
    for (const item of node.items) checkTop(ctx, item);
    return;
  }
  checkTop(ctx, node);
}

function checkTop(ctx: Ctx, node: unknown): void {
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/if-not-expression',
      `\`if\` must be a mapping with one operator, e.g. \`if: {binaryExists: 'dnf'}\`; found ${describe(node)}.`,
    );
    return;
  }
  checkExpression(ctx, node, 0, true);
}

/** Check `Assert` inputs: one expression, no then/else. */
export function checkAssertInputs(ctx: Ctx, node: unknown): void {
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/assert-inputs',
      `Assert \`inputs\` must be one comparison or logical expression (a mapping such as \`{stringEquals: 'a', value: 'b'}\`); found ${describe(node)}.`,
    );
    return;
  }
  checkExpression(ctx, node, 0, false);
}

function checkExpression(ctx: Ctx, map: YAMLMap, depth: number, topOfIf: boolean): void {
  const operator = checkKeys(ctx, map, topOfIf);
  if (!operator) {
    report(
      ctx,
      map,
      'error',
      'awstoe/if-missing-operator',
      'This expression has no operator. Use one comparison (e.g. `stringEquals` with `value`) or logical (`and`, `or`, `not`) operator.',
    );
    return;
  }
  if (LOGICAL.includes(operator.key)) checkLogical(ctx, map, depth, operator);
  else checkComparison(ctx, map, operator);
}

interface Operator {
  key: string;
  value: unknown;
}

/** Checks the keys of one expression level; returns its (first) operator. */
function checkKeys(ctx: Ctx, map: YAMLMap, topOfIf: boolean): Operator | undefined {
  let operator: Operator | undefined;
  for (const { key, pair, at } of pairs(map)) {
    if (OPERATOR_SET.has(key)) {
      if (operator) {
        report(
          ctx,
          at,
          'error',
          'awstoe/if-multiple-operators',
          `\`${key}\` is a second operator next to \`${operator.key}\`; an expression holds exactly one operator per level. Combine them with \`and\` or \`or\`.`,
        );
        continue;
      }
      operator = { key, value: pair.value };
    } else if (key === 'then' || key === 'else') {
      checkThenElse(ctx, key, pair.value, at, topOfIf);
    } else if (!OPERANDS.has(key)) {
      report(
        ctx,
        at,
        'error',
        'awstoe/unknown-operator',
        `\`${key}\` is not a conditional operator.${didYouMean(key, OPERATORS)} Operators: ${OPERATORS.join(', ')}.`,
      );
    }
  }
  return operator;
}

/** `then`/`else`: only at the top of a step's `if`, and one of the step actions. */
function checkThenElse(ctx: Ctx, key: string, value: unknown, at: unknown, topOfIf: boolean): void {
  if (!topOfIf) {
    report(
      ctx,
      at,
      'error',
      'awstoe/if-then-else',
      `\`${key}\` belongs at the top of a step's \`if\`, not inside a nested expression or Assert. Move it up.`,
    );
  }
  const v = isScalar(value) ? value.value : undefined;
  if (typeof v !== 'string' || !STEP_ACTIONS.includes(v)) {
    report(
      ctx,
      value ?? at,
      'error',
      'awstoe/if-then-else',
      `\`${key}\` must be one of ${oneOf(STEP_ACTIONS)}; found ${describe(value)}.`,
    );
  }
}

/** `and`/`or` take a list of expressions, `not` one expression; each nests one level deeper. */
function checkLogical(ctx: Ctx, map: YAMLMap, depth: number, { key, value }: Operator): void {
  if (key === 'not') {
    if (!isMap(value)) {
      report(
        ctx,
        value ?? map,
        'error',
        'awstoe/if-logical-operand',
        `\`not\` takes one expression (a mapping such as \`not: {binaryExists: 'x'}\`); found ${describe(value)}.`,
      );
      return;
    }
    nest(ctx, map, depth, () => checkOperand(ctx, value, depth + 1));
    return;
  }
  if (!isSeq(value)) {
    report(
      ctx,
      value ?? map,
      'error',
      'awstoe/if-logical-operand',
      `\`${key}\` takes a list of expressions (\`${key}: [ {…}, {…} ]\`); found ${describe(value)}.`,
    );
    return;
  }
  nest(ctx, map, depth, () => value.items.forEach((item) => checkOperand(ctx, item, depth + 1)));
}

/** A comparison: a single-value operand, and its sibling `value` or `path` where it needs one. */
function checkComparison(ctx: Ctx, map: YAMLMap, { key, value }: Operator): void {
  if (value !== null && value !== undefined && !isScalar(value)) {
    report(
      ctx,
      value,
      'error',
      'awstoe/if-comparison-operand',
      `\`${key}\` compares a single value; found ${describe(value)}. Quote the value as a string.`,
    );
  }
  const hasValue = map.items.some((p) => isScalar(p.key) && p.key.value === 'value');
  if (WITH_VALUE_SET.has(key) && !hasValue) {
    report(
      ctx,
      map,
      'error',
      'awstoe/if-missing-value',
      `\`${key}\` compares two values: add \`value: <the other value>\` next to it.`,
    );
  }
  const hasPath = map.items.some((p) => isScalar(p.key) && p.key.value === 'path');
  if (FILE_HASH_SET.has(key) && !hasPath) {
    report(
      ctx,
      map,
      'warning',
      'awstoe/if-missing-value',
      `\`${key}\` checks a file's hash: add \`path: <file>\` next to it (unverified against the live docs).`,
    );
  }
}

function nest(ctx: Ctx, map: YAMLMap, depth: number, then: () => void): void {
  if (depth + 1 > MAX_LOGICAL_DEPTH) {
    report(
      ctx,
      map,
      'error',
      'awstoe/if-too-deep',
      `Logical operators are nested ${depth + 1} levels deep; AWSTOE allows at most ${MAX_LOGICAL_DEPTH}. Flatten the expression (e.g. merge nested \`and\`s).`,
    );
    return;
  }
  then();
}

function checkOperand(ctx: Ctx, node: unknown, depth: number): void {
  if (!isMap(node)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/if-logical-operand',
      `Each operand of a logical operator must be an expression mapping; found ${describe(node)}.`,
    );
    return;
  }
  checkExpression(ctx, node, depth, false);
}

function describe(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : `\`${String(node.value)}\``;
  return 'an unexpected value';
}
