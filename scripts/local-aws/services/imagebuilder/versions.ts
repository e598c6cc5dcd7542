/**
 * Image Builder's semantic versions as documented today.
 *
 * - Assignment: "For the first three nodes you can assign any positive integer value, or zero, with
 *   an upper limit of 2^30-1 … Image Builder automatically assigns the build number to the fourth
 *   node"; patterns such as "a date, such as 2021.01.01" (leading zeros) are allowed
 *   (https://docs.aws.amazon.com/imagebuilder/latest/userguide/ibhow-semantic-versioning.html).
 * - The request pattern is `^[0-9]+\.[0-9]+\.[0-9]+$` (shape VersionNumber, CreateComponent); a
 *   value that does not match is InvalidParameterValueException "The value supplied for parameter
 *   'semanticVersion' is not valid. semanticVersion must match pattern …" (the wording AWS returns,
 *   quoted in aws-cloudformation/cloudformation-coverage-roadmap#2439); a node out of bounds is
 *   InvalidVersionNumberException ("Your version number is out of bounds", API reference).
 * - Recipes take WildcardVersionNumber `^(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$`: "When you create
 *   a recipe with a wildcard version such as 1.0.x, Image Builder automatically increments the
 *   version (for example, 1.0.1, 1.0.2, 1.0.3)" (user guide, create-image-recipes.html). A single
 *   `x` (aws/ec2-image-builder-roadmap#110, the service team: "include a single `x` in your recipe
 *   version"), and "all nodes to the right of the first wildcard must also be wildcards", so the
 *   only creatable wildcard is `<major>.<minor>.x`.
 * - Selection: `x.x.x` = newest, `1.x.x` newest 1.*, `1.6.x` newest 1.6.*; `x.2.x` and `1.x.8` are
 *   errors (same page).
 */
import { ApiError } from '../../types.js';

export const MAX_NODE = 2 ** 30 - 1;
const VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
const WILDCARD_VERSION = /^(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$/;

export type Nodes = [number, number, number];

function patternError(member: string, pattern: RegExp): ApiError {
  return new ApiError(
    'InvalidParameterValueException',
    `The value supplied for parameter '${member}' is not valid. ${member} must match pattern ${pattern.source}`,
  );
}

function checkBounds(v: string, member: string): void {
  const big = v.split('.').find((n) => n !== 'x' && Number(n) > MAX_NODE);
  if (big !== undefined)
    throw new ApiError(
      'InvalidVersionNumberException',
      `The value supplied for parameter '${member}' is out of bounds: ${big} is greater than ${MAX_NODE} (2^30-1), the largest value of a version node.`,
    );
}

/** A concrete `major.minor.patch` (components, and recipes given one). */
export function checkVersion(v: string | undefined, member = 'semanticVersion'): string {
  if (!v || !VERSION.test(v)) throw patternError(member, VERSION);
  checkBounds(v, member);
  return v;
}

/** A recipe's version: concrete, or `<major>.<minor>.x` for the next patch. */
export function checkRecipeVersion(v: string | undefined, member = 'semanticVersion'): string {
  if (!v || !WILDCARD_VERSION.test(v)) throw patternError(member, WILDCARD_VERSION);
  checkBounds(v, member);
  if (v.includes('x') && !/^[0-9]+\.[0-9]+\.x$/.test(v))
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter '${member}' is not valid: ${v}. A recipe version can hold a single wildcard, in the patch node (such as 1.0.x), for Image Builder to assign the next patch version.`,
    );
  return v;
}

export function nodes(v: string): Nodes {
  const [a, b, c] = v.split('.').map(Number);
  return [a ?? 0, b ?? 0, c ?? 0];
}

/** Numeric order: `2021.01.01` and `2021.1.1` are the same version. */
export function compareVersions(a: string, b: string): number {
  const x = nodes(a);
  const y = nodes(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function sameVersion(a: string, b: string): boolean {
  return compareVersions(a, b) === 0;
}

/** Whether a selection pattern (`x.x.x`, `1.x.x`, `1.6.x`, `1.6.8`) is well formed. */
export function validSelector(pattern: string): boolean {
  return /^(?:x\.x\.x|[0-9]+\.x\.x|[0-9]+\.[0-9]+\.x|[0-9]+\.[0-9]+\.[0-9]+)$/.test(pattern);
}

export function matchesSelector(pattern: string, version: string): boolean {
  const p = pattern.split('.');
  const v = nodes(version);
  return p.every((n, i) => n === 'x' || Number(n) === v[i]);
}

/** The version `M.m.x` assigns: the next patch after the highest existing `M.m.*`, else `M.m.0`. */
export function assignWildcard(pattern: string, existing: readonly string[]): string {
  const [major, minor] = nodes(pattern.replace('x', '0'));
  const patches = existing
    .filter((v) => matchesSelector(pattern, v))
    .map((v) => nodes(v)[2])
    .sort((a, b) => b - a);
  const next = patches.length ? patches[0]! + 1 : 0;
  if (next > MAX_NODE)
    throw new ApiError(
      'InvalidVersionNumberException',
      `No patch version is left under ${pattern}: ${major}.${minor}.${MAX_NODE} exists.`,
    );
  return `${major}.${minor}.${next}`;
}

/**
 * `latestVersionReferences` of a created or read resource: wildcard ARNs for the newest version
 * overall, in its major, in its minor, and of its patch (user guide, "Using version references").
 */
export function latestVersionReferences(versionlessArn: string, version: string) {
  const [a, b, c] = version.split('.');
  return {
    latestVersionArn: `${versionlessArn}/x.x.x`,
    latestMajorVersionArn: `${versionlessArn}/${a}.x.x`,
    latestMinorVersionArn: `${versionlessArn}/${a}.${b}.x`,
    latestPatchVersionArn: `${versionlessArn}/${a}.${b}.${c}`,
  };
}
