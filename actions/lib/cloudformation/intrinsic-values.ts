/**
 * What the intrinsic evaluator (intrinsics.ts) and its functions (intrinsic-functions.ts) share:
 * the `AWS::NoValue` marker, the error naming the function and template path that failed, and how
 * a value is described in that error.
 */
import type { TemplatePath } from './parse.js';

/** What `Ref: AWS::NoValue` evaluates to; removed from the enclosing mapping or list. */
export const NO_VALUE: unique symbol = Symbol.for('AWS::NoValue');

export class IntrinsicError extends Error {
  constructor(
    readonly fn: string,
    readonly path: TemplatePath,
    readonly reason: string,
  ) {
    super(`${fn} at ${formatPath(path)}: ${reason}`);
    this.name = 'IntrinsicError';
  }
}

export function formatPath(path: TemplatePath): string {
  return (
    path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') ||
    '(root)'
  );
}

export function fail(fn: string, path: TemplatePath, reason: string): never {
  throw new IntrinsicError(fn, path, reason);
}

export function describe(v: unknown): string {
  if (v === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'nothing';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}
