<<<<<<<< HEAD:actions/validate/dist/263.index.js
export const id = 263;
export const ids = [263];
export const modules = {

/***/ 3263:
========
export const id = 834;
export const ids = [834];
export const modules = {

/***/ 2834:
>>>>>>>> fleet-build:actions/validate/dist/834.index.js
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ARN_TOKENS: () => (/* reexport */ ARN_TOKENS),
  DEFAULT_DEFINITIONS_PATH: () => (/* reexport */ DEFAULT_DEFINITIONS_PATH),
  EVENT_KINDS: () => (/* reexport */ EVENT_KINDS),
  baseName: () => (/* reexport */ baseName),
  changedFilesFromGit: () => (/* reexport */ changedFilesFromGit),
  componentArnProblem: () => (/* reexport */ componentArnProblem),
  diskRepo: () => (/* reexport */ diskRepo),
  imageGraph: () => (/* reexport */ imageGraph),
  imagesUsing: () => (/* reexport */ imagesUsing),
  isZeroSha: () => (/* reexport */ isZeroSha),
  loadImageDefinition: () => (/* reexport */ loadImageDefinition),
  memoryRepo: () => (/* reexport */ memoryRepo),
  parentImageProblem: () => (/* reexport */ parentImageProblem),
  parseEvent: () => (/* reexport */ parseEvent),
  planImages: () => (/* reexport */ planImages),
  planMatrix: () => (/* reexport */ planMatrix),
  readEvent: () => (/* reexport */ readEvent),
  renderPlanGraph: () => (/* reexport */ renderPlanGraph),
  renderPlanSummary: () => (/* reexport */ renderPlanSummary),
  renderPlanTable: () => (/* reexport */ renderPlanTable),
  ssmNameProblem: () => (/* reexport */ ssmNameProblem),
  toDefinition: () => (/* reexport */ toDefinition),
  validateDefinitionFiles: () => (/* binding */ validateDefinitionFiles),
  validateDefinitions: () => (/* reexport */ validateDefinitions)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./actions/lib/definitions/repo-files.ts
/**
 * What the repository-level checks need from a repository: list and read files. Tests use
 * `memoryRepo`; the action and the CLI use `diskRepo` (the only I/O here).
 */


function under(dir, file) {
    const d = dir.replace(/\/+$/, '');
    return d === '' || d === '.' || file.startsWith(`${d}/`);
}
/** An in-memory repository: `{ 'components/a.yml': '...' }`. */
function memoryRepo(files) {
    return {
        list: (dir) => Object.keys(files)
            .filter((f) => under(dir, f))
            .sort(),
        read: (file) => (Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined),
        exists: (file) => Object.prototype.hasOwnProperty.call(files, file),
    };
}
/** The repository checked out at `root`. Paths stay repository-relative in and out. */
function diskRepo(root) {
    const walk = (abs, out) => {
        for (const entry of (0,external_node_fs_.readdirSync)(abs, { withFileTypes: true })) {
            if (entry.name === '.git' || entry.name === 'node_modules')
                continue;
            const full = (0,external_node_path_.join)(abs, entry.name);
            if (entry.isDirectory())
                walk(full, out);
            else if (entry.isFile())
                out.push((0,external_node_path_.relative)(root, full).split(external_node_path_.sep).join('/'));
        }
    };
    return {
        list: (dir) => {
            const abs = (0,external_node_path_.join)(root, dir);
            if (!(0,external_node_fs_.existsSync)(abs) || !(0,external_node_fs_.statSync)(abs).isDirectory())
                return [];
            const out = [];
            walk(abs, out);
            return out.sort();
        },
        read: (file) => {
            try {
                return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, file), 'utf8');
            }
            catch {
                return undefined;
            }
        },
        exists: (file) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, file)) && (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, file)).isFile(),
    };
}

// EXTERNAL MODULE: ./actions/lib/awstoe/index.ts + 13 modules
var awstoe = __webpack_require__(6546);
// EXTERNAL MODULE: ./actions/lib/core/findings.ts
var core_findings = __webpack_require__(8056);
// EXTERNAL MODULE: ./actions/lib/core/suggest.ts
var suggest = __webpack_require__(3558);
;// CONCATENATED MODULE: ./actions/lib/definitions/targets.ts
/** The prefix of a parent that is another definition of this repository: `image:base-linux`. */
const IMAGE_PARENT_PREFIX = 'image:';
/** `image:base-linux` → `base-linux`; undefined for any other parent (ssm:, ARN, AMI id). */
function imageParentName(parentImage) {
    return parentImage.startsWith(IMAGE_PARENT_PREFIX)
        ? parentImage.slice(IMAGE_PARENT_PREFIX.length)
        : undefined;
}
/** `web-server` + arm64 → `web-server-arm64`; without an architecture, the image name. */
function targetName(image, architecture) {
    return architecture ? `${image}-${architecture}` : image;
}
/** `/golden-ami/web-server` + arm64 → `/golden-ami/web-server/arm64`. */
function targetSsmParameter(ssmParameter, architecture) {
    return architecture ? `${ssmParameter}/${architecture}` : ssmParameter;
}
/** The builds of `definition`, in the order of its `architectures:` list. */
function buildTargets(definition) {
    if (!definition.architectures?.length) {
        return [
            {
                target: definition.name,
                parentImage: definition.parentImage,
                ssmParameter: definition.ssmParameter,
            },
        ];
    }
    return definition.architectures.map((a) => ({
        target: targetName(definition.name, a.name),
        architecture: a.name,
        parentImage: a.parentImage ?? definition.parentImage,
        ...(a.instanceTypes ? { instanceTypes: [...a.instanceTypes] } : {}),
        ssmParameter: targetSsmParameter(definition.ssmParameter, a.name),
    }));
}
/**
 * The target for `architecture` ('' or undefined: the definition's only target when it lists no
 * architectures). Undefined when the definition does not build that architecture.
 */
function buildTargetFor(definition, architecture) {
    const targets = buildTargets(definition);
    if (!architecture)
        return definition.architectures?.length ? undefined : targets[0];
    return targets.find((t) => t.architecture === architecture);
}
/** The architecture whose SSM parameter the stack deploys: `stack.architecture`, else the first listed. */
function stackArchitecture(definition) {
    return definition.stack?.architecture ?? definition.architectures?.[0]?.name;
}
/**
 * The build of an `image:` parent that a child's build of `architecture` starts from: the parent's
 * only target when it lists no architectures; else the entry of that architecture (a child without
 * architectures takes a parent's only entry). Undefined when the parent does not build it.
 */
function parentBuildTarget(parent, architecture) {
    const targets = buildTargets(parent);
    if (!parent.architectures?.length)
        return targets[0];
    if (architecture === undefined)
        return targets.length === 1 ? targets[0] : undefined;
    return targets.find((t) => t.architecture === architecture);
}

;// CONCATENATED MODULE: ./actions/lib/definitions/graph.ts
/**
 * The image graph: which repository files feed which image, and which image is built on which
 * (`parentImage: image:<name>`). `plan` walks it from changed files to the images to rebuild, parents
 * first; the job summary draws it. Pure.
 */

const byName = (a, b) => a.localeCompare(b);
function node(d) {
    const files = d.components.flatMap((c) => (c.kind === 'file' ? [c.file] : []));
    const parents = buildTargets(d).flatMap((t) => {
        const p = imageParentName(t.parentImage);
        return p === undefined ? [] : [p];
    });
    return {
        image: d.name,
        definition: d.file,
        componentFiles: [...new Set(files)],
        ...(d.stack ? { stackTemplate: d.stack.template } : {}),
        parents: [...new Set(parents)].sort(byName),
    };
}
/**
 * Kahn's algorithm, taking the smallest ready name first, so an acyclic graph without edges keeps
 * name order. Returns the ordered names; the names left out sit on or behind a cycle.
 */
