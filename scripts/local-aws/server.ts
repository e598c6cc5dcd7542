/**
 * The local AWS emulator: one loopback HTTP endpoint for every region and service. The service is
 * the SigV4 signing name and the region the credential scope of the request; protocols decode the
 * operation, faults may answer first, then the service's handler runs against that region's state.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../actions/lib/core/clock.js';
import {
  ApiError,
  type BuildFailure,
  type OpContext,
  type Protocol,
  type ProtocolName,
  type RawResponse,
  type ServiceDefinition,
  type Settings,
} from './types.js';
import { Faults, type FaultRule } from './faults.js';
import { Random } from './random.js';
import { emptyState, loadState, saveState, type EmulatorState } from './state.js';
import { SERVICES, serviceFor } from './registry.js';
import { credentialScope } from './protocols/sigv4.js';
import { restJson } from './protocols/rest-json.js';
import { awsJson } from './protocols/aws-json.js';
import { awsQuery, ec2Query } from './protocols/query.js';
import { inputSchema, missingRequired } from './schema-validate.js';
import { handleAdmin, type Admin } from './admin.js';
import { registerImage } from './services/ec2.js';
import { DEFAULT_DURATIONS } from './services/imagebuilder/build.js';
import { addScanRule, setInspector } from './services/imagebuilder/scans.js';

export interface LocalAwsOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  accountId?: string;
  /** Multiplies build durations and the SSM validation delay: 0.001 turns a 20-minute build into ~1 s. */
  timeScale?: number;
  /** Unscaled milliseconds per build status (PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING). */
  buildDurations?: Partial<Record<string, number>>;
  /** Unscaled delay of SSM `aws:ec2:image` validation; default 2000 ms. */
  ssmValidationDelayMs?: number;
  /** Opt-in fault: unscaled ms before a new component appears in ListComponents (AWS: up to 2 min). */
  componentListingDelayMs?: number;
  persistPath?: string;
  faults?: FaultRule[];
  seed?: number;
  clock?: Clock;
  services?: ServiceDefinition[];
}

export interface LocalAws {
  endpoint: string;
  port: number;
  readonly state: EmulatorState;
  admin: Admin;
  close(): Promise<void>;
}

const PROTOCOLS: Record<ProtocolName, Protocol> = {
  'rest-json': restJson,
  'aws-json-1.1': awsJson,
  'aws-query': awsQuery,
  'ec2-query': ec2Query,
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `date` is the emulator's own clock, not Node's: the SDK corrects its clock skew from this header
 * and retries any error as "clock skew corrected" while it moves, so a compressed clock (the demo's
 * time warp) must be the one the responses report.
 */
function write(res: ServerResponse, r: RawResponse, clock: Clock = systemClock): void {
  res.writeHead(r.status, {
    ...r.headers,
    date: new Date(clock.now()).toUTCString(),
    'content-length': String(Buffer.byteLength(r.body)),
  });
  res.end(r.body);
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const accountId = options.accountId ?? '123456789012';
  const clock = options.clock ?? systemClock;
  const scale = options.timeScale ?? 1;
  const random = new Random(options.seed ?? 42);
  const faults = new Faults(random);
  for (const rule of options.faults ?? []) faults.add(rule);
  const services = options.services ?? SERVICES;
  const settings: Settings = {
    accountId,
    buildDurations: Object.fromEntries(
      Object.entries({ ...DEFAULT_DURATIONS, ...options.buildDurations }).map(([k, v]) => [
        k,
        (v ?? 0) * scale,
      ]),
    ),
    ssmValidationDelayMs: (options.ssmValidationDelayMs ?? 2000) * scale,
    componentListingDelayMs: (options.componentListingDelayMs ?? 0) * scale,
  };
  let state = options.persistPath
    ? loadState(options.persistPath, accountId)
    : emptyState(accountId);
  let buildFailures: BuildFailure[] = [];

  const context = (region: string, service: string, operation: string): OpContext => ({
    region,
    accountId,
    state,
    clock,
    random,
    settings,
    requestId: randomUUID(),
    service,
    operation,
    buildFailures,
  });
  const tick = () => {
    for (const svc of services) svc.tick?.(context('', svc.signingName, ''));
  };

  const admin: Admin = {
    calls: () => ({ ...faults.calls }),
    faults: () => faults.list(),
    injected: () => ({ ...faults.injected }),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    failBuild: (f) => void buildFailures.push({ ...f }),
    seedImage: (region, image) => registerImage({ state, random, accountId, clock }, region, image),
    scanRule: (rule) => addScanRule(state, rule, 'us-east-1'),
    setInspector: (region, enabled) => setInspector(state, region, enabled),
    dump: () => {
      tick();
      return JSON.parse(JSON.stringify(state)) as EmulatorState;
    },
    reset: () => {
      state = emptyState(accountId);
      buildFailures = [];
      faults.clear();
      faults.resetCalls();
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/__admin/')) return handleAdmin(admin, req, res, body);
    const raw = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const scope = credentialScope(req.headers, url.searchParams);
    const svc = scope && serviceFor(scope.service, services);
    if (!scope || !svc) {
      return write(
        res,
        restJson.encodeError(
          new ApiError(
            'UnrecognizedClientException',
            scope
              ? `The local emulator does not serve '${scope.service}'.`
              : 'Missing SigV4 Authorization header: sign the request (any dummy credentials work).',
            400,
          ),
          {} as ServiceDefinition,
          randomUUID(),
        ),
        clock,
      );
    }
    const protocol = PROTOCOLS[svc.protocol];
    let operation = 'Unknown';
    const requestId = randomUUID();
    try {
      const decoded = protocol.decode(raw, svc);
      operation = decoded.operation;
      const decision = faults.decide(svc.signingName, operation);
      if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
      if (decision.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      const injected =
        decision.kind === 'throttle'
          ? (svc.throttlingErrorFor?.(operation) ?? svc.throttlingError)
          : decision.kind === 'internal'
            ? svc.internalError
            : decision.kind === 'unavailable'
              ? svc.unavailableError
              : undefined;
      if (injected)
        throw new ApiError(injected.code, `Injected fault: ${decision.kind}`, injected.status);
      tick();
      const missing = missingRequired(inputSchema(svc.sdk, operation), decoded.input);
      if (missing) {
        throw new ApiError(
          svc.validationError.code,
          `1 validation error detected: Value null at '${missing}' failed to satisfy constraint: Member must not be null`,
          svc.validationError.status,
        );
      }
      const handler = svc.operations[operation]!;
      const output = await handler(decoded.input, {
        ...context(scope.region, svc.signingName, operation),
        requestId,
      });
      if (options.persistPath) saveState(options.persistPath, state);
      return write(res, protocol.encodeResult(operation, output, svc, requestId), clock);
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(
              svc.internalError.code,
              `Internal error in ${svc.signingName}.${operation}: ${(e as Error).message}`,
              svc.internalError.status,
            );
      return write(res, protocol.encodeError(err, svc, requestId), clock);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) write(res, { status: 500, headers: {}, body: String(e) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get state() {
      return state;
    },
    admin,
    close: () =>
      new Promise<void>((resolve) => {
        if (options.persistPath) saveState(options.persistPath, state);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
