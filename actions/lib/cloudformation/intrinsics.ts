/**
 * A pure evaluator of CloudFormation intrinsic functions, for the local emulator (create and update
 * stacks) and the deploy action (preview outputs). Everything outside the template comes in through
 * `EvalContext`: parameter values, pseudo parameters, resources' physical ids and attributes,
 * imports. Errors are `IntrinsicError`s naming the function and the template path that failed.
 */
import { cidrSubnets } from './cidr.js';
import type { Template, TemplatePath } from './parse.js';
import { parseSub, subArgs } from './sub.js';
import { splitGetAtt } from './tags.js';

export { resourceDependencies, type DependencyGraph } from './dependencies.js';

/** What `Ref: AWS::NoValue` evaluates to; removed from the enclosing mapping or list. */
export const NO_VALUE: unique symbol = Symbol.for('AWS::NoValue');

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

class Evaluator {
  private readonly done = new Map<string, boolean>();
  private readonly busy = new Set<string>();
  constructor(private readonly ctx: EvalContext) {}

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

  private bool(v: unknown, path: TemplatePath): boolean {
    const r = this.value(v, path, true);
    if (typeof r === 'boolean') return r;
    if (r === 'true' || r === 'false') return r === 'true';
    throw new IntrinsicError(
      'Condition',
      path,
      `expected a condition (Fn::Equals, Fn::And, ...), got ${JSON.stringify(r)}`,
    );
  }

  private str(fn: string, v: unknown, path: TemplatePath): string {
    const r = this.value(v, path);
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    throw new IntrinsicError(fn, path, `expected a string, got ${describe(r)}`);
  }

  private list(fn: string, v: unknown, path: TemplatePath): unknown[] {
    const r = this.value(v, path);
    if (Array.isArray(r)) return r;
    throw new IntrinsicError(fn, path, `expected a list, got ${describe(r)}`);
  }

  private args(fn: string, v: unknown, path: TemplatePath, min: number, max = min): unknown[] {
    if (!Array.isArray(v) || v.length < min || v.length > max) {
      const n = min === max ? `${min}` : `${min} to ${max}`;
      throw new IntrinsicError(fn, path, `expected a list of ${n} arguments, got ${describe(v)}`);
    }
    return v;
  }

  private ref(name: string, path: TemplatePath): unknown {
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

  private getAtt(resource: string, attribute: string, path: TemplatePath): unknown {
    const v = this.ctx.getAtt?.(resource, attribute);
    if (v === undefined)
      throw new IntrinsicError(
        'Fn::GetAtt',
        path,
        `attribute '${attribute}' of '${resource}' is not known`,
      );
    return v;
  }

  private sub(arg: unknown, path: TemplatePath): string {
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
    const at = (i: number): TemplatePath => [...path, i];
    switch (fn) {
      case 'Ref':
        return this.ref(this.str(fn, arg, path), path);
      case 'Condition':
        return this.condition(this.str(fn, arg, path), path);
      case 'Fn::GetAtt': {
        const [res, attr] =
          typeof arg === 'string' ? splitGetAtt(arg) : this.args(fn, arg, path, 2);
        return this.getAtt(this.str(fn, res, at(0)), this.str(fn, attr, at(1)), path);
      }
      case 'Fn::Sub':
        return this.sub(arg, path);
      case 'Fn::Join': {
        const [delim, items] = this.args(fn, arg, path, 2);
        return this.list(fn, items, at(1))
          .map((x, i) => this.str(fn, x, [...at(1), i]))
          .join(this.str(fn, delim, at(0)));
      }
      case 'Fn::Select': {
        const [index, items] = this.args(fn, arg, path, 2);
        const i = Number(this.str(fn, index, at(0)));
        const list = this.list(fn, items, at(1));
        if (!Number.isInteger(i) || i < 0 || i >= list.length)
          throw new IntrinsicError(fn, path, `index ${i} is outside the list of ${list.length}`);
        return list[i];
      }
      case 'Fn::Split': {
        const [delim, source] = this.args(fn, arg, path, 2);
        return this.str(fn, source, at(1)).split(this.str(fn, delim, at(0)));
      }
      case 'Fn::If': {
        const [name, a, b] = this.args(fn, arg, path, 3);
        if (typeof name !== 'string')
          throw new IntrinsicError(fn, at(0), 'the first argument must be a condition name');
        return this.condition(name, at(0)) ? this.value(a, at(1)) : this.value(b, at(2));
      }
      case 'Fn::Equals': {
        const [a, b] = this.args(fn, arg, path, 2).map((x, i) => this.value(x, at(i)));
        return JSON.stringify(scalarString(a)) === JSON.stringify(scalarString(b));
      }
      case 'Fn::And':
        return this.args(fn, arg, path, 2, 10).every((c, i) => this.bool(c, at(i)));
      case 'Fn::Or':
        return this.args(fn, arg, path, 2, 10).some((c, i) => this.bool(c, at(i)));
      case 'Fn::Not':
        return !this.bool(this.args(fn, arg, path, 1)[0], at(0));
      case 'Fn::FindInMap':
        return this.findInMap(this.args(fn, arg, path, 3, 4), path);
      case 'Fn::GetAZs': {
        const r = this.value(arg, path);
        const region =
          r === '' || r === undefined || r === null ? this.ref('AWS::Region', path) : r;
        if (typeof region !== 'string')
          throw new IntrinsicError(fn, path, `expected a region, got ${describe(region)}`);
        return this.ctx.azs?.(region) ?? ['a', 'b', 'c'].map((z) => `${region}${z}`);
      }
      case 'Fn::ImportValue': {
        const name = this.str(fn, arg, path);
        const v = this.ctx.importValue?.(name);
        if (v === undefined) throw new IntrinsicError(fn, path, `no stack exports '${name}'`);
        return v;
      }
      case 'Fn::Base64':
        return Buffer.from(this.str(fn, arg, path), 'utf8').toString('base64');
      case 'Fn::Cidr': {
        const [block, count, bits] = this.args(fn, arg, path, 3).map((x, i) =>
          this.str(fn, x, at(i)),
        );
        try {
          return cidrSubnets(block!, Number(count), Number(bits));
        } catch (e) {
          throw new IntrinsicError(fn, path, (e as Error).message);
        }
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.value(arg, path));
      case 'Fn::Length':
        return this.list(fn, arg, path).length;
      default:
        throw new IntrinsicError(
          fn,
          path,
          'is not supported by this evaluator (macros and transforms run in CloudFormation)',
        );
    }
  }

  private findInMap(args: unknown[], path: TemplatePath): unknown {
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

function fail(fn: string, path: TemplatePath, reason: string): never {
  throw new IntrinsicError(fn, path, reason);
}

function scalarString(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

function describe(v: unknown): string {
  if (v === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'nothing';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}
