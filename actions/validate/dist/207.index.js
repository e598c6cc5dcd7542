export const id = 207;
export const ids = [207];
export const modules = {

/***/ 5207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EXCEPTIONS_FILE: () => (/* reexport */ paths/* EXCEPTIONS_FILE */.u),
  EXPIRY_WARNING_DAYS: () => (/* binding */ EXPIRY_WARNING_DAYS),
  endOfDay: () => (/* binding */ endOfDay),
  expiryFindings: () => (/* binding */ expiryFindings),
  parseExceptions: () => (/* binding */ parseExceptions),
  validateExceptions: () => (/* binding */ validateExceptions)
});

// EXTERNAL MODULE: ./actions/lib/core/suggest.ts
var suggest = __webpack_require__(3558);
// EXTERNAL MODULE: ./actions/lib/yaml/source.ts
var source = __webpack_require__(5199);
;// CONCATENATED MODULE: ./actions/lib/scan/severity.ts
/**
 * Amazon Inspector's finding severities and the gate's `fail-on` levels. Inspector rates a package
 * vulnerability INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL, and UNTRIAGED while it has not rated it
 * yet ("Severity levels for Amazon Inspector findings", Inspector user guide). Image Builder's
 * ListImageScanFindings returns the same strings in `severity`.
 *
 * UNTRIAGED has no place in the scale: the gate never blocks on it (there is nothing to compare) but
 * the summary lists every untriaged finding, so a reviewer sees it.
 */
const SEVERITIES = [
    'CRITICAL',
    'HIGH',
    'MEDIUM',
    'LOW',
    'INFORMATIONAL',
    'UNTRIAGED',
];
/** Higher is worse; UNTRIAGED (and anything unknown) is 0. */
const RANK = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFORMATIONAL: 1 };
function severityRank(severity) {
    return RANK[(severity ?? '').toUpperCase()] ?? 0;
}
/** `critical` → CRITICAL; anything Inspector does not report → undefined. */
function parseSeverity(value) {
    const v = (value ?? '').toUpperCase();
    return SEVERITIES.includes(v) ? v : undefined;
}
/** The gate: block on findings at or above this severity (`none`: report only, never block). */
const FAIL_ON = (/* unused pure expression or super */ null && (['critical', 'high', 'medium', 'none']));
const DEFAULT_FAIL_ON = 'critical';
function isFailOn(value) {
    return typeof value === 'string' && FAIL_ON.includes(value);
}
/** Whether a finding of `severity` is at or above the gate. */
function atOrAbove(severity, failOn) {
    if (failOn === 'none')
        return false;
    const rank = severityRank(severity);
    return rank > 0 && rank >= severityRank(failOn);
}
/** Sorts worst first. */
function bySeverity(a, b) {
    return severityRank(b.severity) - severityRank(a.severity);
}

;// CONCATENATED MODULE: ./actions/lib/scan/vulnerability-id.ts
/**
 * The vulnerability ids Amazon Inspector puts in a package finding's
 * `packageVulnerabilityDetails.vulnerabilityId`: CVE ids (NVD, vendor advisories), GitHub advisories
 * for language packages (`GHSA-xxxx-xxxx-xxxx`, each group 4 of GitHub's 32-letter alphabet),
 * Amazon Linux security advisories (`ALAS-2023-1234`, `ALAS2-…`, `ALAS2023-…`,
 * `ALASKERNEL-5.10-2023-039`) and, on Windows, Microsoft KB updates (`KB5023697`, "Amazon Inspector
 * finding types", Inspector user guide).
 */
const FORMATS = [
    { name: 'CVE', example: 'CVE-2024-3094', pattern: /^CVE-\d{4}-\d{4,}$/ },
    {
        name: 'GitHub advisory',
        example: 'GHSA-jfh8-c2jp-5v3q',
        pattern: /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/,
    },
    {
        name: 'Amazon Linux advisory',
        example: 'ALAS2023-2024-524',
        pattern: /^ALAS[A-Z0-9]*(-\d+\.\d+)?-\d{4}-\d{3,}$/,
    },
    { name: 'Microsoft KB', example: 'KB5023697', pattern: /^KB\d{6,8}$/ },
];
/** How the id is written in findings: CVE/ALAS/KB upper case, GHSA with its lower-case groups. */
function normalizeVulnerabilityId(id) {
    const t = id.trim();
    return /^ghsa-/i.test(t) ? `GHSA${t.slice(4).toLowerCase()}` : t.toUpperCase();
}
function isVulnerabilityId(id) {
    const n = normalizeVulnerabilityId(id);
    return FORMATS.some((f) => f.pattern.test(n));
}
/** For messages: "CVE (CVE-2024-3094), GitHub advisory (GHSA-…), …". */
function vulnerabilityIdFormats() {
    return FORMATS.map((f) => `${f.name} (${f.example})`).join(', ');
}

