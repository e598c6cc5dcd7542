/**
 * One request through the emulator, without HTTP: decode → authenticate → authorize → fault →
 * model check → handler → encode. `server.ts` only turns sockets into `RawRequest`s and writes the
 * `Dispatched` answer back; tests can call `dispatch` directly.
 */
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  type Input,
  type OpContext,
  type Protocol,
  type ProtocolName,
  type RawRequest,
  type RawResponse,
  type ServiceDefinition,
} from './types.js';
import type { Faults } from './faults.js';
import { serviceFor } from './registry.js';
import { credentialScope, type Scope } from './protocols/sigv4.js';
import { restJson } from './protocols/rest-json.js';
import { awsJson } from './protocols/aws-json.js';
import { awsQuery, ec2Query } from './protocols/query.js';
import { inputSchema, missingRequired } from './schema-validate.js';
import { deniedError } from './authz/errors.js';

export const PROTOCOLS: Record<ProtocolName, Protocol> = {
  'rest-json': restJson,
  'aws-json-1.1': awsJson,
  'aws-query': awsQuery,
  'ec2-query': ec2Query,
};

/** A decoded request: which service and operation, in which region, with which input. */
export interface Decoded {
  svc: ServiceDefinition;
  scope: Scope;
  operation: string;
  input: Input;
  raw: RawRequest;
  requestId: string;
}

/** The response to write, or `drop` (an injected dropped connection: close the socket). */
export type Dispatched = { response: RawResponse } | { drop: true };

/**
 * The stages around the handler. `authenticate` and `authorize` throw an `ApiError` to refuse a
 * request; whatever they return is passed on in the handler's context.
 */
export interface Pipeline {
  services: ServiceDefinition[];
  faults: Faults;
  context(region: string, service: string, operation: string, requestId: string): OpContext;
  /** Advances time-driven state of every service (before the model check and the handler). */
  tick(): void;
  authenticate(d: Decoded): Partial<OpContext> | Promise<Partial<OpContext>>;
  authorize(d: Decoded, auth: Partial<OpContext>): void | Promise<void>;
  /** After a handler ran (persisting state). */
  committed?(): void;
}

function unrecognized(scope: Scope | undefined): ApiError {
  return new ApiError(
    'UnrecognizedClientException',
    scope
      ? `The local emulator does not serve '${scope.service}'.`
      : 'Missing SigV4 Authorization header: sign the request (any dummy credentials work).',
    400,
  );
}

/** Region of unsigned requests: STS's global endpoint is in us-east-1. */
const UNSIGNED_REGION = 'us-east-1';

/**
 * The service an unsigned request is for, from what its protocol puts on the wire: the
 * `X-Amz-Target` prefix (awsJson), the `Version` of a query request, or a restJson route.
 */
function unsignedService(p: Pipeline, raw: RawRequest): ServiceDefinition | undefined {
  const target = raw.headers['x-amz-target'];
  if (typeof target === 'string')
    return p.services.find((s) => s.targetPrefix === target.split('.')[0]);
  const form = new URLSearchParams(raw.body);
  const version = form.get('Version') ?? raw.query.get('Version');
  if (version)
    return p.services.find(
      (s) => s.protocol.endsWith('query') && s.xmlNamespace?.includes(`/${version}/`),
    );
  return p.services.find((s) => {
    if (s.protocol !== 'rest-json') return false;
    try {
      restJson.decode(raw, s);
      return true;
    } catch {
      return false;
    }
  });
}

/** The service the request is for (from its SigV4 credential scope, or its shape if unsigned). */
function route(p: Pipeline, raw: RawRequest): { svc: ServiceDefinition; scope: Scope } | ApiError {
  const scope = credentialScope(raw.headers, raw.query);
  if (!scope) {
    const svc = unsignedService(p, raw);
    if (!svc) return unrecognized(undefined);
    return { svc, scope: { accessKeyId: '', region: UNSIGNED_REGION, service: svc.signingName } };
  }
  const svc = serviceFor(scope.service, p.services);
  return svc ? { svc, scope } : unrecognized(scope);
}

/** Runs the injected fault for the call, if any; `drop` means close the connection. */
async function fault(p: Pipeline, d: Decoded): Promise<'drop' | undefined> {
  const decision = p.faults.decide(d.svc.signingName, d.operation, d.scope.region);
  if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
  if (decision.kind === 'drop') return 'drop';
  if (decision.kind === 'denied')
    throw deniedError(
      d.svc.protocol,
      `Injected fault: denied (not authorized to perform: ${d.svc.signingName}:${d.operation})`,
    );
  const injected =
    decision.kind === 'throttle'
      ? (d.svc.throttlingErrorFor?.(d.operation) ?? d.svc.throttlingError)
      : decision.kind === 'internal'
        ? d.svc.internalError
        : decision.kind === 'unavailable'
          ? d.svc.unavailableError
          : undefined;
  if (injected)
    throw new ApiError(injected.code, `Injected fault: ${decision.kind}`, injected.status);
  return undefined;
}

function modelCheck(d: Decoded): void {
  const missing = missingRequired(inputSchema(d.svc.sdk, d.operation), d.input);
  if (!missing) return;
  throw new ApiError(
    d.svc.validationError.code,
    `1 validation error detected: Value null at '${missing}' failed to satisfy constraint: Member must not be null`,
    d.svc.validationError.status,
  );
}

function internal(svc: ServiceDefinition, operation: string, e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    svc.internalError.code,
    `Internal error in ${svc.signingName}.${operation}: ${(e as Error).message}`,
    svc.internalError.status,
  );
}

export async function dispatch(p: Pipeline, raw: RawRequest): Promise<Dispatched> {
  const requestId = randomUUID();
  const routed = route(p, raw);
  if (routed instanceof ApiError) {
    // No service to speak for: restJson's shape (the SDKs all read its error-type header).
    return { response: restJson.encodeError(routed, {} as ServiceDefinition, requestId) };
  }
  const { svc, scope } = routed;
  const protocol = PROTOCOLS[svc.protocol];
  let operation = 'Unknown';
  try {
    const decoded = protocol.decode(raw, svc);
    operation = decoded.operation;
    const d: Decoded = { svc, scope, operation, input: decoded.input, raw, requestId };
    const auth = await p.authenticate(d);
    await p.authorize(d, auth);
    if ((await fault(p, d)) === 'drop') return { drop: true };
    p.tick();
    modelCheck(d);
    const output = await svc.operations[operation]!(d.input, {
      ...p.context(scope.region, svc.signingName, operation, requestId),
      ...auth,
    });
    p.committed?.();
    return { response: protocol.encodeResult(operation, output, svc, requestId) };
  } catch (e) {
    return { response: protocol.encodeError(internal(svc, operation, e), svc, requestId) };
  }
}
