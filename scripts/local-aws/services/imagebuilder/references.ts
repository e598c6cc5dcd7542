/**
 * The references a recipe makes, checked as Image Builder checks them:
 * - ARNs name a region and an account: ours must be this region and account (the emulator has no
 *   cross-account sharing), AWS-managed ones (`…:aws:image/…`, `…:aws:component/…`) must be this
 *   region and a name Image Builder really offers (managed-catalogue.json, with its source).
 * - Patterns: ComponentVersionArnOrBuildVersionArn and the image ARN (Image Builder API reference):
 *   lower-case names, a version selector (`x.x.x`, `1.x.x`, `1.2.x`, `1.2.3`) or a build version.
 * - Components must suit the parent: same platform, and "if the OS information is available, a
 *   prefix match is performed against the base image OS version during image recipe creation"
 *   (API reference, ComponentVersion.supportedOsVersions).
 * - A parameter a recipe sets must be one the component declares (its document's `parameters`).
 */
import { readFileSync } from 'node:fs';
import { ApiError, type OpContext } from '../../types.js';
import type { ComponentRec } from './model.js';
import { notFound } from './model.js';
import { validSelector } from './versions.js';

export interface ManagedImage {
  name: string;
  platform: string;
  architecture: string;
  osVersion: string;
}
interface ManagedComponent {
  name: string;
  platform: string;
  type: string;
}
interface Catalogue {
  images: ManagedImage[];
  components: ManagedComponent[];
}

let catalogue: Catalogue | undefined;
export function managedCatalogue(): Catalogue {
  catalogue ??= JSON.parse(
    readFileSync(new URL('./managed-catalogue.json', import.meta.url), 'utf8'),
  ) as Catalogue;
  return catalogue;
}

export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  type: string;
  name: string;
  version?: string;
  build?: number;
}

const ARN =
  /^arn:(aws[a-z-]*):imagebuilder:([^:]+):([0-9]{12}|aws(?:-[a-z-]+)?):(component|image)\/([a-z0-9-_]+)(?:\/([0-9x]+\.[0-9x]+\.[0-9x]+)(?:\/([0-9]+))?)?$/;

export function parseArn(a: string): ParsedArn | undefined {
  const m = ARN.exec(a);
  if (!m) return undefined;
  return {
    partition: m[1]!,
    region: m[2]!,
    account: m[3]!,
    type: m[4]!,
    name: m[5]!,
    version: m[6],
    build: m[7] === undefined ? undefined : Number(m[7]),
  };
}

function invalid(member: string, a: string, why: string): ApiError {
  return new ApiError(
    'InvalidParameterValueException',
    `The value supplied for parameter '${member}' is not valid: ${a}. ${why}`,
  );
}

/** Parses and checks an ARN's shape, region and owner; `managed` is true for `aws` owners. */
export function checkArn(
  a: string,
  type: 'component' | 'image',
  member: string,
  ctx: Pick<OpContext, 'region' | 'accountId'>,
): ParsedArn & { managed: boolean } {
  const p = parseArn(a);
  if (!p || p.type !== type)
    throw invalid(
      member,
      a,
      `Use arn:aws:imagebuilder:<region>:<account or aws>:${type}/<lower-case name>/<version>, the version x.x.x, 1.x.x, 1.2.x, 1.2.3 or a build version 1.2.3/1.`,
    );
  if (p.version !== undefined && !validSelector(p.version))
    throw invalid(
      member,
      a,
      'In a version with wildcards, every node right of the first x must be x too (1.x.x, not 1.x.2).',
    );
  if (p.build !== undefined && p.version?.includes('x'))
    throw invalid(member, a, 'A build version (…/1.2.3/4) cannot contain wildcards.');
  if (p.region !== ctx.region)
    throw invalid(
      member,
      a,
      `It is in region ${p.region}; this request is in ${ctx.region}. Image Builder resources are regional: use the ARN of ${ctx.region}.`,
    );
  const managed = p.account.startsWith('aws');
  if (!managed && p.account !== ctx.accountId) throw notFound(type, a);
  return { ...p, managed };
}

export function managedImage(p: ParsedArn, a: string): ManagedImage {
  const img = managedCatalogue().images.find((i) => i.name === p.name);
  if (!img) throw notFound('image', a);
  return img;
}

export function managedComponent(p: ParsedArn, a: string): ManagedComponent {
  const c = managedCatalogue().components.find((x) => x.name === p.name);
  if (!c) throw notFound('component', a);
  return c;
}

/** A component (ours or managed) suits the parent image: same platform, OS by prefix. */
export function checkSuits(
  componentArn: string,
  c: { platform: string; supportedOsVersions?: unknown },
  parent: { platform: string; osVersion?: string },
): void {
  // "The value supplied for parameter 'components' is not valid. Component ARN '…'" is how
  // Image Builder starts this refusal (quoted in aws/ec2-image-builder-roadmap#68).
  if (c.platform !== parent.platform)
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'components' is not valid. Component ARN '${componentArn}' is for platform ${c.platform}; the parent image is ${parent.platform}. Use components of the parent image's platform, or a ${c.platform} parent image.`,
    );
  const os = (c.supportedOsVersions as string[] | undefined) ?? [];
  if (parent.osVersion && os.length && !os.some((o) => parent.osVersion!.startsWith(o)))
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'components' is not valid. Component ARN '${componentArn}' supports ${os.join(', ')}; the parent image is ${parent.osVersion}.`,
    );
}

/** Every parameter the recipe sets is declared by the component. */
export function checkParameters(
  componentArn: string,
  c: ComponentRec | undefined,
  parameters: { name?: string }[] | undefined,
): void {
  // A component from an S3 `uri` has a document the emulator never reads: nothing to check against.
  if (!c || !parameters?.length || c['uri'] !== undefined) return;
  const declared = ((c['parameters'] as { name: string }[] | undefined) ?? []).map((p) => p.name);
  const unknown = parameters.map((p) => p.name ?? '').filter((n) => !declared.includes(n));
  if (unknown.length)
    throw new ApiError(
      'InvalidParameterValueException',
      `The component ${componentArn} has no parameter ${unknown.map((n) => `'${n}'`).join(', ')}. ` +
        (declared.length ? `It declares: ${declared.join(', ')}.` : 'It declares none.'),
    );
}
