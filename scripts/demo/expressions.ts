/**
 * GitHub Actions expressions for the demo's workflow runner, evaluated by GitHub's own library
 * (@actions/expressions, the one behind the Actions language service), so `${{ }}` in the workflow
 * means here what it means on github.com. One difference, on purpose: a reference to a step output,
 * a job output, a matrix value or a variable that does not exist is an error instead of '', because
 * in the demo it means the demo and the workflow have drifted apart, and that must not pass quietly.
 */
import { data, Evaluator, Lexer, Parser, type Expr } from '@actions/expressions';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Contexts = Record<string, Json>;

export interface JobStatus {
  /** Whether every earlier step (or needed job) succeeded. */
  success: boolean;
}

/** Contexts whose missing keys are errors here (GitHub would give ''). */
const STRICT = new Set(['steps', 'needs', 'matrix', 'vars']);

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(`\${{ ${expression} }}: ${message}`);
    this.name = 'ExpressionError';
  }
}

function toData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

export function fromData(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer)) as Json;
}

/** The dotted path of an access chain rooted at a context (`steps.build.outputs.arn`), if it is one. */
function accessPath(e: Expr): string[] | undefined {
  const node = e as unknown as {
    name?: { lexeme: string };
    expr?: Expr;
    index?: Expr;
    literal?: data.ExpressionData;
  };
  if (node.name && !node.expr) return [node.name.lexeme];
  if (node.expr && node.index) {
    const base = accessPath(node.expr);
    const idx = (node.index as unknown as { literal?: data.ExpressionData }).literal;
    if (!base || !idx) return undefined;
    return [...base, idx.coerceString()];
  }
  return undefined;
}

class StrictEvaluator extends Evaluator {
  constructor(
    expr: Expr,
    context: data.Dictionary,
    functions: Map<string, never>,
    private readonly source: string,
  ) {
    super(expr, context, functions);
  }

  override visitIndexAccess(ia: Parameters<Evaluator['visitIndexAccess']>[0]): data.ExpressionData {
    const result = super.visitIndexAccess(ia);
    const path = accessPath(ia as unknown as Expr);
    if (result.kind === data.Kind.Null && path && STRICT.has(path[0]!)) {
      // The library's own evaluation step, on the object being indexed, to list what it does have.
      const evalNode = (this as unknown as { eval(e: Expr): data.ExpressionData }).eval.bind(this);
      const parent = fromData(evalNode((ia as unknown as { expr: Expr }).expr));
      const known =
        parent && typeof parent === 'object' && !Array.isArray(parent) ? Object.keys(parent) : [];
      throw new ExpressionError(
        this.source,
        `'${path.join('.')}' is not defined${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      );
    }
    return result;
  }
}

function statusFunctions(status: JobStatus) {
  const fn = (name: string, value: boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  return [
    fn('success', status.success),
    fn('failure', !status.success),
    fn('always', true),
    fn('cancelled', false),
  ];
}

/** Evaluates one expression (without the `${{ }}`) to a JSON value. */
export function evaluate(
  expression: string,
  contexts: Contexts,
  status: JobStatus = { success: true },
): Json {
  const funcs = statusFunctions(status);
  let expr: Expr;
  try {
    const lexed = new Lexer(expression).lex();
    expr = new Parser(lexed.tokens, Object.keys(contexts), funcs).parse();
  } catch (e) {
    throw new ExpressionError(expression, `cannot parse: ${(e as Error).message}`);
  }
  const ctx = toData(contexts as Json) as data.Dictionary;
  const functions = new Map(funcs.map((f) => [f.name, f])) as unknown as Map<string, never>;
  return fromData(new StrictEvaluator(expr, ctx, functions, expression).evaluate());
}

function asString(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Replaces every `${{ expr }}` in a string, as the runner does for `with:` values. */
export function interpolate(template: string, contexts: Contexts, status?: JobStatus): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, inner: string) =>
    asString(evaluate(inner.trim(), contexts, status)),
  );
}

/** A step's or job's `if:`; it may be written with or without `${{ }}`; absent means success(). */
export function condition(value: unknown, contexts: Contexts, status: JobStatus): boolean {
  if (value === undefined || value === null) return status.success;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  const result = evaluate(m ? m[1]!.trim() : text, contexts, status);
  // GitHub adds an implicit success() unless the condition calls a status function.
  const explicitStatus = /\b(success|failure|always|cancelled)\s*\(/.test(text);
  return (explicitStatus || status.success) && truthy(result);
}

export function truthy(v: Json): boolean {
  return !(v === null || v === false || v === 0 || v === '' || Number.isNaN(v));
}
