/**
 * A pure evaluator of CloudFormation intrinsic functions, for the local emulator (create and update
 * stacks) and the deploy action (preview outputs). Everything outside the template comes in through
 * `EvalContext`: parameter values, pseudo parameters, resources' physical ids and attributes,
 * imports. Errors are `IntrinsicError`s naming the function and the template path that failed.
 */
import { INTRINSIC_FUNCTIONS, type Evaluation } from './intrinsic-functions.js';
import { describe, fail, IntrinsicError, NO_VALUE } from './intrinsic-values.js';
import type { Template, TemplatePath } from './parse.js';
import { parseSub, subArgs } from './sub.js';

export { resourceDependencies, type DependencyGraph } from './dependencies.js';
export { formatPath, IntrinsicError, NO_VALUE } from './intrinsic-values.js';

export interface PseudoParameters {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  /** Default: from the region (`aws-cn`, `aws-us-gov`, else `aws`). */
  partition: string;
  /** Default: `amazonaws.com.cn` in China regions, else `amazonaws.com`. */
  urlSuffix: string;
  notificationArns: string[];
}

export interface EvalContext {
  /** Parameter values by logical name (defaults already applied by the caller). */
  parameters?: Record<string, unknown>;
  pseudo?: Partial<PseudoParameters>;
  /** `Ref` of a resource: its physical id, or undefined when not (yet) known. */
  ref?(logicalId: string): unknown;
  getAtt?(logicalId: string, attribute: string): unknown;
  /** Condition values, or their definitions (the template's `Conditions`), evaluated on demand. */
  conditions?: Record<string, unknown>;
  mappings?: Template['Mappings'];
  /** Default: `<region>a`, `<region>b`, `<region>c`. */
  azs?(region: string): string[];
  importValue?(exportName: string): unknown;
}

const FUNCTIONS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::Transform',
]);

/** The function name when `value` is an intrinsic call (`{Ref: x}`, `{'Fn::Join': [...]}`). */
export function intrinsicName(value: unknown, conditionContext = false): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  if (FUNCTIONS.has(k)) return k;
  if (conditionContext && k === 'Condition') return k;
  return undefined;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Evaluates every intrinsic in `value`; a top-level `AWS::NoValue` gives undefined. */
export function evaluate(value: unknown, ctx: EvalContext, path: TemplatePath = []): unknown {
  const out = new Evaluator(ctx).value(value, path);
  return out === NO_VALUE ? undefined : out;
}

/** The boolean value of the condition `name` (from `ctx.conditions`). */
export function evaluateCondition(name: string, ctx: EvalContext): boolean {
  return new Evaluator(ctx).condition(name, ['Conditions', name]);
}

class Evaluator implements Evaluation {
  private readonly done = new Map<string, boolean>();
  private readonly busy = new Set<string>();
  constructor(readonly ctx: EvalContext) {}

