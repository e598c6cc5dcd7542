export const id = 315;
export const ids = [315];
export const modules = {

/***/ 4315:
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
        return validateParsed(parsed, await loadResourceSpec(), context);
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
