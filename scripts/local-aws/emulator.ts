/**
 * The emulator without HTTP: state, clock, faults, the admin interface and `dispatch`, which runs
 * one request through the pipeline (`dispatch.ts`). `server.ts` puts it behind a loopback port;
 * `in-process.ts` hands it to SDK clients as their request handler.
 *
 * Authorization is always on: every request is authenticated (`authz/authenticate.ts`: the
 * bootstrap administrator's key or an STS session) and authorized against that principal's IAM
 * policies (`authz/authorize.ts`, per-operation glue in `authz/map-*.ts`). Roles, policies and
 * OIDC providers come from stacks the emulator's CloudFormation creates (`iam/provision.ts`);
 * sessions from STS AssumeRoleWithWebIdentity with tokens of a trusted issuer (`oidc/`).
 */
import { systemClock, type Clock } from '../../actions/lib/core/clock.js';
import type { BuildFailure, OpContext, RawRequest, ServiceDefinition, Settings } from './types.js';
import { Faults, type FaultRule } from './faults.js';
import { Random } from './random.js';
import { emptyState, loadState, saveState, type EmulatorState } from './state.js';
import { SERVICES } from './registry.js';
import type { Admin } from './admin.js';
import { deregisterImage, registerImage } from './services/ec2.js';
import { publishPublicImage } from './services/ssm/public.js';
import { DEFAULT_DURATIONS } from './services/imagebuilder/build.js';
import { addScanRule, setInspector } from './services/imagebuilder/scans.js';
import { dispatch, type Dispatched, type Pipeline } from './dispatch.js';
import { localIssuer, type IssuerKeys } from './oidc/issuer.js';
import { ensureAdministrator } from './iam/model.js';
import { authenticate } from './authz/authenticate.js';
import { authorize } from './authz/authorize.js';
import type { DecisionRecord } from './authz/decisions.js';

export interface EmulatorOptions {
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
  /**
   * The OIDC issuers STS can reach, with their keys (AWS fetches `<url>/.well-known/jwks`);
   * default: the built-in local GitHub Actions issuer (`localIssuer()`).
   */
  oidcIssuers?: IssuerKeys[];
}

export interface Emulator {
  readonly state: EmulatorState;
  readonly accountId: string;
  readonly clock: Clock;
  admin: Admin;
  /** One request through decode → authenticate → authorize → fault → model → handler → encode. */
  dispatch(raw: RawRequest): Promise<Dispatched>;
  /** Saves the state to `persistPath`, if one was given. */
  persist(): void;
}

function scaledSettings(accountId: string, options: EmulatorOptions): Settings {
  const scale = options.timeScale ?? 1;
  return {
    accountId,
    buildDurations: Object.fromEntries(
      Object.entries({ ...DEFAULT_DURATIONS, ...options.buildDurations }).map(([k, v]) => [
        k,
        (v ?? 0) * scale,
      ]),
    ),
    ssmValidationDelayMs: (options.ssmValidationDelayMs ?? 2000) * scale,
    componentListingDelayMs: (options.componentListingDelayMs ?? 0) * scale,
    oidcIssuers: options.oidcIssuers ?? [localIssuer()],
  };
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const accountId = options.accountId ?? '123456789012';
  const clock = options.clock ?? systemClock;
  const random = new Random(options.seed ?? 42);
  const faults = new Faults(random);
  for (const rule of options.faults ?? []) faults.add(rule);
  const services = options.services ?? SERVICES;
  const settings = scaledSettings(accountId, options);
  let state = options.persistPath
    ? loadState(options.persistPath, accountId)
    : emptyState(accountId);
  ensureAdministrator(state, accountId);
  let buildFailures: BuildFailure[] = [];
  const decisions: DecisionRecord[] = [];
  const persist = () => {
    if (options.persistPath) saveState(options.persistPath, state);
  };

  const context = (
    region: string,
    service: string,
    operation: string,
    requestId = '',
  ): OpContext => ({
    region,
    accountId,
    state,
    clock,
    random,
    settings,
    requestId,
    service,
    operation,
    buildFailures,
    decisions,
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
    deregisterImage: (region, imageId) => deregisterImage(state, region, imageId),
    publishPublicImage: (region, image) => publishPublicImage({ state, clock }, region, image),
    scanRule: (rule) => addScanRule(state, rule, 'us-east-1'),
    setInspector: (region, enabled) => setInspector(state, region, enabled),
    decisions: () => [...decisions],
    clearDecisions: () => void decisions.splice(0),
    dump: () => {
      tick();
      return JSON.parse(JSON.stringify(state)) as EmulatorState;
    },
    reset: () => {
      state = emptyState(accountId);
      ensureAdministrator(state, accountId);
      buildFailures = [];
      decisions.splice(0);
      faults.clear();
      faults.resetCalls();
    },
  };

  const pipeline: Pipeline = {
    services,
    faults,
    context,
    tick,
    authenticate: async (d) => ({ principal: await authenticate(d, { state, clock }) }),
    authorize: (d, auth) =>
      authorize(d.input, auth.principal!, {
        state,
        accountId,
        region: d.scope.region,
        clock,
        decisions,
        requestId: d.requestId,
        service: d.svc.signingName,
        operation: d.operation,
        protocol: d.svc.protocol,
      }),
    committed: persist,
  };
  return {
    get state() {
      return state;
    },
    accountId,
    clock,
    admin,
    dispatch: (raw) => dispatch(pipeline, raw),
    persist,
  };
}
