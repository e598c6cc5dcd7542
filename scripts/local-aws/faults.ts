/**
 * Fault injection: rules match a service, operation and/or region (absent = all) and fire with a
 * probability drawn from the seeded PRNG, and/or for the next `count` matching calls. Each service
 * renders throttling and 5xx in its own real error code and status (see `ServiceDefinition`), and
 * `denied` as its own access-denied error (authz/errors.ts), as if the caller's policy lacked the
 * action: a test of what a denial says needs no IAM role of its own.
 */
import type { Random } from './random.js';

export type FaultKind = 'throttle' | 'internal' | 'unavailable' | 'denied' | 'latency' | 'drop';
const KINDS: readonly FaultKind[] = [
  'throttle',
  'internal',
  'unavailable',
  'denied',
  'latency',
  'drop',
];

export interface FaultRule {
  id?: number;
  service?: string;
  operation?: string;
  /** Only calls signed for this region. */
  region?: string;
  kind: FaultKind;
  /** 0..1; default 1 when `count` is set, else required. */
  probability?: number;
  /** Fire for at most this many matching calls, then the rule expires. */
  count?: number;
  /** For `latency`: milliseconds added before the response. */
  latencyMs?: number;
}

export interface FaultDecision {
  latencyMs: number;
  kind?: Exclude<FaultKind, 'latency'>;
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;
  /** `service.Operation` → calls received (including ones a fault answered). */
  readonly calls: Record<string, number> = {};
  /** Fault kind → calls it answered (latency: calls it delayed). */
  readonly injected: Record<string, number> = {};

  constructor(private readonly random: Random) {}

  add(rule: FaultRule): FaultRule {
    if (!KINDS.includes(rule.kind)) {
      throw new Error(
        `unknown fault kind '${String(rule.kind)}': use throttle, internal, unavailable, denied, latency or drop`,
      );
    }
    if (rule.probability === undefined && rule.count === undefined)
      throw new Error('a fault needs probability and/or count');
    const r = { ...rule, id: this.nextId++ };
    this.rules.push(r);
    return r;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  resetCalls(): void {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
    for (const k of Object.keys(this.injected)) delete this.injected[k];
  }

  /** Counts the call and decides which faults apply; pure apart from the PRNG and rule counters. */
  decide(service: string, operation: string, region?: string): FaultDecision {
    const key = `${service}.${operation}`;
    this.calls[key] = (this.calls[key] ?? 0) + 1;
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.region && rule.region !== region) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (this.random.next() >= (rule.probability ?? 1)) continue;
      if (rule.count !== undefined) rule.count--;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else decision.kind ??= rule.kind;
    }
    if (decision.latencyMs > 0) this.injected['latency'] = (this.injected['latency'] ?? 0) + 1;
    if (decision.kind) this.injected[decision.kind] = (this.injected[decision.kind] ?? 0) + 1;
    this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return decision;
  }
}