// EXTERNAL MODULE: ./actions/lib/scan/paths.ts
var paths = __webpack_require__(9958);
;// CONCATENATED MODULE: ./actions/lib/scan/exceptions.ts






const ENTRY_KEYS = ['id', 'image', 'severity', 'reason', 'expires'];
const RESOURCE_NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;
const DAY_MS = 86_400_000;
/** An exception this close to its expiry is a warning: renew it or fix the finding. */
const EXPIRY_WARNING_DAYS = 14;
/** `2026-03-31` → the end of that day in UTC; undefined for anything that is not a real date. */
function endOfDay(date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m)
        return undefined;
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2026-02-30 over to March: a round trip tells a real date.
    if (new Date(start).toISOString().slice(0, 10) !== date)
        return undefined;
    return start + DAY_MS - 1;
}
function exceptions_text(node) {
    const v = (0,source/* scalarValue */.Um)(node);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
function entry(src, node, findings) {
    const err = (at, rule, message) => findings.push((0,source/* findingAt */.dz)(src, at, 'error', `scan-exceptions/${rule}`, message));
    for (const pair of node.items) {
        const k = (0,source/* keyName */.xT)(pair);
        if (!ENTRY_KEYS.includes(k))
            err(pair.key, 'unknown-key', `Unknown key '${k}' in a scan exception.${(0,suggest/* didYouMean */.au)(k, ENTRY_KEYS)} An exception has id, reason, expires and optionally image and severity.`);
    }
    const before = findings.length;
    const idNode = (0,source/* valueOf */.RP)(node, 'id');
    const id = exceptions_text(idNode);
    if (id === undefined || id.trim() === '')
        err(idNode ?? node, 'missing-id', `A scan exception needs 'id': the finding's vulnerability id, e.g. CVE-2024-3094.`);
    else if (!isVulnerabilityId(id))
        err(idNode, 'vulnerability-id', `'${id}' is not a vulnerability id Amazon Inspector reports. Expected ${vulnerabilityIdFormats()}; copy it from the scan-gate summary.`);
    const reasonNode = (0,source/* valueOf */.RP)(node, 'reason');
    const reason = exceptions_text(reasonNode)?.trim();
    if (!reason)
        err(reasonNode ?? node, 'missing-reason', `A scan exception needs a 'reason': why this vulnerability is acceptable in this image (not reachable, no fix yet, ticket…), so reviewers can judge it.`);
    const expiresNode = (0,source/* valueOf */.RP)(node, 'expires');
    const expires = exceptions_text(expiresNode);
    const expiresAtMs = expires === undefined ? undefined : endOfDay(expires);
    if (expires === undefined)
        err(expiresNode ?? node, 'missing-expires', `A scan exception needs 'expires: YYYY-MM-DD': accepted risks are reviewed again, never kept forever.`);
    else if (expiresAtMs === undefined)
        err(expiresNode, 'expires', `'expires' must be a date written YYYY-MM-DD (e.g. 2026-03-31), got '${expires}'.`);
    const imageNode = (0,source/* valueOf */.RP)(node, 'image');
    const image = imageNode === undefined ? undefined : exceptions_text(imageNode);
    if (imageNode !== undefined && (image === undefined || !RESOURCE_NAME.test(image)))
        err(imageNode, 'image', `'image' must be an image name (its definition's name, e.g. web-server), got ${image === undefined ? (0,source/* kindOf */.I)(imageNode) : `'${image}'`}.`);
    const sevNode = (0,source/* valueOf */.RP)(node, 'severity');
    const sevText = sevNode === undefined ? undefined : exceptions_text(sevNode);
    const severity = parseSeverity(sevText);
    if (sevNode !== undefined && !severity)
        err(sevNode, 'severity', `Unknown severity '${sevText ?? (0,source/* kindOf */.I)(sevNode)}'.${(0,suggest/* didYouMean */.au)(sevText ?? '', SEVERITIES.map((s) => s.toLowerCase()))} Amazon Inspector rates findings ${SEVERITIES.map((s) => s.toLowerCase()).join(', ')}.`);
    if (findings.length > before)
        return undefined;
    return {
        id: normalizeVulnerabilityId(id),
        ...(image ? { image } : {}),
        ...(severity ? { severity } : {}),
        reason: reason,
        expires: expires,
        expiresAtMs: expiresAtMs,
        file: src.file,
        line: (0,source/* positionOf */.df)(src, node).line,
        expiresAt: (0,source/* positionOf */.df)(src, expiresNode),
    };
}
function parseExceptions(yamlText, file = paths/* EXCEPTIONS_FILE */.u) {
    const src = (0,source/* parseYaml */.hN)(yamlText, file);
    const findings = [...src.findings];
    if ((0,source/* hasErrors */.Cs)(src))
        return { exceptions: [], findings };
    const root = src.doc.contents;
    if (root === null || root === undefined)
        return { exceptions: [], findings };
    const shape = `Write 'exceptions:' and a list of entries with id, reason and expires (see docs/scan-gate.md).`;
    if (!(0,source/* isMap */.jh)(root)) {
        findings.push((0,source/* findingAt */.dz)(src, root, 'error', 'scan-exceptions/shape', `The file is ${(0,source/* kindOf */.I)(root)}. ${shape}`));
        return { exceptions: [], findings };
    }
    for (const pair of root.items) {
        const k = (0,source/* keyName */.xT)(pair);
        if (k !== 'exceptions')
            findings.push((0,source/* findingAt */.dz)(src, pair.key, 'error', 'scan-exceptions/unknown-key', `Unknown top-level key '${k}'.${(0,suggest/* didYouMean */.au)(k, ['exceptions'])} ${shape}`));
    }
    const list = (0,source/* valueOf */.RP)(root, 'exceptions');
    if (list === undefined || (0,source/* scalarValue */.Um)(list) === null)
        return { exceptions: [], findings };
    if (!(0,source/* isSeq */.oP)(list)) {
        findings.push((0,source/* findingAt */.dz)(src, list, 'error', 'scan-exceptions/shape', `'exceptions' must be a list, got ${(0,source/* kindOf */.I)(list)}. ${shape}`));
        return { exceptions: [], findings };
    }
    const exceptions = [];
    const seen = new Map();
    for (const item of list.items) {
        if (!(0,source/* isMap */.jh)(item)) {
            findings.push((0,source/* findingAt */.dz)(src, item, 'error', 'scan-exceptions/shape', `Each exception must be a mapping (id, reason, expires…), got ${(0,source/* kindOf */.I)(item)}.`));
            continue;
        }
        const e = entry(src, item, findings);
        if (!e)
            continue;
        const key = `${e.id}|${e.image ?? '*'}`;
        const first = seen.get(key);
        if (first !== undefined)
            findings.push((0,source/* findingAt */.dz)(src, item, 'warning', 'scan-exceptions/duplicate', `${e.id}${e.image ? ` for ${e.image}` : ''} is already excepted at line ${first}; keep one entry.`));
        else
            seen.set(key, e.line);
        exceptions.push(e);
    }
    return { exceptions, findings };
}
/** Expired entries are errors, entries expiring within EXPIRY_WARNING_DAYS warnings. */
function expiryFindings(parsed, nowMs) {
    const out = [];
    for (const e of parsed.exceptions) {
        const base = { file: e.file, ...e.expiresAt };
        if (e.expiresAtMs < nowMs)
            out.push({
                ...base,
                severity: 'error',
                rule: 'scan-exceptions/expired',
                message: `The exception for ${e.id}${e.image ? ` (${e.image})` : ''} expired on ${e.expires}: the scan gate no longer applies it. Fix the finding and remove the entry, or, if the risk is still acceptable, review the reason and set a new 'expires'.`,
            });
        else if (e.expiresAtMs - nowMs < EXPIRY_WARNING_DAYS * DAY_MS)
            out.push({
                ...base,
                severity: 'warning',
                rule: 'scan-exceptions/expiring',
                message: `The exception for ${e.id}${e.image ? ` (${e.image})` : ''} expires on ${e.expires}, in less than ${EXPIRY_WARNING_DAYS} days; builds after that are blocked by it again.`,
            });
    }
    return out;
}
/** What `validate` reports for the exceptions file at time `nowMs`. */
function validateExceptions(yamlText, file, nowMs) {
    const parsed = parseExceptions(yamlText, file);
    return [...parsed.findings, ...expiryFindings(parsed, nowMs)];
}


/***/ })

};
