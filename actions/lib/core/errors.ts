import { accessDeniedHint } from './access-denied.js';

/**
 * A mistake the user can fix (bad input, bad file, missing resource), as opposed to a bug of ours.
 * Entries print its message as is, without a stack trace; the message says what failed, where and
 * what to do.
 */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class ConfigurationError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, location: SourceLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigurationError';
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }

  /** `file:line:col: message`, or the message alone when no file is known. */
  get located(): string {
    if (!this.file) return this.message;
    const pos = this.line ? `:${this.line}${this.column ? `:${this.column}` : ''}` : '';
    return `${this.file}${pos}: ${this.message}`;
  }
}

export function isConfigurationError(e: unknown): e is ConfigurationError {
  return e instanceof ConfigurationError;
}

/** The AWS error name (SDK v3 sets `name` to the modelled exception, e.g. `ThrottlingException`). */
export function awsErrorName(e: unknown): string | undefined {
  if (
    e &&
    typeof e === 'object' &&
    'name' in e &&
    typeof (e as { name: unknown }).name === 'string'
  ) {
    return (e as { name: string }).name;
  }
  return undefined;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Re-throws an AWS SDK error with what we were doing and on which resource, keeping the original as
 * `cause` and its name, so callers can still branch on `awsErrorName`. A denial gets, instead of
 * the caller's hint, the statement of the stacks file to change (access-denied.ts).
 */
export class AwsOperationError extends Error {
  readonly awsName?: string;
  constructor(
    readonly operation: string,
    readonly resource: string,
    cause: unknown,
    hint?: string,
  ) {
    // A plain Error carries our own words (a state read back, a deadline), not an AWS error code:
    // its name 'Error' would only put "Error: " in front of them.
    const raw = awsErrorName(cause);
    const name = raw === 'Error' ? undefined : raw;
    const why = accessDeniedHint(cause) ?? hint;
    super(
      `${operation} failed for ${resource}: ${name ? `${name}: ` : ''}${errorMessage(cause)}${why ? `. ${why}` : ''}`,
      { cause },
    );
    this.name = 'AwsOperationError';
    this.awsName = name;
  }
}