function topological(nodes, known) {
    const waiting = new Map(nodes.map((n) => [n.image, n.parents.filter((p) => known.has(p) && p !== n.image).length]));
    for (const n of nodes)
        if (n.parents.includes(n.image))
            waiting.set(n.image, Infinity);
    const ready = nodes.filter((n) => waiting.get(n.image) === 0).map((n) => n.image);
    const order = [];
    while (ready.length) {
        ready.sort(byName);
        const next = ready.shift();
        order.push(next);
        for (const n of nodes) {
            if (!n.parents.includes(next))
                continue;
            const left = waiting.get(n.image) - 1;
            waiting.set(n.image, left);
            if (left === 0)
                ready.push(n.image);
        }
    }
    return order;
}
/** The cycles among `rest` (images Kahn could not order), each once, starting at its smallest name. */
function findCycles(nodes, rest) {
    const cycles = [];
    const seen = new Set();
    const inRest = new Set(rest);
    for (const start of [...rest].sort(byName)) {
        // Follow parents inside `rest` from `start` until a name repeats: that repeat closes a cycle.
        const path = [];
        let at = start;
        while (at !== undefined && !path.includes(at)) {
            path.push(at);
            at = nodes.get(at).parents.find((p) => inRest.has(p));
        }
        if (at === undefined)
            continue;
        const loop = path.slice(path.indexOf(at));
        const key = [...loop].sort(byName).join('\n');
        if (seen.has(key))
            continue;
        seen.add(key);
        // Start at the smallest name, in child → parent order: web → base → web.
        const first = loop.indexOf([...loop].sort(byName)[0]);
        const rotated = [...loop.slice(first), ...loop.slice(0, first)];
        cycles.push([...rotated, rotated[0]]);
    }
    return cycles;
}
function imageGraph(definitions) {
    const nodes = new Map(definitions.map((d) => [d.name, node(d)]));
    const sorted = [...nodes.values()].sort((a, b) => byName(a.image, b.image));
    const order = topological(sorted, new Set(nodes.keys()));
    const rest = sorted.map((n) => n.image).filter((n) => !order.includes(n));
    const images = [...order, ...rest].map((n) => nodes.get(n));
    const componentUsers = {};
    for (const n of sorted) {
        for (const file of n.componentFiles)
            (componentUsers[file] ??= []).push(n.image);
    }
    const children = {};
    for (const n of sorted) {
        for (const p of n.parents)
            if (nodes.has(p))
                (children[p] ??= []).push(n.image);
    }
    return { images, componentUsers, children, cycles: findCycles(nodes, rest) };
}
/** Images that use `file` as a component (empty when none). */
function imagesUsing(graph, file) {
    return graph.componentUsers[file] ?? [];
}
/** `image` and every image built on it, transitively, in the graph's (topological) order. */
function imagesBuiltOn(graph, image) {
    const found = new Set([image]);
    for (const n of graph.images)
        if (n.parents.some((p) => found.has(p)))
            found.add(n.image);
    return graph.images.map((n) => n.image).filter((n) => found.has(n));
}
/** `a → b → a`, for messages. */
function cycleText(cycle) {
    return cycle.join(' → ');
}

// EXTERNAL MODULE: ./actions/lib/yaml/source.ts
var source = __webpack_require__(5199);
;// CONCATENATED MODULE: ./actions/lib/definitions/yaml-path.ts

/** `/components/0/file` → ['components', '0', 'file'] (RFC 6901 unescaping). */
function pointerToPath(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function hasText(node) {
    const range = node?.range;
    return !!range && range[1] > range[0];
}
/**
 * The node at `path`: the value, or the key when `key` is set or the value is empty (`platform:`
 * with nothing after it). When the path goes further than the document, the deepest node found.
 */
function nodeAtPath(src, path, opts = {}) {
    let node = src.doc.contents;
    for (const [i, seg] of path.entries()) {
        const last = i === path.length - 1;
        if ((0,source/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,source/* keyName */.xT)(p) === String(seg));
            if (!pair)
                return node;
            // An empty value (`platform:` and nothing) has no text of its own: point at its key.
            if ((last && opts.key) || !hasText(pair.value))
                return pair.key;
            node = pair.value;
        }
        else if ((0,source/* isSeq */.oP)(node)) {
            const item = node.items[Number(seg)];
            if (item === undefined || item === null)
                return node;
            node = item;
        }
        else {
            return node;
        }
    }
    return node;
}
function positionAtPath(src, path, opts = {}) {
    return (0,source/* positionOf */.df)(src, nodeAtPath(src, path, opts));
}
function findingAtPath(src, path, severity, rule, message, opts = {}) {
    return (0,source/* findingAt */.dz)(src, nodeAtPath(src, path, opts), severity, rule, message);
}

;// CONCATENATED MODULE: ./actions/lib/definitions/graph-rules.ts




/** Where the parent of `target` is written: its architecture's override, else `parentImage`. */
function parentPath(d, t) {
    const i = (d.architectures ?? []).findIndex((a) => a.name === t.architecture);
    return i >= 0 && d.architectures[i].parentImage !== undefined
        ? ['architectures', i, 'parentImage']
        : ['parentImage'];
}
function archText(t) {
    return t.architecture ?? "its parent's architecture";
}
function parentRules({ definition: d, source }, byName, inCycle) {
    const out = [];
    const err = (path, rule, message) => out.push(findingAtPath(source, path, 'error', rule, message));
    const usesOfSingle = new Map();
    for (const t of buildTargets(d)) {
        const name = imageParentName(t.parentImage);
        if (name === undefined)
            continue;
        const at = parentPath(d, t);
        const parent = byName.get(name);
        if (!parent) {
            const names = [...byName.keys()].filter((n) => n !== d.name).sort();
            err(at, 'definition/unknown-parent', `Parent \`image:${name}\` names no image definition.${(0,suggest/* didYouMean */.au)(name, names)} Images defined: ${names.length ? names.join(', ') : '(none other)'}. Fix the name, or add components/images/${name}.yml.`);
            continue;
        }
        if (name === d.name || inCycle.has(d.name))
            continue; // reported once per cycle below
        if (parent.platform !== d.platform) {
            err(at, 'definition/parent-platform', `\`${d.name}\` is a ${d.platform} image but its parent \`${name}\` (${parent.file}) is ${parent.platform}; Image Builder takes the platform from the parent and refuses the recipe. Build on a ${d.platform} parent, or change \`platform:\`.`);
            continue;
        }
        const pt = parentBuildTarget(parent, t.architecture);
        if (!pt) {
            const built = (parent.architectures ?? []).map((a) => a.name).join(', ');
            err(at, 'definition/parent-architecture', t.architecture
                ? `Parent \`${name}\` does not build ${t.architecture} (its architectures: ${built}), so this ${t.architecture} build has no parent AMI. Add ${t.architecture} to ${parent.file}, or give this entry another parentImage.`
                : `Parent \`${name}\` builds several architectures (${built}); list \`architectures:\` here to choose which this image is built for.`);
            continue;
        }
        if (!parent.architectures?.length && t.architecture) {
            const n = (usesOfSingle.get(name) ?? 0) + 1;
            usesOfSingle.set(name, n);
            if (n > 1)
                err(at, 'definition/parent-architecture', `Parent \`${name}\` lists no architectures, so it is one AMI of one architecture; ${archText(t)} cannot also be built on it. List \`architectures:\` in ${parent.file}, or give this entry another parentImage.`);
        }
        const clash = buildTargets(parent).find((p) => p.ssmParameter === t.ssmParameter);
        if (clash)
            err(['ssmParameter'], 'definition/parent-ssm-parameter', `This image would publish ${t.target} to \`${t.ssmParameter}\`, the SSM parameter its parent \`${name}\` publishes to (${parent.file}): the child would overwrite the AMI it is built on. Give \`${d.name}\` its own ssmParameter, e.g. /golden-ami/${d.name}.`);
    }
    return out;
}
/** Findings for every cycle, at the parentImage of each image in it. */
function cycleRules(all, cycles) {
    const out = [];
    for (const cycle of cycles) {
        const text = cycleText(cycle);
        for (const name of new Set(cycle)) {
            const entry = all.find((l) => l.definition.name === name);
            if (!entry)
                continue;
            const next = cycle[cycle.indexOf(name) + 1];
            const t = buildTargets(entry.definition).find((x) => imageParentName(x.parentImage) === next);
            out.push(findingAtPath(entry.source, t ? parentPath(entry.definition, t) : ['parentImage'], 'error', 'definition/parent-cycle', `Image parents form a cycle: ${text} (each built on the next), so no image of it can be built first. Break it: give one of them a parent outside the cycle (an ssm: parameter, an image ARN or an AMI id).`));
        }
    }
    return out;
}
/** Two definitions whose builds share a target name or an SSM parameter (beyond equal ssmParameter:, reported elsewhere). */
function targetClashes(all) {
    const out = [];
    const names = new Map();
    const params = new Map();
    for (const { definition: d, source } of all) {
        for (const t of buildTargets(d)) {
            const owner = names.get(t.target);
            if (owner && owner.name !== d.name)
                out.push(findingAtPath(source, t.architecture ? ['architectures'] : ['name'], 'error', 'definition/duplicate-target', `Build \`${t.target}\` of \`${d.name}\` has the name of a build of \`${owner.name}\` (${owner.file}); job names and concurrency groups would collide. Rename one image.`));
            else
                names.set(t.target, d);
            const prior = params.get(t.ssmParameter);
            if (prior && prior.name !== d.name && prior.ssmParameter !== d.ssmParameter)
                out.push(findingAtPath(source, ['ssmParameter'], 'error', 'definition/duplicate-ssm-parameter', `Build \`${t.target}\` publishes to \`${t.ssmParameter}\`, which \`${prior.name}\` (${prior.file}) also publishes to; each build needs its own parameter. Change ssmParameter of one.`));
            else if (!prior)
                params.set(t.ssmParameter, d);
        }
    }
    return out;
}
function graphFindings(all) {
    const byName = new Map();
    for (const l of all)
        if (!byName.has(l.definition.name))
            byName.set(l.definition.name, l.definition);
    const { cycles } = imageGraph([...byName.values()]);
    const inCycle = new Set(cycles.flat());
    return [
        ...all.flatMap((l) => parentRules(l, byName, inCycle)),
        ...cycleRules(all, cycles),
        ...targetClashes(all),
    ];
}

