/** Semantic versions as Image Builder uses them for components and recipes: `major.minor.patch`. */
import { ConfigurationError } from '../core/errors.js';

export type SemVer = readonly [number, number, number];

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Like parseSemver, but a ConfigurationError naming where the bad version came from. */
export function requireSemver(text: string, where: string): SemVer {
  const v = parseSemver(text);
  if (!v)
    throw new ConfigurationError(
      `${where}: version '${text}' is not x.y.z (three whole numbers, e.g. 1.2.0).`,
    );
  return v;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatSemver(v: SemVer): string {
  return v.join('.');
}

/** The highest of the given versions (unparseable ones ignored), or undefined. */
export function highestVersion(existing: readonly string[]): SemVer | undefined {
  let best: SemVer | undefined;
  for (const s of existing) {
    const v = parseSemver(s);
    if (v && (!best || compareSemver(v, best) > 0)) best = v;
  }
  return best;
}

/**
 * The version to create: max(highest existing + patch bump, pinned minimum); with nothing existing, the
 * pinned minimum or `fallback` (1.0.0).
 */
export function nextVersion(
  existing: readonly string[],
  pinned?: string,
  fallback = '1.0.0',
): string {
  const min =
    pinned !== undefined
      ? requireSemver(pinned, 'pinned minimum')
      : requireSemver(fallback, 'default');
  const high = highestVersion(existing);
  if (!high) return formatSemver(min);
  const bumped: SemVer = [high[0], high[1], high[2] + 1];
  return formatSemver(compareSemver(bumped, min) >= 0 ? bumped : min);
}
