import type { ResourceSpec } from './types.js';

let pending: Promise<ResourceSpec> | undefined;

/**
 * The resource specification, imported on first call only (the bundler makes `resource-spec` a separate
 * chunk), so an action that checks no template never pays its ~25 ms parse and ~1.3 MB of memory.
 */
export function loadResourceSpec(): Promise<ResourceSpec> {
  pending ??= import('./resource-spec.js').then((m) => m.default);
  return pending;
}
