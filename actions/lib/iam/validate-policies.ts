/**
 * validate's IAM rules: every policy document of a template (role trust policies, inline and
 * managed policies) checked against the Service Authorization Reference catalogue, each finding at
 * its line. What the template leaves to deployment (parameters, pseudo parameters, Ref/GetAtt) is
 * a placeholder (template-values.ts): an Action we cannot read is skipped, a Resource is matched
 * with the placeholder as `*`.
 */
import { createCheck, type Check } from '../cloudformation/check.js';
import type { ParsedTemplate, TemplatePath } from '../cloudformation/parse.js';
import type { ResourceSpec } from '../cloudformation/spec/types.js';
import { sortFindings, type Finding } from '../core/findings.js';
import { didYouMean } from '../core/suggest.js';
import { loadCatalogue, type Catalogue, type CatalogueAction } from './catalogue.js';
import { checkConditions, REFERENCE, type StatementActions } from './validate-conditions.js';
import { checkResources } from './validate-resource-arns.js';
import {
  findPolicyDocuments,
  listItems,
  siteStatements,
  type PolicySite,
  type SiteStatement,
} from './policy-sites.js';
import { exactText, templateStrings } from './template-values.js';
import { checkTrustStatement, conditionEntries } from './validate-trust.js';
import { hasWildcard, wildcardMatch } from './wildcard.js';

export { findPolicyDocuments } from './policy-sites.js';

/** One `service:Action` entry: its catalogue actions, or undefined (after a finding) when unknown. */
function checkActionName(
  c: Check,
  cat: Catalogue,
  text: string,
  path: TemplatePath,
): CatalogueAction[] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    c.report(
      path,
      'error',
      'iam/action-format',
      `'${text}' is not an IAM action: write service:Action (ssm:GetParameter) or '*'.`,
    );
    return undefined;
  }
  const service = text.slice(0, colon);
  const action = text.slice(colon + 1);
  if (!cat.hasService(service)) {
    c.report(
      path,
      'error',
      'iam/unknown-service',
      `'${service}' in '${text}' is not an IAM service prefix in ${REFERENCE}.${didYouMean(service, cat.services())}`,
    );
    return undefined;
  }
  if (!hasWildcard(text)) {
    const a = cat.getAction(service, action);
    if (!a)
      c.report(
        path,
        'error',
        'iam/unknown-action',
        `${service} has no action '${action}' in ${REFERENCE}.${didYouMean(action, cat.actionNames(service))}`,
      );
    return a ? [a] : undefined;
  }
  const matched = cat.expandActionPattern(text).map((a) => cat.lookupAction(a)!);
  if (matched.length === 0)
    c.report(
      path,
      'error',
      'iam/action-matches-nothing',
      `'${text}' matches no action of ${service}: the grant is empty. Check the spelling against ${REFERENCE}.`,
    );
  return matched.length > 0 ? matched : undefined;
}