// EXTERNAL MODULE: ./actions/lib/core/errors.ts + 2 modules
var errors = __webpack_require__(3030);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
;// CONCATENATED MODULE: ./actions/lib/definitions/schema.ts
/**
 * The JSON schema of an image definition file (docs/image-definitions.md), compiled once at module
 * load. It checks shape only; rules that need several files (components exist, names unique...) are
 * in validate-definitions.ts, and rules on single values that want a tailored message (ARNs, SSM
 * names) are in rules.ts.
 */

/** Image Builder `ResourceName` (recipes, pipelines, components). */
const RESOURCE_NAME = '^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$';
/** Semantic version as Image Builder takes it for a new component or recipe. */
const SEMVER = '^\\d+\\.\\d+\\.\\d+$';
/** CloudFormation stack name. */
const STACK_NAME = '^[a-zA-Z][-a-zA-Z0-9]{0,127}$';
// Values of parameters and tags are strings for AWS; YAML users write `Port: 8080` or
// `enabled: true`, which are unambiguous, so scalars are accepted and turned into strings.
const scalarMap = {
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean'] },
};
const componentEntry = {
    type: 'object',
    properties: {
        file: { type: 'string', minLength: 1 },
        arn: { type: 'string', minLength: 1 },
        name: { type: 'string', pattern: RESOURCE_NAME },
        version: { type: 'string', pattern: SEMVER },
        parameters: scalarMap,
    },
    additionalProperties: false,
    oneOf: [{ required: ['file'] }, { required: ['arn'] }],
    // An ARN already names the component and its version.
    if: { required: ['arn'] },
    then: { properties: { name: false, version: false } },
};
const ebs = {
    type: 'object',
    properties: {
        volumeSize: { type: 'integer', minimum: 1, maximum: 16384 },
        volumeType: { enum: ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] },
        encrypted: { type: 'boolean' },
        deleteOnTermination: { type: 'boolean' },
        iops: { type: 'integer', minimum: 100, maximum: 256000 },
        throughput: { type: 'integer', minimum: 125, maximum: 1000 },
        kmsKeyId: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
};
const imageDefinitionSchema = {
    type: 'object',
    properties: {
        name: { type: 'string', pattern: RESOURCE_NAME },
        description: { type: 'string', maxLength: 1024 },
        platform: { enum: ['Linux', 'Windows'] },
        parentImage: { type: 'string', minLength: 1 },
        version: { type: 'string', pattern: SEMVER },
        components: { type: 'array', minItems: 1, maxItems: 20, items: componentEntry },
        workingDirectory: { type: 'string', minLength: 1 },
        blockDeviceMappings: {
            type: 'array',
            items: {
                type: 'object',
                properties: {
                    deviceName: { type: 'string', minLength: 1 },
                    ebs,
                    noDevice: { type: 'string' },
                },
                required: ['deviceName'],
                additionalProperties: false,
            },
        },
        ssmParameter: { type: 'string', minLength: 1 },
        stack: {
            type: 'object',
            properties: {
                name: { type: 'string', pattern: STACK_NAME },
                template: { type: 'string', minLength: 1 },
                parameters: scalarMap,
            },
            required: ['name', 'template'],
            additionalProperties: false,
        },
        tags: scalarMap,
        // The scan gate (docs/scan-gate.md): Inspector scanning of each build, and the severity that blocks.
        scan: {
            type: 'object',
            properties: {
                enabled: { type: 'boolean' },
                'fail-on': { enum: ['critical', 'high', 'medium', 'none'] },
            },
            additionalProperties: false,
        },
    },
    required: ['platform', 'parentImage', 'components', 'ssmParameter'],
    additionalProperties: false,
};
// strictRequired is off: the oneOf branches require properties declared one level up.
const schema_ajv = new ajv.Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
});
const validate = schema_ajv.compile(imageDefinitionSchema);
/** Raw ajv errors for a plain JS value (empty when valid). */
function schemaErrors(data) {
    return validate(data) ? [] : [...(validate.errors ?? [])];
}
/** The schema's property names at a JSON pointer's parent, for "did you mean". */
function knownKeys(instancePath) {
    const parts = instancePath.split('/').filter((p) => p !== '');
    let node = imageDefinitionSchema;
    for (const part of parts) {
        const s = node;
        if (/^\d+$/.test(part) && s.items)
            node = s.items;
        else
            node = s.properties?.[part];
        if (!node)
            return [];
    }
    return Object.keys(node.properties ?? {});
}

<<<<<<<< HEAD:actions/validate/dist/263.index.js
========
;// CONCATENATED MODULE: ./actions/lib/definitions/yaml-path.ts

/** `/components/0/file` → ['components', '0', 'file'] (RFC 6901 unescaping). */
function pointerToPath(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function hasText(node) {
    const range = node?.range;
    return !!range && range[1] > range[0];
}
/**
 * The node at `path`: the value, or the key when `key` is set or the value is empty (`platform:`
 * with nothing after it). When the path goes further than the document, the deepest node found.
 */
function nodeAtPath(src, path, opts = {}) {
    let node = src.doc.contents;
    for (const [i, seg] of path.entries()) {
        const last = i === path.length - 1;
        if ((0,source/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,source/* keyName */.xT)(p) === String(seg));
            if (!pair)
                return node;
            // An empty value (`platform:` and nothing) has no text of its own: point at its key.
            if ((last && opts.key) || !hasText(pair.value))
                return pair.key;
            node = pair.value;
        }
        else if ((0,source/* isSeq */.oP)(node)) {
            const item = node.items[Number(seg)];
            if (item === undefined || item === null)
                return node;
            node = item;
        }
        else {
            return node;
        }
    }
    return node;
}
function positionAtPath(src, path, opts = {}) {
    return (0,source/* positionOf */.df)(src, nodeAtPath(src, path, opts));
}
function findingAtPath(src, path, severity, rule, message, opts = {}) {
    return (0,source/* findingAt */.dz)(src, nodeAtPath(src, path, opts), severity, rule, message);
}

>>>>>>>> fleet-build:actions/validate/dist/834.index.js
;// CONCATENATED MODULE: ./actions/lib/definitions/rules.ts


