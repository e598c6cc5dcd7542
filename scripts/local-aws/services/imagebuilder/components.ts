/**
 * Components. A component version is `name/x.y.z`; every create gets the next build number of its
 * version, so the build version ARN is `.../component/name/x.y.z/N`. Auto-versioning (November
 * 2025): "For components, Image Builder automatically increments the build version when you create
 * a component with the same name and semantic version" (AWS What's New, "EC2 Image Builder now
 * supports auto-versioning…", quoted in aws-cloudformation/cloudformation-coverage-roadmap#2439);
 * CreateComponent declares no ResourceAlreadyExistsException (the SDK's model lists it for
 * CreateImageRecipe, not here; ResourceInUseException is its "in use" error). Build numbers are
 * not reused after a delete. The type is TEST when the document has only a `test` phase, BUILD otherwise
 * ("The type of the component denotes whether the component is used to build the image, or only
 * to test it", API reference, Component).
 */
import { parseComponent, validateComponent } from '../../../../actions/lib/awstoe/index.js';
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  arn,
  checkEnum,
  checkNonEmptyString,
  checkName,
  checkTags,
  ibState,
  notFound,
  nowIso,
  page,
  setTags,
  strip,
  withTags,
  type ComponentRec,
  type IbState,
} from './model.js';
import {
  checkVersion,
  compareVersions,
  latestVersionReferences,
  matchesSelector,
  sameVersion,
  validSelector,
} from './versions.js';

const PLATFORMS = ['Windows', 'Linux', 'macOS'];
/** CreateComponent "data": inline YAML document of at most 16000 characters. */
const MAX_DATA = 16000;

/** `2021.01.01` and `2021.1.1` are one version: the key uses the numbers. */
function versionKey(name: string, version: string): string {
  return `${name.toLowerCase()}/${version.split('.').map(Number).join('.')}`;
}

function liveBuilds(s: IbState, name: string, version: string): ComponentRec[] {
  return Object.values(s.components)
    .filter((c) => versionKey(c.name, c.version) === versionKey(name, version))
    .sort((a, b) => a.build - b.build);
}

/** What the document says about itself: its type (from its phases) and its parameters. */
function describeDocument(data: string | undefined) {
  const doc = data === undefined ? undefined : parseComponent(data, 'data').document;
  const phases = (doc?.phases ?? []).map((p) => p.name);
  const type = phases.length > 0 && phases.every((p) => p === 'test') ? 'TEST' : 'BUILD';
  const parameters = doc?.parameters.length
    ? doc.parameters.map((p) => ({
        name: p.name,
        type: p.type ?? 'string',
        defaultValue: p.default === undefined ? undefined : [p.default],
        description: p.description,
      }))
    : undefined;
  return { type, parameters };
}

export function componentReferences(c: ComponentRec) {
  return latestVersionReferences(c.arn.split('/').slice(0, 2).join('/'), c.version);
}

/**
 * CreateComponent validates the document it is given (the API answers InvalidParameterValueException
 * for a document that is not valid YAML or not a valid AWSTOE document). We check with our own
 * validator, but only the structural errors AWSTOE itself must reject at creation: YAML syntax, the
 * document's shape, schemaVersion, phases, steps and actions. Reference-level rules (variables,
 * chaining) stay the PR validator's, since AWSTOE only resolves those at run time.
 */
const STRUCTURAL = new Set([
  'awstoe/root-not-mapping',
  'awstoe/not-a-component',
  'awstoe/schema-version',
  'awstoe/missing-phases',
  'awstoe/phases-not-list',
  'awstoe/phase-shape',
  'awstoe/phase-name',
  'awstoe/missing-steps',
  'awstoe/steps-not-list',
  'awstoe/step-shape',
  'awstoe/step-name',
  'awstoe/missing-action',
  'awstoe/unknown-action',
  'awstoe/duplicate-phase',
  'awstoe/duplicate-step',
  'awstoe/no-standard-phase',
]);

