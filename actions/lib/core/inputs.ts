import { isRegion } from './aws.js';
import { ConfigurationError } from './errors.js';

/** Reads one raw input by name; the runner edge passes `core.getInput`, tests pass a record. */
export type InputSource = (name: string) => string;

/** Runner convention: input `stack-name` arrives as env `INPUT_STACK-NAME`. */
export function envInputSource(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `arn:aws:imagebuilder:<region>:<account>:image/<name>/x.y.z/<build>`: one build of an image. */
const IMAGE_BUILD_VERSION_ARN =
  /^arn:[^:]+:imagebuilder:[^:]+:\d{12}:image\/[^/]+\/\d+\.\d+\.\d+\/\d+$/;

// YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/**
 * Typed access to an action's inputs. Every error names the action, the input, the bad value and
 * what is accepted.
 */
export class Inputs {
  constructor(
    private readonly source: InputSource,
    private readonly action: string,
  ) {}

  private fail(name: string, what: string): never {
    throw new ConfigurationError(`Input '${name}' of action '${this.action}' ${what}`);
  }

  optional(name: string): string | undefined {
    const v = this.source(name).trim();
    return v === '' ? undefined : v;
  }

  required(name: string): string {
    return (
      this.optional(name) ?? this.fail(name, 'is required but was empty: set it under `with:`.')
    );
  }

  /**
   * A required AWS region code (`eu-west-1`). `fallback` (e.g. the runner's `AWS_REGION`, which
   * configure-aws-credentials exports) is used when the input is empty, and checked the same way.
   */
  region(name = 'region', fallback?: string): string {
    const v = this.optional(name) ?? (fallback?.trim() || undefined);
    if (v === undefined) {
      return this.fail(name, 'is required: an AWS region like eu-west-1.');
    }
    return this.regionValue(name, v);
  }

  /**
   * A list of regions, comma- or whitespace-separated or one a line (`#` starts a comment); each
   * is checked, and the error names the entry. Empty input is an empty list.
   */
  regions(name: string): string[] {
    return splitList(this.optional(name) ?? '').map((r) => this.regionValue(name, r));
  }

  /** `value` (read from input `name`, e.g. a key of its JSON) checked as a region. */
  regionValue(name: string, value: string): string {
    return isRegion(value)
      ? value
      : this.fail(name, `must be an AWS region like eu-west-1, got '${value}'.`);
  }

  /**
   * A duration given in `unit`s (a fraction allowed, as GitHub's own timeout-minutes), returned in
   * milliseconds; the bounds are in `unit`s and the errors say them.
   */
  durationMs(
    name: string,
    unit: 'seconds' | 'minutes',
    opts: { fallback: number; min: number; max: number },
  ): number {
    const n = this.number(name, opts);
    return Math.round(n * (unit === 'minutes' ? 60_000 : 1000));
  }

  /** A required image build version ARN, as build-image outputs it. */
  imageBuildVersionArn(name = 'image-build-version-arn'): string {
    const v = this.required(name);
    if (IMAGE_BUILD_VERSION_ARN.test(v)) return v;
    return this.fail(
      name,
      `must be an image build version ARN (…:image/<name>/x.y.z/<build>), got '${v}'. Pass build-image's output.`,
    );
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.optional(name);
    if (v === undefined) return fallback;
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    return this.fail(name, `must be true or false, got '${v}'.`);
  }

  choice<T extends string>(name: string, values: readonly T[], fallback?: T): T {
    const v = this.optional(name);
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      return this.fail(name, `is required: one of ${values.join(', ')}.`);
    }
    if ((values as readonly string[]).includes(v)) return v as T;
    return this.fail(name, `must be one of ${values.join(', ')}, got '${v}'.`);
  }

  integer(name: string, opts: { fallback?: number; min?: number; max?: number } = {}): number {
    const v = this.optional(name);
    if (v === undefined) {
      if (opts.fallback !== undefined) return opts.fallback;
      return this.fail(name, 'is required: a whole number.');
    }
    if (!/^-?\d+$/.test(v)) this.fail(name, `must be a whole number, got '${v}'.`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min)
      this.fail(name, `must be at least ${opts.min}, got ${n}.`);
    if (opts.max !== undefined && n > opts.max)
      this.fail(name, `must be at most ${opts.max}, got ${n}.`);
    return n;
  }

  /** A decimal number (`0.5`, `12`); errors name the input and the accepted range. */
  number(name: string, opts: { fallback?: number; min?: number; max?: number } = {}): number {
    const v = this.optional(name);
    if (v === undefined) {
      if (opts.fallback !== undefined) return opts.fallback;
      return this.fail(name, 'is required: a number.');
    }
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(v)) this.fail(name, `must be a number, got '${v}'.`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min)
      this.fail(name, `must be at least ${opts.min}, got ${n}.`);
    if (opts.max !== undefined && n > opts.max)
      this.fail(name, `must be at most ${opts.max}, got ${n}.`);
    return n;
  }

  /** Non-empty lines, trimmed; `#` starts a comment line. */
  lines(name: string): string[] {
    return parseLines(this.optional(name) ?? '');
  }

  /**
   * `key=value` lines (one pair a line, so commas inside values are safe). Errors name the line.
   */
  keyValues(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    const raw = this.optional(name) ?? '';
    raw.split(/\r?\n/).forEach((line, i) => {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) return;
      const eq = t.indexOf('=');
      if (eq <= 0) this.fail(name, `line ${i + 1} must be key=value, got '${t}'.`);
      out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
    });
    return out;
  }

  json<T>(name: string): T | undefined {
    const v = this.optional(name);
    if (v === undefined) return undefined;
    try {
      return JSON.parse(v) as T;
    } catch (e) {
      return this.fail(name, `must be JSON: ${(e as Error).message}.`);
    }
  }
}

/** `a, b c` or one a line; `#` starts a comment line. */
export function splitList(raw: string): string[] {
  return parseLines(raw)
    .flatMap((l) => l.split(/[\s,]+/))
    .filter((x) => x !== '');
}

export function parseLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
