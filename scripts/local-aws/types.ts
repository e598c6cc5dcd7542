/**
 * The emulator's framework types. A service is one `ServiceDefinition` (protocol, signing name,
 * operations as functions of (input, ctx)) plus one line in `registry.ts`.
 */
import type { Clock } from '../../actions/lib/core/clock.js';
import type { EmulatorState } from './state.js';
import type { Random } from './random.js';

export type ProtocolName = 'rest-json' | 'aws-json-1.1' | 'aws-query' | 'ec2-query';

/** An AWS error in protocol-neutral form; each protocol renders it in its wire shape. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export interface ErrorSpec {
  code: string;
  status: number;
}

/** Emulator-wide settings the services read (durations already scaled by `timeScale`). */
export interface Settings {
  accountId: string;
  /** Milliseconds each build status lasts, after time compression. */
  buildDurations: Record<string, number>;
  /** Delay before SSM finishes validating an `aws:ec2:image` value, after time compression. */
  ssmValidationDelayMs: number;
  /** Eventual consistency of ListComponents, after time compression; 0 = immediate. */
  componentListingDelayMs?: number;
}

/** A scripted build failure: image `image` (1-based execution count) of `pipeline` fails at `step`. */
export interface BuildFailure {
  region?: string;
  /** Pipeline name or ARN. */
  pipeline: string;
  /** Which execution of the pipeline fails (1 = first); omitted = the next one started. */
  image?: number;
  /** A build status (BUILDING, TESTING, DISTRIBUTING...) or a workflow step name. */
  step: string;
  reason: string;
}

export interface OpContext {
  region: string;
  accountId: string;
  state: EmulatorState;
  clock: Clock;
  random: Random;
  settings: Settings;
  requestId: string;
  service: string;
  operation: string;
  /** Scripted build failures (consumed by Image Builder when a matching build starts). */
  buildFailures: BuildFailure[];
}

export type Input = Record<string, unknown>;
export type Handler = (input: Input, ctx: OpContext) => unknown;

export interface ServiceDefinition {
  /** SigV4 signing name, the 4th field of the credential scope (e.g. `ssm`, `imagebuilder`). */
  signingName: string;
  protocol: ProtocolName;
  /** aws-json: the `X-Amz-Target` prefix (`AmazonSSM`). */
  targetPrefix?: string;
  /** Query protocols: the response namespace. */
  xmlNamespace?: string;
  /**
   * The SDK client module (`import * as m from '@aws-sdk/client-x'`): its `Op$` schemas give
   * rest-json routes and the required members checked before a handler runs.
   */
  sdk?: Record<string, unknown>;
  operations: Record<string, Handler>;
  /** The error AWS returns when the request fails model validation. */
  validationError: ErrorSpec;
  throttlingError: ErrorSpec;
  /** When the code depends on the operation (what each declares); default `throttlingError`. */
  throttlingErrorFor?(operation: string): ErrorSpec;
  internalError: ErrorSpec;
  unavailableError: ErrorSpec;
  /** Advances time-driven state (builds, async validation) before each request. */
  tick?(ctx: Omit<OpContext, 'operation'>): void;
}

/** Raw HTTP request as protocols see it. */
export interface RawRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Protocol {
  decode(req: RawRequest, svc: ServiceDefinition): { operation: string; input: Input };
  encodeResult(
    operation: string,
    output: unknown,
    svc: ServiceDefinition,
    requestId: string,
  ): RawResponse;
  encodeError(err: ApiError, svc: ServiceDefinition, requestId: string): RawResponse;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}