/** The only tokens `build-image` substitutes (docs/image-definitions.md). */
const ARN_TOKENS = ['${AWS::Partition}', '${AWS::Region}', '${AWS::AccountId}'];
const PARTITION = '(?:aws|aws-cn|aws-us-gov|aws-iso(?:-[a-z])?|\\$\\{AWS::Partition\\})';
const REGION = '(?:[a-z]{2}(?:-[a-z]+)+-\\d|\\$\\{AWS::Region\\})';
const ACCOUNT = '(?:\\d{12}|aws|\\$\\{AWS::AccountId\\})';
// Image Builder versions in ARNs: 1.2.3, 1.2.3/4 (a build), or wildcards from the right: 1.2.x, 1.x.x, x.x.x.
const VERSION = '(?:\\d+\\.\\d+\\.\\d+(?:/\\d+)?|\\d+\\.\\d+\\.x|\\d+\\.x\\.x|x\\.x\\.x)';
const NAME = '[a-z0-9][-_a-z0-9]*';
function arnPattern(kind) {
    return new RegExp(`^arn:${PARTITION}:imagebuilder:${REGION}:${ACCOUNT}:${kind}/${NAME}/${VERSION}$`);
}
const COMPONENT_ARN = arnPattern('component');
const IMAGE_ARN = arnPattern('image');
const AMI_ID = /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const ARN_EXAMPLE = 'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x';
function unknownTokens(value) {
    return (value.match(/\$\{[^}]*\}/g) ?? []).filter((t) => !ARN_TOKENS.includes(t));
}
/** Why a component ARN is wrong, or undefined when it is fine. */
function componentArnProblem(arn) {
    const bad = unknownTokens(arn);
    if (bad.length)
        return `${bad.join(', ')} is not substituted; only ${ARN_TOKENS.join(', ')} are.`;
    if (COMPONENT_ARN.test(arn))
        return undefined;
    if (/:image\//.test(arn))
        return 'this is an image ARN; a component ARN has `:component/<name>/<version>`.';
    return `expected arn:<partition>:imagebuilder:<region>:<account>:component/<name>/<version>, e.g. ${ARN_EXAMPLE}.`;
}
/** Why a parent image is wrong, or undefined. Image Builder takes an image ARN, an AMI id or ssm:<name>. */
function parentImageProblem(value) {
    if (AMI_ID.test(value))
        return undefined;
    if (value.startsWith('ssm:'))
        return ssmNameProblem(value.slice(4));
    const bad = unknownTokens(value);
    if (bad.length)
        return `${bad.join(', ')} is not substituted; only ${ARN_TOKENS.join(', ')} are.`;
    if (IMAGE_ARN.test(value))
        return undefined;
    return ('expected an image ARN (arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x), ' +
        'an AMI id (ami-0123456789abcdef0) or ssm:<parameter name>.');
}
/** SSM limits: the name you create is at most 1011 characters (2048 minus 1037 reserved by SSM). */
const SSM_NAME_MAX = 1011;
/**
 * Why an SSM parameter name is wrong, or undefined. After the PutParameter `Name` constraints:
 * `a-zA-Z0-9_.-` plus `/` for hierarchies; a hierarchy starts with `/`; not prefixed with aws or
 * ssm (case-insensitive); at most 15 levels; no spaces.
 */
function ssmNameProblem(name) {
    if (!/^[a-zA-Z0-9_.\-/]+$/.test(name))
        return 'only letters, digits and _ . - / are allowed (no spaces).';
    if (name.includes('/') && !name.startsWith('/'))
        return 'a name with a path must start with `/`, e.g. /golden-ami/web-server.';
    if (name.endsWith('/') || name.includes('//'))
        return 'a path segment is empty (trailing or doubled `/`).';
    if (name.length > SSM_NAME_MAX)
        return `it is ${name.length} characters; SSM allows at most ${SSM_NAME_MAX} for a name you create.`;
    if (/^(aws|ssm)/i.test(name))
        return 'a name cannot start with aws or ssm (any case); choose another prefix.';
    if (/^\/(aws|ssm)(\/|$)/i.test(name))
        return '/aws and /ssm are reserved paths (AWS public parameters); choose another prefix.';
    const depth = name.split('/').filter((s) => s !== '').length;
    if (depth > 15)
        return `it is ${depth} levels deep; SSM allows at most 15.`;
    return undefined;
}
/**
 * A top-level path that starts with aws or ssm (`/aws-team/...`): the PutParameter documentation
 * says names cannot be prefixed with aws or ssm but does not say whether a leading `/` changes that.
 */
function ssmNameWarning(name) {
    return /^\/(aws|ssm)/i.test(name) && !/^\/(aws|ssm)(\/|$)/i.test(name)
        ? `SSM parameter name \`${name}\` starts with /aws or /ssm; SSM may reject it as a reserved prefix. Prefer another prefix.`
        : undefined;
}
function isResourceName(name) {
    return new RegExp(RESOURCE_NAME).test(name);
}
/** Whether a component path is a plain repository-relative YAML path. */
function componentPathProblem(file) {
    if (file.startsWith('/') || /^[a-zA-Z]:/.test(file))
        return 'use a path relative to the repository root, e.g. components/apache-install.yml.';
    if (file.split(/[\\/]/).includes('..'))
        return '`..` is not allowed; use a path from the repository root.';
    if (!/\.ya?ml$/.test(file))
        return 'a component document is a .yml or .yaml file.';
    return undefined;
}
/** Findings for one loaded definition (positions from its YAML). */
function checkDefinition(src, d, hasNameKey) {
    const out = [];
    const err = (path, rule, message) => out.push(findingAtPath(src, path, 'error', rule, message));
    if (!hasNameKey && !isResourceName(d.name)) {
        err([], 'definition/invalid-name', `The image name defaults to the file name \`${d.name}\`, which Image Builder rejects (letters, digits, -, _ and spaces, 3 to 128 characters). Rename the file or set \`name:\`.`);
    }
    const parent = parentImageProblem(d.parentImage);
    if (parent)
        err(['parentImage'], 'definition/parent-image', `parentImage \`${d.parentImage}\` is not valid: ${parent}`);
    d.components.forEach((c, i) => {
        if (c.kind === 'arn') {
            const p = componentArnProblem(c.arn);
            if (p)
                err(['components', i, 'arn'], 'definition/component-arn', `Component ARN \`${c.arn}\` is not valid: ${p}`);
            return;
        }
        const p = componentPathProblem(c.file);
        if (p)
            err(['components', i, 'file'], 'definition/component-path', `Component path \`${c.file}\` is not valid: ${p}`);
        else if (!isResourceName(c.name)) {
            err(['components', i, 'file'], 'definition/invalid-name', `The component name defaults to the file name \`${c.name}\`, which Image Builder rejects (letters, digits, -, _ and spaces, 3 to 128 characters). Rename the file or set \`name:\`.`);
        }
    });
    const ssm = ssmNameProblem(d.ssmParameter);
    if (ssm)
        err(['ssmParameter'], 'definition/ssm-parameter-name', `SSM parameter name \`${d.ssmParameter}\` is not valid: ${ssm}`);
    const warning = ssmNameWarning(d.ssmParameter);
    if (warning)
        out.push(findingAtPath(src, ['ssmParameter'], 'warning', 'definition/ssm-parameter-name', warning));
    return out;
}

<<<<<<<< HEAD:actions/validate/dist/263.index.js
;// CONCATENATED MODULE: ./actions/lib/definitions/architecture-rules.ts


/** EC2 instance type: `<family>.<size>`, e.g. t3.micro, c6gn.large, m7i-flex.xlarge. */
const INSTANCE_TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9]+)$/;
/**
 * The architecture of an instance type's family, or undefined when it is not one EC2 names.
 * Graviton (arm64) families carry `g` among the attribute letters after the generation digit
 * (t4g, m7g, c6gn, x2gd, is4gen, g5g) and a1 is the first Graviton; every other family is x86_64
 * (EC2 User Guide, "Instance type naming conventions").
 */
function instanceTypeArchitecture(instanceType) {
    const m = INSTANCE_TYPE.exec(instanceType);
    if (!m)
        return undefined;
    const family = m[1];
    if (family === 'a1')
        return 'arm64';
    const parts = /^[a-z]+\d+([a-z-]*)$/.exec(family.replace(/-flex$/, ''));
    if (!parts)
        return 'x86_64';
    return parts[1].includes('g') ? 'arm64' : 'x86_64';
}
function architectureFindings(src, d) {
    const out = [];
    const err = (path, rule, message) => out.push(findingAtPath(src, path, 'error', rule, message));
    const seen = new Map();
    (d.architectures ?? []).forEach((a, i) => {
        const first = seen.get(a.name);
        if (first !== undefined)
            err(['architectures', i], 'definition/duplicate-architecture', `Architecture \`${a.name}\` is listed twice (entries ${first + 1} and ${i + 1}); each architecture is one build. Remove one, or merge their settings.`);
        else
            seen.set(a.name, i);
        if (a.parentImage) {
            const p = parentImageProblem(a.parentImage);
            if (p)
                err(['architectures', i, 'parentImage'], 'definition/parent-image', `parentImage \`${a.parentImage}\` of architecture ${a.name} is not valid: ${p}`);
        }
        (a.instanceTypes ?? []).forEach((t, j) => {
            const arch = instanceTypeArchitecture(t);
            const at = ['architectures', i, 'instanceTypes', j];
            if (!arch)
                err(at, 'definition/instance-type', `\`${t}\` is not an EC2 instance type; write <family>.<size>, e.g. ${a.name === 'arm64' ? 't4g.small' : 't3.small'}.`);
            else if (arch !== a.name)
                err(at, 'definition/instance-type', `Instance type \`${t}\` is ${arch}, but this entry builds ${a.name}; Image Builder cannot launch it for this architecture. Use a${a.name === 'arm64' ? ' Graviton type such as t4g.small or m7g.large' : 'n x86_64 type such as t3.small or m7i.large'}, or move it to the ${arch} entry.`);
        });
    });
    const stackArch = d.stack?.architecture;
    if (stackArch && !seen.has(stackArch)) {
        const listed = [...seen.keys()];
        err(['stack', 'architecture'], 'definition/stack-architecture', listed.length
            ? `The stack deploys architecture ${stackArch}, which this image does not build (architectures: ${listed.join(', ')}). Add it to \`architectures:\`, or pick one listed.`
            : `\`stack.architecture\` needs \`architectures:\` in the definition (without it the image has one build, of its parent's architecture). List the architectures, or remove \`stack.architecture\`.`);
    }
    return out;
}