  value(v: unknown, path: TemplatePath, inCondition = false): unknown {
    const fn = intrinsicName(v, inCondition);
    if (fn) return this.call(fn, (v as Record<string, unknown>)[fn], [...path, fn]);
    if (Array.isArray(v))
      return v.map((x, i) => this.value(x, [...path, i])).filter((x) => x !== NO_VALUE);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const r = this.value(x, [...path, k]);
        if (r !== NO_VALUE) out[k] = r;
      }
      return out;
    }
    return v;
  }

  condition(name: string, path: TemplatePath): boolean {
    const known = this.done.get(name);
    if (known !== undefined) return known;
    const defs = this.ctx.conditions ?? {};
    if (!Object.prototype.hasOwnProperty.call(defs, name))
      throw new IntrinsicError('Condition', path, `no condition named '${name}'`);
    if (this.busy.has(name))
      throw new IntrinsicError('Condition', path, `condition '${name}' depends on itself`);
    this.busy.add(name);
    const def = defs[name];
    const result = typeof def === 'boolean' ? def : this.bool(def, ['Conditions', name]);
    this.busy.delete(name);
    this.done.set(name, result);
    return result;
  }

  bool(v: unknown, path: TemplatePath): boolean {
    const r = this.value(v, path, true);
    if (typeof r === 'boolean') return r;
    if (r === 'true' || r === 'false') return r === 'true';
    throw new IntrinsicError(
      'Condition',
      path,
      `expected a condition (Fn::Equals, Fn::And, ...), got ${JSON.stringify(r)}`,
    );
  }

  str(fn: string, v: unknown, path: TemplatePath): string {
    const r = this.value(v, path);
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    throw new IntrinsicError(fn, path, `expected a string, got ${describe(r)}`);
  }

  list(fn: string, v: unknown, path: TemplatePath): unknown[] {
    const r = this.value(v, path);
    if (Array.isArray(r)) return r;
    throw new IntrinsicError(fn, path, `expected a list, got ${describe(r)}`);
  }

  args(fn: string, v: unknown, path: TemplatePath, min: number, max = min): unknown[] {
    if (!Array.isArray(v) || v.length < min || v.length > max) {
      const n = min === max ? `${min}` : `${min} to ${max}`;
      throw new IntrinsicError(fn, path, `expected a list of ${n} arguments, got ${describe(v)}`);
    }
    return v;
  }

  ref(name: string, path: TemplatePath): unknown {
    const { ctx } = this;
    const p = ctx.pseudo ?? {};
    const region = (): string =>
      p.region ?? fail('Ref', path, 'AWS::Region is not known (pass pseudo.region)');
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return region();
      case 'AWS::Partition':
        return p.partition ?? partitionOf(region());
      case 'AWS::URLSuffix':
        return p.urlSuffix ?? (region().startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');
      case 'AWS::NotificationARNs':
        return p.notificationArns ?? [];
    }
    const pseudo: Record<string, keyof PseudoParameters> = {
      'AWS::AccountId': 'accountId',
      'AWS::StackName': 'stackName',
      'AWS::StackId': 'stackId',
    };
    const key = pseudo[name];
    if (key) return p[key] ?? fail('Ref', path, `${name} is not known (pass pseudo.${key})`);
    if (ctx.parameters && Object.prototype.hasOwnProperty.call(ctx.parameters, name))
      return ctx.parameters[name];
    const id = ctx.ref?.(name);
    if (id === undefined)
      throw new IntrinsicError(
        'Ref',
        path,
        `'${name}' is not a parameter, a pseudo parameter or a known resource`,
      );
    return id;
  }

  getAtt(resource: string, attribute: string, path: TemplatePath): unknown {
    const v = this.ctx.getAtt?.(resource, attribute);
    if (v === undefined)
      throw new IntrinsicError(
        'Fn::GetAtt',
        path,
        `attribute '${attribute}' of '${resource}' is not known`,
      );
    return v;
  }

  sub(arg: unknown, path: TemplatePath): string {
    const parsed = subArgs(arg);
    if (!parsed)
      throw new IntrinsicError(
        'Fn::Sub',
        path,
        `expected a string or [string, {variables}], got ${describe(arg)}`,
      );
    const vars = new Map(
      Object.entries(parsed.vars).map(([k, v]) => [k, this.value(v, [...path, 1, k])]),
    );
    return parseSub(parsed.text)
      .map((part) => {
        if (part.kind === 'text') return part.text;
        const full = part.attribute === undefined ? part.name : `${part.name}.${part.attribute}`;
        const v = vars.has(full)
          ? vars.get(full)
          : part.attribute === undefined
            ? this.ref(part.name, path)
            : this.getAtt(part.name, part.attribute, path);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          return String(v);
        throw new IntrinsicError('Fn::Sub', path, `\${${full}} is ${describe(v)}, not a string`);
      })
      .join('');
  }

  private call(fn: string, arg: unknown, path: TemplatePath): unknown {
    const impl = INTRINSIC_FUNCTIONS[fn];
    if (impl) return impl(this, arg, path, fn);
    throw new IntrinsicError(
      fn,
      path,
      'is not supported by this evaluator (macros and transforms run in CloudFormation)',
    );
  }

  findInMap(args: unknown[], path: TemplatePath): unknown {
    const [map, top, second] = args
      .slice(0, 3)
      .map((x, i) => this.str('Fn::FindInMap', x, [...path, i]));
    const found = this.ctx.mappings?.[map!]?.[top!]?.[second!];
    if (found !== undefined) return found;
    const fallback = args[3] as { DefaultValue?: unknown } | undefined;
    if (fallback && typeof fallback === 'object' && 'DefaultValue' in fallback)
      return this.value(fallback.DefaultValue, [...path, 3, 'DefaultValue']);
    throw new IntrinsicError(
      'Fn::FindInMap',
      path,
      `no value at ${map}.${top}.${second} in Mappings`,
    );
  }
}