function checkDocument(data: string): void {
  const bad = validateComponent(data, 'data').find(
    (f) => f.severity === 'error' && (f.rule.startsWith('yaml/') || STRUCTURAL.has(f.rule)),
  );
  if (bad) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'data' is not a valid component document: line ${bad.line}: ${bad.message}`,
    );
  }
}

/**
 * Actions of one platform only (AWSTOE action modules: ExecuteBash runs bash on Linux and macOS;
 * ExecutePowerShell, SetRegistry, InstallMSI and UninstallMSI are Windows modules). Image Builder
 * refuses the others at CreateComponent: "The value supplied for parameter 'data' is not valid.
 * Parsing step 'DisableWindowsUpdate' in phase 'update' failed. Error: Unsupported action
 * ExecutePowerShell for os platform linux." (quoted in aws-samples/cdk-image-pipeline#135).
 */
const WINDOWS_ONLY = new Set(['ExecutePowerShell', 'SetRegistry', 'InstallMSI', 'UninstallMSI']);
const NOT_WINDOWS = new Set(['ExecuteBash']);

function checkPlatformActions(data: string, platform: string): void {
  const doc = parseComponent(data, 'data').document;
  for (const phase of doc?.phases ?? []) {
    for (const step of phase.steps) {
      const windows = platform === 'Windows';
      if (windows ? NOT_WINDOWS.has(step.action) : WINDOWS_ONLY.has(step.action))
        throw new ApiError(
          'InvalidParameterValueException',
          `The value supplied for parameter 'data' is not valid. Parsing step '${step.name}' in phase '${phase.name}' failed. Error: Unsupported action ${step.action} for os platform ${platform.toLowerCase()}.`,
        );
    }
  }
}

export function createComponent(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const name = checkName(str(input['name']));
  const version = checkVersion(str(input['semanticVersion']));
  checkTags(input['tags']);
  checkEnum(input['platform'], 'platform', PLATFORMS);
  checkNonEmptyString(input['description'], 'description');
  checkNonEmptyString(input['changeDescription'], 'changeDescription');
  const data = str(input['data']);
  const uri = str(input['uri']);
  if ((data === undefined) === (uri === undefined)) {
    throw new ApiError(
      'InvalidParameterCombinationException',
      'You must specify either data or uri, but not both.',
    );
  }
  if (data !== undefined && (data.length < 1 || data.length > MAX_DATA)) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'data' is not valid. It must be 1 to ${MAX_DATA} characters.`,
    );
  }
  if (data !== undefined) {
    checkDocument(data);
    checkPlatformActions(data, String(input['platform']));
  }
  if (uri !== undefined && !/^s3:\/\/[^/]+\/.+/.test(uri)) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'uri' is not valid. Use an S3 URI such as s3://bucket/key.yml.`,
    );
  }
  const key = versionKey(name, version);
  const build = (s.buildCounters[key] ?? 0) + 1;
  s.buildCounters[key] = build;
  const rec: ComponentRec = {
    arn: arn(ctx, 'component', name, version, String(build)),
    name,
    version,
    build,
    description: str(input['description']),
    changeDescription: str(input['changeDescription']),
    ...describeDocument(data),
    platform: String(input['platform']),
    supportedOsVersions: input['supportedOsVersions'],
    state: { status: 'ACTIVE' },
    owner: ctx.accountId,
    data: data ?? `# content of ${uri}`,
    uri,
    kmsKeyId: str(input['kmsKeyId']),
    encrypted: true,
    dateCreated: nowIso(ctx),
  };
  s.components[rec.arn] = rec;
  setTags(s, rec.arn, input['tags']);
  return {
    clientToken: input['clientToken'],
    componentBuildVersionArn: rec.arn,
    latestVersionReferences: componentReferences(rec),
  };
}

/** Splits `.../component/name/1.0.0[/3]` (version may use `x` wildcards). */
function parseComponentArn(
  a: string,
): { name: string; version: string; build?: number } | undefined {
  const m =
    /^arn:aws[a-z-]*:imagebuilder:[^:]*:[^:]*:component\/([^/]+)\/([0-9x]+\.[0-9x]+\.[0-9x]+)(?:\/(\d+))?$/.exec(
      a,
    );
  return m ? { name: m[1]!, version: m[2]!, build: m[3] ? Number(m[3]) : undefined } : undefined;
}