========
// EXTERNAL MODULE: ./actions/lib/core/suggest.ts
var suggest = __webpack_require__(3558);
>>>>>>>> fleet-build:actions/validate/dist/834.index.js
;// CONCATENATED MODULE: ./actions/lib/definitions/schema-findings.ts



/** Where a path is, for messages: `components[1].file`; the root is "the image definition". */
function displayPath(path) {
    if (path.length === 0)
        return 'the image definition';
    return path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
const REQUIRED_HINTS = {
    platform: 'Linux or Windows',
    parentImage: 'the image to start from: an image ARN, an AMI id or ssm:<parameter>',
    components: 'the list of components in build order',
    ssmParameter: 'the SSM parameter that receives the AMI id, e.g. /golden-ami/<image>',
    name: 'the CloudFormation stack name',
    template: 'the template path, e.g. stacks/app-ec2.yml',
    deviceName: 'e.g. /dev/xvda',
};
const PATTERN_HINTS = {
    version: 'a semantic version x.y.z such as 1.0.0 (quote it if YAML reads it as a number)',
    name: 'letters, digits, `-`, `_` (and spaces for Image Builder names), 3 to 128 characters',
};
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
function messageFor(src, root, e, path) {
    const where = displayPath(path);
    const last = path[path.length - 1] ?? '';
    const p = e.params;
    // ajv keeps `data` only in verbose mode; walk the validated value instead.
    const data = path.reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), root);
    switch (e.keyword) {
        case 'additionalProperties': {
            const key = String(p.additionalProperty);
            const known = knownKeys(e.instancePath);
            const hint = (0,suggest/* didYouMean */.au)(key, known) || ` Known keys: ${known.join(', ')}.`;
            return {
                rule: 'definition/unknown-key',
                message: `Unknown key \`${key}\` in ${where}.${hint}`,
                key: true,
            };
        }
        case 'required': {
            const key = String(p.missingProperty);
            const hint = REQUIRED_HINTS[key];
            return {
                rule: 'definition/missing-key',
                message: `Missing required key \`${key}\` in ${where}${hint ? `: ${hint}` : ''}.`,
            };
        }
        case 'type': {
            const got = kindOfValue(data);
            const want = String(p.type).split(',').join(' or ');
            const quote = want.startsWith('string') && got.startsWith('the number') ? ' Quote it, e.g. "1.0.0".' : '';
            return {
                rule: 'definition/wrong-type',
                message: `\`${where}\` must be ${article(want)}, got ${got}.${quote}`,
            };
        }
        case 'enum': {
            const allowed = p.allowedValues.map(String);
            const value = data === null || data === undefined ? '' : String(data);
            const got = value === '' ? 'it is empty' : `got \`${value}\``;
            return {
                rule: 'definition/invalid-value',
                message: `\`${where}\` must be one of ${allowed.join(', ')}; ${got}.${value === '' ? '' : (0,suggest/* didYouMean */.au)(value, allowed)}`,
            };
        }
        case 'pattern': {
            const hint = path[0] === 'stack' && last === 'name'
                ? 'a CloudFormation stack name: a letter, then letters, digits and `-`, at most 128 characters'
                : (PATTERN_HINTS[last] ?? `text matching ${String(p.pattern)}`);
            return {
                rule: 'definition/invalid-value',
                message: `\`${where}\` is \`${String(data)}\`; it must be ${hint}.`,
            };
        }
        case 'minItems':
        case 'maxItems': {
            const n = Array.isArray(data) ? data.length : 0;
            if (last === 'components') {
                return {
                    rule: 'definition/component-count',
                    message: `An image has 1 to 20 components (Image Builder's limit per recipe); this one lists ${plural(n, 'component')}.`,
                };
            }
            return {
                rule: 'definition/invalid-value',
                message: `\`${where}\` ${e.message ?? 'has the wrong number of items'}.`,
            };
        }
        case 'minLength':
            return { rule: 'definition/invalid-value', message: `\`${where}\` must not be empty.` };
        case 'oneOf':
            // Both branches require one property; passingSchemas [0,1] means both were given.
            return Array.isArray(p.passingSchemas)
                ? {
                    rule: 'definition/component-source',
                    message: `${capital(where)} has both \`file:\` and \`arn:\`; keep one.`,
                }
                : {
                    rule: 'definition/component-source',
                    message: `${capital(where)} needs \`file:\` (a component document in this repository) or \`arn:\` (an AWS-managed or shared component).`,
                };
        case 'false schema':
            return {
                rule: 'definition/unknown-key',
                message: `\`${last}\` does not apply to an \`arn:\` component: the ARN already names the component and its version. Remove it.`,
                key: true,
            };
        case 'if':
            return undefined; // reported by the failing `then` branch (false schema) above
        default:
            return {
                rule: 'definition/invalid-value',
                message: `\`${where}\` ${e.message ?? 'is invalid'}.`,
            };
    }
}
function kindOfValue(v) {
    if (v === null || v === undefined)
        return 'an empty value';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'number' || typeof v === 'boolean')
        return `the ${typeof v} ${String(v)}`;
    return 'a string';
}
function article(s) {
    if (s === 'object')
        return 'a mapping';
    if (s === 'array')
        return 'a list';
    return /^[aeiou]/.test(s) ? `an ${s}` : `a ${s}`;
}
function capital(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
function schemaFindings(src, data, errors) {
    // The `required` errors inside a oneOf branch only explain why the branch failed; the oneOf
    // error itself carries the message.
    const relevant = errors.filter((e) => !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/')));
    const out = [];
    const seen = new Set();
    for (const e of relevant) {
        const path = pointerToPath(e.instancePath);
        const m = messageFor(src, data, e, path);
        if (!m)
            continue;
        const target = e.keyword === 'additionalProperties'
            ? [...path, String(e.params.additionalProperty)]
            : path;
        const f = findingAtPath(src, target, 'error', m.rule, m.message, { key: m.key });
        const id = `${f.line}:${f.column}:${f.message}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        out.push(f);
    }
    return out;
}

;// CONCATENATED MODULE: ./actions/lib/definitions/load.ts





/** `components/apache-install.yml` → `apache-install`. */
function baseName(file) {
    const last = file.split(/[\\/]/).pop() ?? file;
    return last.replace(/\.ya?ml$/i, '');
}
function strings(value) {
    const out = {};
    for (const [k, v] of Object.entries(value ?? {}))
        out[k] = String(v);
    return out;
}
function toComponent(raw) {
    const parameters = strings(raw.parameters);
    if (typeof raw.arn === 'string')
        return { kind: 'arn', arn: raw.arn, parameters };
    const file = String(raw.file);
    return {
        kind: 'file',
        file,
        name: typeof raw.name === 'string' ? raw.name : baseName(file),
        ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
        parameters,
    };
}
/** Plain data that passed the schema → the contract type, with defaults applied. */
function toDefinition(raw, file) {
    const stack = raw.stack;
    return {
        file,
        name: typeof raw.name === 'string' ? raw.name : baseName(file),
        ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
        platform: raw.platform,
        parentImage: String(raw.parentImage),
        ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
        components: raw.components.map(toComponent),
        blockDeviceMappings: raw.blockDeviceMappings ?? [],
        ...(typeof raw.workingDirectory === 'string' ? { workingDirectory: raw.workingDirectory } : {}),
        ssmParameter: String(raw.ssmParameter),
        ...(stack
            ? {
                stack: {
                    name: String(stack.name),
                    template: String(stack.template),
                    parameters: strings(stack.parameters),
                },
            }
            : {}),
        tags: strings(raw.tags),
        ...(raw.scan ? { scan: toScan(raw.scan) } : {}),
    };
}
function toScan(raw) {
    return {
        enabled: raw.enabled !== false,
        failOn: raw['fail-on'] ?? 'critical',
    };
}
function unreadable(file, e) {
    return {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'definition/unreadable',
        message: `The image definition could not be read (${(0,errors/* errorMessage */.gJ)(e)}). Check that the file is UTF-8 YAML.`,
    };
}
/** Load and check one definition file; `file` is its path relative to the repository root. */
function loadImageDefinition(text, file) {
    let src;
    try {
        src = (0,source/* parseYaml */.hN)(text, file);
    }
    catch (e) {
        return { findings: [unreadable(file, e)] };
    }
    const findings = [...src.findings];
    if ((0,source/* hasErrors */.Cs)(src))
        return { findings, source: src };
    const root = src.doc.contents;
    if (!(0,source/* isMap */.jh)(root)) {
        const what = root === null || root === undefined ? 'is empty' : 'is not a mapping';
        findings.push((0,source/* findingAt */.dz)(src, root, 'error', 'definition/root-not-mapping', `The image definition ${what}: write a mapping with at least platform, parentImage, components and ssmParameter (see docs/image-definitions.md).`));
        return { findings, source: src };
    }
    let data;
    try {
        data = src.doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        return { findings: [...findings, unreadable(file, e)], source: src };
    }
    const errors = schemaErrors(data);
    if (errors.length)
        return { findings: [...findings, ...schemaFindings(src, data, errors)], source: src };
    const definition = toDefinition(data, file);
    findings.push(...checkDefinition(src, definition, (0,source/* pairOf */.cF)(root, 'name') !== undefined));
    return { definition, findings, source: src };
}

;// CONCATENATED MODULE: ./actions/lib/definitions/validate-definitions.ts
/**
 * Repository-level checks of all image definitions together: the components they name exist and
 * take the parameters given, names and SSM parameters are unique, platforms agree, templates exist.
 * Per-file shape and value checks are in load.ts.
 */






const DEFAULT_DEFINITIONS_PATH = 'components/images';
function isYaml(file) {
    return /\.ya?ml$/i.test(file);
}
function parsedComponent(ctx, file) {
    if (!ctx.components.has(file)) {
        const text = ctx.repo.read(file);
        if (text === undefined)
            return undefined;
        ctx.components.set(file, (0,awstoe/* parseComponent */.bq)(text, file));
    }
    return ctx.components.get(file);
}
function checkFileComponent(ctx, c, i, err) {
    const at = ['components', i, 'file'];
    if (c.file.startsWith(`${ctx.definitionsPath}/`)) {
        err(at, 'definition/component-path', `\`${c.file}\` is an image definition, not a component document. Point \`file:\` at a component outside ${ctx.definitionsPath}/.`);
        return;
    }
    const parsed = parsedComponent(ctx, c.file);
    if (!parsed) {
        err(at, 'definition/missing-component', `Component file \`${c.file}\` does not exist. Restore it, fix the path, or remove this entry.`);
        return;
    }
    const broken = parsed.findings.find((f) => f.severity === 'error');
    if (!parsed.document || broken) {
        const first = broken ? ` (${broken.file}:${broken.line}: ${broken.message})` : '';
        err(at, 'definition/invalid-component', `Component \`${c.file}\` is not a readable AWSTOE document${first}; fix it first.`);
        return;
    }
    const declared = (0,awstoe/* componentParameterNames */.XH)(parsed.document);
    for (const name of Object.keys(c.parameters)) {
        if (declared.includes(name))
            continue;
        const has = declared.length
            ? `It declares ${declared.join(', ')}.`
            : 'It declares no parameters.';
        err(['components', i, 'parameters', name], 'definition/unknown-parameter', `Parameter \`${name}\` is not declared by \`${c.file}\`.${(0,suggest/* didYouMean */.au)(name, declared)} ${has}`, { key: true });
    }
    for (const p of parsed.document.parameters) {
        if (p.default === undefined && !(p.name in c.parameters)) {
            err(at, 'definition/missing-parameter', `\`${c.file}\` requires parameter \`${p.name}\` (it has no default), so the build would fail. Set it under \`parameters:\`.`);
        }
    }
}
/** Findings for duplicates of `key(d)` across definitions, at `path` of every definition after the first. */
function duplicates(all, key, path, rule, what) {
    const first = new Map();
    const out = [];
    for (const { definition: d, source } of all) {
        const k = key(d);
        if (k === undefined)
            continue;
        const prior = first.get(k);
        if (!prior)
            first.set(k, d);
        else
            out.push(findingAtPath(source, path, 'error', rule, `${what} \`${k}\` is already used by ${prior.file}; each image needs its own.`));
    }
    return out;
}
function platformConflicts(all) {
    const users = new Map();
    for (const loaded of all) {
        loaded.definition.components.forEach((c, index) => {
            if (c.kind !== 'file')
                return;
            users.set(c.file, [...(users.get(c.file) ?? []), { loaded, index }]);
        });
    }
    const out = [];
    for (const [file, uses] of users) {
        const linux = uses.filter((u) => u.loaded.definition.platform === 'Linux');
        const windows = uses.filter((u) => u.loaded.definition.platform === 'Windows');
        if (!linux.length || !windows.length)
            continue;
        // Report where the minority platform uses it (ties: the Windows uses).
        const [odd, usual] = windows.length <= linux.length ? [windows, linux] : [linux, windows];
        const other = usual[0].loaded.definition;
        for (const u of odd) {
            const d = u.loaded.definition;
            out.push(findingAtPath(u.loaded.source, ['components', u.index, 'file'], 'error', 'definition/platform-mismatch', `\`${file}\` is used by ${d.platform} image \`${d.name}\` and by ${other.platform} image \`${other.name}\` (${other.file}). An Image Builder component has one platform: split it into a Linux and a Windows file.`));
        }
    }
    return out;
}
/** Load every definition and run the per-file and repository-level checks. Never throws. */
function validateDefinitions(repo, opts = {}) {
    const definitionsPath = (opts.definitionsPath ?? DEFAULT_DEFINITIONS_PATH).replace(/\/+$/, '');
    const files = [...(opts.files ?? repo.list(definitionsPath).filter(isYaml))].sort();
    const ctx = { repo, definitionsPath, components: new Map() };
    const findings = [];
    const loaded = [];
    const sources = new Map();
    for (const file of files) {
        const text = repo.read(file);
        if (text === undefined) {
            findings.push({
                file,
                line: 1,
                column: 1,
                severity: 'error',
                rule: 'definition/unreadable',
                message: 'The image definition file cannot be read.',
            });
            continue;
        }
        const result = loadImageDefinition(text, file);
        findings.push(...result.findings);
        if (result.source)
            sources.set(file, result.source);
        if (!result.definition || !result.source)
            continue;
        const { definition: d, source } = result;
        loaded.push({ definition: d, source });
        const err = (path, rule, message, o) => findings.push(findingAtPath(source, path, 'error', rule, message, o));
        d.components.forEach((c, i) => {
            if (c.kind === 'file')
                checkFileComponent(ctx, c, i, err);
        });
        if (d.stack && !repo.exists(d.stack.template)) {
            err(['stack', 'template'], 'definition/missing-template', `Stack template \`${d.stack.template}\` does not exist. Add it, or fix the path.`);
        }
    }
    findings.push(...duplicates(loaded, (d) => d.name, ['name'], 'definition/duplicate-image-name', 'Image name'), ...duplicates(loaded, (d) => d.ssmParameter, ['ssmParameter'], 'definition/duplicate-ssm-parameter', 'SSM parameter'), ...duplicates(loaded, (d) => d.stack?.name, ['stack', 'name'], 'definition/duplicate-stack', 'Stack name'), ...platformConflicts(loaded), ...graphFindings(loaded));
    return {
        definitions: loaded.map((l) => l.definition),
        findings: (0,core_findings/* sortFindings */.Tc)(findings),
        locate: (file, path) => {
            const src = sources.get(file);
            return src ? positionAtPath(src, path) : undefined;
        },
    };
}

// EXTERNAL MODULE: ./actions/lib/scan/paths.ts
var paths = __webpack_require__(9958);
;// CONCATENATED MODULE: ./actions/lib/definitions/plan-matrix.ts
/** The `strategy.matrix` value: `{"include": [...]}`. */
function planMatrix(plan) {
    return {
        include: plan.entries.flatMap((e) => e.targets.map((t) => {
            const stack = t.deploysStack && e.stack !== undefined;
            return {
                image: e.image,
                target: t.target,
                architecture: t.architecture ?? '',
                definition: e.definition,
                rebuild: e.rebuild,
                redeploy: stack && e.redeploy,
                reasons: e.reasons,
                'changed-components': e.changedComponents,
                'ssm-parameter': t.ssmParameter,
                parent: t.parent,
                'parent-ssm-parameter': t.parentSsmParameter,
                'parent-rebuild': t.parentRebuild,
                'stack-name': stack ? e.stack : '',
                'stack-template': stack ? (e.stackTemplate ?? '') : '',
                'stack-parameters': stack
                    ? Object.entries(e.stackParameters ?? {})
                        .map(([k, v]) => `${k}=${v}`)
                        .join('\n')
                    : '',
            };
        })),
    };
}

;// CONCATENATED MODULE: ./actions/lib/definitions/plan.ts
/**
 * `plan`: which images to build for an event, and why. Pure: the changed files, the event and the
 * image graph come in; the images with their reasons and builds go out, parents first (the matrix
 * rows are in plan-matrix.ts). A rebuilt parent rebuilds every image built on it, transitively.
 */





const EVENT_KINDS = ['push', 'pull_request', 'workflow_dispatch', 'schedule'];
function normalize(file) {
    return file.replace(/^\.\//, '');
}
function checkComponentsExist(input) {
    if (!input.exists)
        return;
    for (const d of input.definitions) {
        d.components.forEach((c, i) => {
            if (c.kind !== 'file' || input.exists(c.file))
                return;
            const at = input.locate?.(d.file, ['components', i, 'file']);
            throw new errors/* ConfigurationError */.j1(`Image \`${d.name}\` uses component \`${c.file}\`, which does not exist (deleted or renamed?). Restore the file, or update \`components:\` in ${d.file}.`, { file: d.file, line: at?.line, column: at?.column });
        });
    }
}
function selectImages(graph, image) {
    if (!image || image === 'all')
        return graph.images;
    const node = graph.images.find((n) => n.image === image);
    if (node)
        return [node];
    const names = graph.images.map((n) => n.image);
    throw new errors/* ConfigurationError */.j1(`Unknown image \`${image}\`.${(0,suggest/* didYouMean */.au)(image, names)} Valid images: ${names.length ? names.join(', ') : '(none defined)'}, or \`all\`.`);
}
/** A parent cycle or an unknown parent makes no order; validate reports them at their lines. */
function checkGraph(input) {
    const cycle = input.graph.cycles[0];
    if (cycle) {
        const d = input.definitions.find((x) => x.name === cycle[0]);
        const at = d ? input.locate?.(d.file, ['parentImage']) : undefined;
        throw new errors/* ConfigurationError */.j1(`Image parents form a cycle: ${cycleText(cycle)} (each built on the next), so no image of it can be built first. Give one of them a parent outside the cycle.`, { file: d?.file, line: at?.line, column: at?.column });
    }
    const names = new Set(input.graph.images.map((n) => n.image));
    for (const n of input.graph.images) {
        const missing = n.parents.find((p) => !names.has(p));
        if (missing === undefined)
            continue;
        const at = input.locate?.(n.definition, ['parentImage']);
        throw new errors/* ConfigurationError */.j1(`Image \`${n.image}\` is built on \`image:${missing}\`, which names no image definition.${(0,suggest/* didYouMean */.au)(missing, [...names])} Fix the name in ${n.definition}.`, { file: n.definition, line: at?.line, column: at?.column });
    }
}
/** The builds of `d`, each with its parent's build and whether that parent is rebuilt in this run. */
function planTargets(d, byName, rebuiltInRun) {
    const stackArch = stackArchitecture(d);
    return buildTargets(d).map((t) => {
        const parent = imageParentName(t.parentImage) ?? '';
        const parentDef = parent ? byName.get(parent) : undefined;
        return {
            ...t,
            parent,
            parentSsmParameter: parentDef
                ? (parentBuildTarget(parentDef, t.architecture)?.ssmParameter ?? '')
                : '',
            parentRebuild: parent !== '' && rebuiltInRun.has(parent),
            deploysStack: !!d.stack && t.architecture === stackArch,
        };
    });
}
function entry(draft, byName, rebuiltInRun) {
    const { node, reasons, changedComponents, rebuild, templateChanged } = draft;
    const d = byName.get(node.image);
    return {
        image: node.image,
        definition: node.definition,
        reasons,
        changedComponents,
        rebuild,
        redeploy: !!node.stackTemplate && (rebuild || templateChanged),
        parents: node.parents,
        targets: d ? planTargets(d, byName, rebuiltInRun) : [],
        ...(d ? { ssmParameter: d.ssmParameter } : {}),
        ...(d?.stack
            ? {
                stack: d.stack.name,
                stackTemplate: d.stack.template,
                stackParameters: d.stack.parameters,
            }
            : {}),
    };
}
/** Why every selected image is built, or undefined when the changed files decide. */
function everythingReason(input) {
    const selected = !input.image || input.image === 'all' ? 'every image' : 'this image';
    if (input.force)
        return `Forced rebuild of ${selected} (force: true).`;
    if (input.event === 'schedule')
        return `Scheduled rebuild of ${selected} (picks up OS and package updates).`;
    if (input.event === 'workflow_dispatch')
        return `Manual run (workflow_dispatch) for ${selected}.`;
    if (input.changedFiles === undefined || input.changedFiles === 'unknown') {
        return `Changed files unknown (${input.unknownReason ?? 'no commit range'}): rebuilding ${selected} to be safe.`;
    }
    return undefined;
}
/** The image's own reasons: its definition, components, stack template or the scan exceptions changed. */
function directDraft(node, files, used) {
    const reasons = [];
    const changedComponents = node.componentFiles.filter((f) => files.includes(f));
    const definitionChanged = files.includes(node.definition);
    const templateChanged = !!node.stackTemplate && files.includes(node.stackTemplate);
    if (definitionChanged)
        reasons.push(`Image definition changed (${node.definition}).`);
    for (const f of changedComponents)
        reasons.push(`Component changed: ${f}.`);
    if (templateChanged)
        reasons.push(`Stack template changed: ${node.stackTemplate} (redeploy).`);
    // An accepted (or withdrawn) vulnerability can change any image's scan verdict: rebuild, the gate decides.
    const exceptionsChanged = files.includes(paths/* EXCEPTIONS_FILE */.u);
    if (exceptionsChanged) {
        reasons.push(`Scan exceptions changed (${paths/* EXCEPTIONS_FILE */.u}): the scan gate decides again.`);
        used.add(paths/* EXCEPTIONS_FILE */.u);
    }
    for (const f of [
        node.definition,
        ...changedComponents,
        ...(templateChanged ? [node.stackTemplate] : []),
    ])
        used.add(f);
    const rebuild = definitionChanged || changedComponents.length > 0 || exceptionsChanged;
    return { node, reasons, changedComponents, rebuild, templateChanged };
}
/** `Component changed: x.yml.` → `component changed: x.yml`, to quote inside a child's reason. */
function quoteReason(reason) {
    return reason.charAt(0).toLowerCase() + reason.slice(1).replace(/\.$/, '');
}
/**
 * Walks the graph parents first: an image is rebuilt when it changed or any parent is rebuilt, with
 * a reason naming the parent and why; its own reasons come first.
 */
function transitiveDrafts(graph, files, used) {
    const drafts = new Map();
    for (const node of graph.images) {
        const draft = directDraft(node, files, used);
        for (const p of node.parents) {
            const parent = drafts.get(p);
            if (!parent?.rebuild)
                continue;
            const why = parent.reasons.filter((r) => !r.startsWith('Stack template changed'));
            draft.reasons.push(`Parent \`${p}\` is rebuilt (${why.map(quoteReason).join('; ')}): this image is built on its new AMI.`);
            draft.rebuild = true;
        }
        drafts.set(node.image, draft);
    }
    return graph.images.map((n) => drafts.get(n.image));
}
function planImages(input) {
    checkComponentsExist(input);
    checkGraph(input);
    const selected = selectImages(input.graph, input.image);
    const byName = new Map(input.definitions.map((d) => [d.name, d]));
    const changed = input.changedFiles === undefined || input.changedFiles === 'unknown'
        ? 'unknown'
        : [...new Set(input.changedFiles.map(normalize))].sort();
    const all = everythingReason(input);
    const used = new Set();
    const files = changed === 'unknown' ? [] : changed;
    // Walk every image (not only the selected) so `unrelatedFiles` does not depend on the selection.
    const drafts = all !== undefined
        ? input.graph.images.map((node) => ({
            node,
            reasons: [all],
            changedComponents: [],
            rebuild: true,
            templateChanged: false,
        }))
        : transitiveDrafts(input.graph, files, used);
    const planned = drafts.filter((d) => d.reasons.length && selected.includes(d.node));
    const rebuiltInRun = new Set(planned.filter((d) => d.rebuild).map((d) => d.node.image));
    for (const d of planned)
        notInRun(d, rebuiltInRun);
    const entries = planned.map((d) => entry(d, byName, rebuiltInRun));
    if (all !== undefined)
        return { entries, summary: all, changedFiles: changed, unrelatedFiles: [] };
    const unrelatedFiles = files.filter((f) => !used.has(f));
    const n = files.length;
    const summary = entries.length
        ? `${entries.length} of ${selected.length} image${selected.length === 1 ? '' : 's'} affected by ${n} changed file${n === 1 ? '' : 's'}.`
        : `No image is affected by the ${n} changed file${n === 1 ? '' : 's'}; nothing to build.`;
    return { entries, summary, changedFiles: changed, unrelatedFiles };
}
/** A parent that is left out of this run (the `image` input): say the build uses its published AMI. */
function notInRun(draft, rebuiltInRun) {
    for (const p of draft.node.parents) {
        if (rebuiltInRun.has(p))
            continue;
        const i = draft.reasons.findIndex((r) => r.startsWith(`Parent \`${p}\` is rebuilt`));
        if (i >= 0)
            draft.reasons[i] = draft.reasons[i].replace('is rebuilt (', 'changed (').replace(': this image is built on its new AMI.', `, but it is not built in this run (image: ${draft.node.image}): this build uses its current published AMI.`);
    }
}


;// CONCATENATED MODULE: ./actions/lib/github/event.ts
/**
 * The triggering event, read from the JSON file the runner writes at `GITHUB_EVENT_PATH`. We read
 * it ourselves rather than through @actions/github's `context`: only the plan action's pull-request
 * comment needs Octokit (pr-comment.ts), and the other bundles should not carry it to read a file.
 */



const ZERO_SHA = /^0+$/;
function isZeroSha(sha) {
    return sha !== undefined && ZERO_SHA.test(sha);
}
function str(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function obj(v) {
    return v && typeof v === 'object' ? v : {};
}
/** Workflow inputs of type boolean arrive as booleans; older/`string` ones as 'true'/'false'. */
function bool(v) {
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v))
        return v.toLowerCase() === 'true';
    return undefined;
}
function parseEvent(name, payload) {
    if (!EVENT_KINDS.includes(name)) {
        throw new errors/* ConfigurationError */.j1(`plan does not support the '${name}' event. Trigger it on ${EVENT_KINDS.join(', ')}.`);
    }
    const kind = name;
    const p = obj(payload);
    switch (kind) {
        case 'push': {
            const forced = bool(p.forced);
            return {
                kind,
                base: str(p.before),
                head: str(p.after),
                ...(forced !== undefined ? { forced } : {}),
            };
        }
        case 'pull_request': {
            const pr = obj(p.pull_request);
            const repository = str(obj(p.repository).full_name) ?? str(obj(obj(pr.base).repo).full_name);
            const headRepository = str(obj(obj(pr.head).repo).full_name) ?? '';
            const number = typeof pr.number === 'number' ? pr.number : Number(p.number);
            return {
                kind,
                base: str(obj(pr.base).sha),
                head: str(obj(pr.head).sha),
                ...(Number.isInteger(number) && number > 0 && repository
                    ? {
                        pullRequest: {
                            number,
                            repository,
                            headRepository,
                            fromFork: headRepository !== repository,
                        },
                    }
                    : {}),
            };
        }
        case 'workflow_dispatch': {
            const inputs = obj(p.inputs);
            const force = bool(inputs.force);
            return {
                kind,
                ...(str(inputs.image) ? { image: str(inputs.image) } : {}),
                ...(force !== undefined ? { force } : {}),
            };
        }
        case 'schedule':
            return { kind };
    }
}
/**
 * The event from the runner's environment. Without `GITHUB_EVENT_NAME` (a local run) it is a
 * manual run, as if dispatched.
 */
function readEvent(env) {
    const name = env.GITHUB_EVENT_NAME;
    if (!name)
        return { kind: 'workflow_dispatch' };
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return parseEvent(name, {});
    let payload;
    try {
        payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`Cannot read the event file GITHUB_EVENT_PATH=${path}: ${(0,errors/* errorMessage */.gJ)(e)}.`);
    }
    return parseEvent(name, payload);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./actions/lib/github/git.ts
/**
 * Changed files between two commits, from git (the I/O edge of `plan`). Never throws: when git
 * cannot answer, the result is 'unknown' with the reason, and `plan` builds everything.
 */




const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
const SHA = /^[0-9a-f]{7,64}$/i;
async function git(cwd, args) {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
}
async function hasCommit(cwd, sha) {
    try {
        await git(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}
function git_short(sha) {
    return sha.slice(0, 12);
}
/**
 * `git diff --name-only` between `base` and `head` in the repository at `cwd`. With `mergeBase`
 * (pull requests) it diffs from where the branch left `base` (`base...head`), so commits that
 * landed on the base branch meanwhile do not count. Renames list both paths.
 */
async function changedFilesFromGit(cwd, base, head, opts = {}) {
    if (!base || isZeroSha(base))
        return {
            files: 'unknown',
            reason: 'first push of this branch: there is no previous commit to compare with',
        };
    if (!head)
        return { files: 'unknown', reason: 'the event names no head commit' };
    for (const sha of [base, head]) {
        // Only hex shas reach git's command line: nothing from the event can become an option.
        if (!SHA.test(sha))
            return { files: 'unknown', reason: `'${sha}' is not a commit sha` };
    }
    for (const sha of [base, head]) {
        if (!(await hasCommit(cwd, sha))) {
            return {
                files: 'unknown',
                reason: `commit ${git_short(sha)} is not in this clone's history (rewritten by a force-push, or a shallow checkout: set fetch-depth: 0 on actions/checkout)`,
            };
        }
    }
    const range = opts.mergeBase ? [`${base}...${head}`] : [base, head];
    try {
        const out = await git(cwd, ['diff', '--name-only', '--no-renames', '-z', ...range, '--']);
        return { files: out.split('\0').filter((f) => f !== '') };
    }
    catch (e) {
        const stderr = e.stderr?.trim();
        return { files: 'unknown', reason: `git diff failed: ${stderr || (0,errors/* errorMessage */.gJ)(e)}` };
    }
}

;// CONCATENATED MODULE: ./actions/lib/definitions/plan-render.ts
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}
/** | Image | Why | Changed components | — or a sentence when nothing is planned. */
function renderPlanTable(plan) {
    if (!plan.entries.length)
        return '_No image to build._';
    const rows = plan.entries.map((e) => {
        const why = [
            ...e.reasons,
            ...(e.rebuild ? [] : ['No rebuild: the current AMI is redeployed.']),
        ].join('<br>');
        const components = e.changedComponents.length
            ? e.changedComponents.map(code).join('<br>')
            : '—';
        return `| ${code(e.image)} | ${cell(why)} | ${cell(components)} |`;
    });
    return ['| Image | Why | Changed components |', '| --- | --- | --- |', ...rows].join('\n');
}
function label(text) {
    return `"${text.replace(/"/g, '#quot;')}"`;
}
/**
 * `graph LR` from each changed file (component, definition, stack template) to the images it
 * feeds; '' when no changed file feeds an image (schedule, force, docs only).
 */
function renderPlanGraph(plan, graph) {
    const sources = new Map();
    const images = new Map();
    const edges = [];
    const id = (map, prefix, key) => {
        if (!map.has(key))
            map.set(key, `${prefix}${map.size}`);
        return map.get(key);
    };
    for (const e of plan.entries) {
        const node = graph.images.find((n) => n.image === e.image);
        const feeds = [
            ...e.changedComponents,
            ...(plan.changedFiles !== 'unknown' && plan.changedFiles.includes(e.definition)
                ? [e.definition]
                : []),
            ...(node?.stackTemplate &&
                plan.changedFiles !== 'unknown' &&
                plan.changedFiles.includes(node.stackTemplate)
                ? [node.stackTemplate]
                : []),
        ];
        for (const file of feeds)
            edges.push(`  ${id(sources, 'f', file)} --> ${id(images, 'i', e.image)}`);
    }
    if (!edges.length)
        return '';
    const lines = ['graph LR'];
    for (const [file, key] of sources)
        lines.push(`  ${key}[${label(file)}]`);
    for (const [image, key] of images)
        lines.push(`  ${key}([${label(image)}])`);
    lines.push(...edges);
    return lines.join('\n');
}
function renderPlanSummary(plan, graph) {
    const parts = ['## Image plan', '', plan.summary, '', renderPlanTable(plan)];
    const mermaid = renderPlanGraph(plan, graph);
    if (mermaid)
        parts.push('', '```mermaid', mermaid, '```');
    if (plan.unrelatedFiles.length) {
        parts.push('', `<details><summary>${plan.unrelatedFiles.length} changed file(s) that feed no image</summary>`, '');
        parts.push(...plan.unrelatedFiles.map((f) => `- ${code(f)}`), '', '</details>');
    }
    return parts.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./actions/lib/definitions/index.ts











/** For the validate engine: the definition files `files` (repository-relative) checked against the repository at `root`. */
function validateDefinitionFiles(root, files) {
    return validateDefinitions(diskRepo(root), { files }).findings;
}


/***/ })

};