function statementActions(c: Check, cat: Catalogue, s: SiteStatement): StatementActions {
  const out: StatementActions = {
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
      if (
        text === undefined ||
        text === '' ||
        /^[*?]*(:[*?]*)?$/.test(text) ||
        /^[^:]*[*?][^:]*:/.test(text)
      ) {
        out.complete = false;
        continue;
      }
      const found = checkActionName(c, cat, text, item.path);
      if (!found) out.complete = false;
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

function checkPassRole(c: Check, s: SiteStatement, acts: StatementActions): void {
  if (
    s.statement.Effect !== 'Allow' ||
    s.statement.Action === undefined ||
    acts.passRole.length === 0
  )
    return;
  const keys = conditionEntries(s.statement.Condition, s.path).map((e) => e.key.toLowerCase());
  if (keys.includes('iam:passedtoservice')) return;
  c.report(
    acts.passRole[0]!,
    'warning',
    'iam/passrole-without-service',
    "iam:PassRole without an iam:PassedToService condition lets the role be passed to any service. Add Condition: StringEquals: iam:PassedToService: <the service's principal, e.g. ec2.amazonaws.com>.",
  );
}

function checkStatement(c: Check, cat: Catalogue, site: PolicySite, s: SiteStatement): void {
  const st = s.statement;
  const effect = templateStrings(st.Effect)?.map(exactText);
  if (effect?.some((e) => e !== 'Allow' && e !== 'Deny') || st.Effect === undefined)
    c.report(
      st.Effect === undefined ? s.path : [...s.path, 'Effect'],
      'error',
      'iam/policy-syntax',
      "A statement's Effect must be Allow or Deny.",
    );
  if ((st.Action === undefined) === (st.NotAction === undefined)) {
    c.report(
      s.path,
      'error',
      'iam/policy-syntax',
      'A statement needs exactly one of Action and NotAction.',
    );
    checkConditions(c, cat, s, undefined);
    return;
  }
  const acts = statementActions(c, cat, s);
  // With NotAction the statement covers most of the catalogue: keys and resources are not judged.
  const judged = st.Action !== undefined ? acts : undefined;
  checkConditions(c, cat, s, judged);
  if (judged && site.kind === 'identity') checkResources(c, s, judged);
  if (judged) checkPassRole(c, s, judged);
  if (site.kind === 'trust') checkTrustStatement(c, cat, s);
}

/** Whether a document value holds an IAM policy variable (`${aws:username}`; in `!Sub`, `${!aws:username}`). */
function usesPolicyVariables(v: unknown, inSub = false): boolean {
  if (typeof v === 'string') return (inSub ? /\$\{![^}]*:[^}]*\}/ : /\$\{[^}]*:[^}]*\}/).test(v);
  if (Array.isArray(v)) return v.some((x) => usesPolicyVariables(x, inSub));
  if (typeof v !== 'object' || v === null) return false;
  return Object.entries(v).some(([k, x]) => usesPolicyVariables(x, inSub || k === 'Fn::Sub'));
}

/**
 * IAM accepts Version 2012-10-17 and 2008-10-17 (the default when there is none); only the first
 * substitutes policy variables (IAM User Guide, "IAM JSON policy elements: Version").
 */
function checkVersion(c: Check, site: PolicySite): void {
  const doc = site.document;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return;
  const version = (doc as Record<string, unknown>).Version;
  const path = [...site.path, 'Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    c.report(
      path,
      'error',
      'iam/policy-version',
      `Version must be '2012-10-17' (or the old '2008-10-17'), not ${JSON.stringify(version)}.`,
    );
    return;
  }
  if (version !== '2012-10-17' && usesPolicyVariables(doc))
    c.report(
      version === undefined ? site.path : path,
      'warning',
      'iam/policy-version',
      `This document uses policy variables but ${version === undefined ? 'has no Version (IAM then reads it as 2008-10-17)' : "is Version '2008-10-17'"}: IAM takes \${...} as literal text. Set Version: '2012-10-17'.`,
      { key: version === undefined },
    );
}

/** Every policy document of the template (sites from `findPolicyDocuments`). */
export function checkPolicyDocuments(
  c: Check,
  cat: Catalogue,
  sites: PolicySite[] = findPolicyDocuments(c.template),
): void {
  for (const site of sites) {
    const statements = siteStatements(site);
    if (!statements) {
      c.report(
        site.path,
        'error',
        'iam/policy-syntax',
        'A policy document must be a mapping with Version and a Statement list.',
      );
      continue;
    }
    checkVersion(c, site);
    for (const s of statements) checkStatement(c, cat, site, s);
  }
}

/**
 * The IAM findings of a parsed template (sorted), never throwing: a bug of ours becomes one
 * `iam/internal-error` finding, as the template validator does.
 */
export function policyFindings(
  parsed: ParsedTemplate,
  spec: ResourceSpec,
  cat: Catalogue,
  sites?: PolicySite[],
): Finding[] {
  if (!parsed.template || !parsed.src) return [];
  try {
    const c = createCheck(parsed.src, parsed.template, spec);
    checkPolicyDocuments(c, cat, sites ?? findPolicyDocuments(parsed.template));
    return sortFindings(c.findings);
  } catch (e) {
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
export async function validateTemplatePolicies(
  parsed: ParsedTemplate,
  spec: ResourceSpec,
): Promise<Finding[]> {
  const sites = parsed.template ? findPolicyDocuments(parsed.template) : [];
  return sites.length === 0 ? [] : policyFindings(parsed, spec, await loadCatalogue(), sites);
}