/** The build a (possibly versionless or wildcard) component ARN names, or undefined. */
export function resolveComponent(s: IbState, componentArn: string): ComponentRec | undefined {
  const p = parseComponentArn(componentArn);
  if (!p || !validSelector(p.version)) return undefined;
  return Object.values(s.components)
    .filter(
      (c) =>
        c.arn.split('/')[1] === p.name &&
        matchesSelector(p.version, c.version) &&
        (p.build === undefined || c.build === p.build),
    )
    .sort((a, b) => compareVersions(a.version, b.version) || a.build - b.build)
    .at(-1);
}

export function getComponent(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['componentBuildVersionArn']) ?? '';
  if (!parseComponentArn(a))
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'componentBuildVersionArn' is not valid: ${a}`,
    );
  const c = resolveComponent(s, a);
  if (!c) throw notFound('component', a);
  return {
    component: strip(withTags(s, c), 'build', 'uri'),
    latestVersionReferences: componentReferences(c),
  };
}

function summary(s: IbState, c: ComponentRec) {
  return strip(withTags(s, c), 'build', 'uri', 'data', 'kmsKeyId', 'encrypted', 'parameters');
}

/**
 * ListComponents returns component versions (`.../component/name/x.y.z`, the newest build's
 * details), owner `Self` by default; filters: name, platform, type, supportedOsVersion.
 */
export function listComponents(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  checkEnum(input['owner'], 'owner', ['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace']);
  // "Newly created components can take up to two minutes to appear in the ListComponents API
  // Results" (API reference): an opt-in delay (componentListingDelayMs) models it.
  const visibleBefore = ctx.clock.now() - (ctx.settings.componentListingDelayMs ?? 0);
  const own = (
    (str(input['owner']) ?? 'Self') === 'Self' ? Object.values(s.components) : []
  ).filter((c) => Date.parse(c.dateCreated) <= visibleBefore);
  const latest = new Map<string, ComponentRec>();
  for (const c of own.sort((a, b) => a.build - b.build))
    latest.set(versionKey(c.name, c.version), c);
  const filtered = applyFilters([...latest.values()], input, {
    name: (c) => c.name,
    platform: (c) => c.platform,
    type: (c) => c['type'],
    supportedOsVersion: (c) => ((c['supportedOsVersions'] as string[] | undefined) ?? [])[0],
  }).sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  const { page: items, nextToken } = page(
    filtered,
    input,
    `components:${JSON.stringify(input['filters'] ?? [])}`,
  );
  return {
    componentVersionList: items.map((c) => ({
      ...strip(summary(s, c), 'changeDescription', 'state', 'tags'),
      arn: c.arn.split('/').slice(0, 3).join('/'),
      status: 'ACTIVE',
    })),
    nextToken,
  };
}

export function listComponentBuildVersions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['componentVersionArn']) ?? '';
  const p = parseComponentArn(a);
  if (!p || p.build !== undefined)
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'componentVersionArn' is not valid: ${a}`,
    );
  const builds = liveBuilds(s, p.name, p.version).filter(
    (c) => c.arn.split('/')[1] === p.name && sameVersion(c.version, p.version),
  );
  const { page: items, nextToken } = page(builds, input, `component-builds:${a}`);
  return { componentSummaryList: items.map((c) => summary(s, c)), nextToken };
}

export function deleteComponent(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['componentBuildVersionArn']) ?? '';
  if (!s.components[a]) throw notFound('component', a);
  const inUse = Object.values(s.recipes).find((r) =>
    ((r['components'] as { componentArn: string }[]) ?? []).some(
      (c) => resolveComponent(s, c.componentArn)?.arn === a,
    ),
  );
  if (inUse)
    throw new ApiError(
      'ResourceDependencyException',
      `The component ${a} is used by image recipe ${inUse.arn}.`,
    );
  delete s.components[a];
  delete s.tags[a];
  return { componentBuildVersionArn: a };
}
