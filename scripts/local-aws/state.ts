/**
 * All emulator state: plain JSON-serialisable data, one bag per region and service, so that a
 * region's resources never leak into another and `persistPath` can save and reload it verbatim.
 * Global services (IAM, and the sessions STS issues) keep theirs in `global`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface EmulatorState {
  version: 1;
  accountId: string;
  regions: Record<string, Record<string, unknown>>;
  /** Account-wide services by name (IAM is not regional). */
  global?: Record<string, unknown>;
}

export function emptyState(accountId: string): EmulatorState {
  return { version: 1, accountId, regions: {} };
}

/** The state of `service` in `region`, created by `init` on first use. */
export function serviceState<T>(
  state: EmulatorState,
  region: string,
  service: string,
  init: () => T,
): T {
  const r = (state.regions[region] ??= {});
  if (!(service in r)) r[service] = init();
  return r[service] as T;
}

/** The account-wide state of `service` (IAM), created by `init` on first use. */
export function globalState<T>(state: EmulatorState, service: string, init: () => T): T {
  const g = (state.global ??= {});
  if (!(service in g)) g[service] = init();
  return g[service] as T;
}

/** Regions that have any state for `service`. */
export function regionsWith(state: EmulatorState, service: string): string[] {
  return Object.keys(state.regions).filter((r) => state.regions[r] && service in state.regions[r]);
}

export function loadState(path: string, accountId: string): EmulatorState {
  if (!existsSync(path)) return emptyState(accountId);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as EmulatorState;
  if (parsed.version !== 1 || typeof parsed.regions !== 'object') {
    throw new Error(`${path} is not an emulator state file (version 1); delete it to start fresh.`);
  }
  return parsed;
}

export function saveState(path: string, state: EmulatorState): void {
  writeFileSync(path, `${JSON.stringify(state, null, 1)}\n`);
}
