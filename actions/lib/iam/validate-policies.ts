/**
 * validate's IAM rules: every policy document of a template (role trust policies, inline and
 * managed policies) checked against the Service Authorization Reference catalogue, each finding at
 * its line. What the template leaves to deployment (parameters, pseudo parameters, Ref/GetAtt) is
 * a placeholder (template-values.ts): an Action we cannot read is skipped, a Resource is matched
 * with the placeholder as `*`.
 */
import type { Check } from '../cloudformation/check.js';
import type { Template, TemplatePath } from '../cloudformation/parse.js';
import { didYouMean } from '../core/suggest.js';
import {
  arnFormatPattern,
  arnPatternsOverlap,
  loadCatalogue,
  type Catalogue,
  type CatalogueAction,
} from './catalogue.js';
import { CONDITION_OPERATORS, parseOperator } from './conditions.js';
import {
  findPolicyDocuments,
  listItems,
  siteStatements,
  type PolicySite,
  type SiteStatement,
} from './policy-sites.js';
import { asPattern, asWritten, exactText, templateStrings } from './template-values.js';
import { checkTrustStatement, conditionEntries, isIdentityProviderKey } from './validate-trust.js';
import { hasWildcard, patternsOverlap, wildcardMatch } from './wildcard.js';

export { findPolicyDocuments } from './policy-sites.js';

const REFERENCE = 'the Service Authorization Reference';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function names(actions: readonly CatalogueAction[], max = 3): string {
  const all = [...new Set(actions.map((a) => `${a.service}:${a.name}`))];
  return all.length <= max
    ? all.join(', ')
    : `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
}

interface StatementActions {
  actions: CatalogueAction[];
  /** Every Action entry was read and known: the statement's action set is exact. */
  complete: boolean;
  /** Entries (and their paths) that match iam:PassRole. */
  passRole: TemplatePath[];
}

/** One `service:Action` entry: its catalogue actions, or undefined (after a finding) when unknown. */
function checkActionName(
  c: Check,
  cat: Catalogue,
  text: string,
  path: TemplatePath,
): CatalogueAction[] | undefined {
  if (text === '*') return cat.expandActionPattern('*').map((a) => cat.lookupAction(a)!);
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
  if (!hasWildcard(service) && !cat.hasService(service)) {
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
      `'${text}' matches no action of ${hasWildcard(service) ? 'any service' : service}: the grant is empty. Check the spelling against ${REFERENCE}.`,
    );
  return matched.length > 0 ? matched : undefined;
}

function statementActions(c: Check, cat: Catalogue, s: SiteStatement): StatementActions {
  const out: StatementActions = { actions: [], complete: true, passRole: [] };
  const element = s.statement.Action !== undefined ? 'Action' : 'NotAction';
  for (const item of listItems(s.statement[element], [...s.path, element])) {
    for (const alt of templateStrings(item.value) ?? [[]]) {
      const text = exactText(alt);
      if (text === undefined || text === '') {
        out.complete = false;
        continue;
      }
      const found = checkActionName(c, cat, text, item.path);
      if (!found) out.complete = false;
      else out.actions.push(...found);
      // `*` (every action of every service) is an administrator grant, not a PassRole to narrow.
      if (found && /^iam:/i.test(text) && wildcardMatch(text, 'iam:PassRole', true))
        out.passRole.push(item.path);
    }
  }
  return out;
}

function checkConditionKey(
  c: Check,
  cat: Catalogue,
  key: string,
  path: TemplatePath,
  acts: StatementActions | undefined,
): void {
  const colon = key.indexOf(':');
  const prefix = colon < 0 ? '' : key.slice(0, colon);
  if (colon <= 0) {
    c.report(
      path,
      'error',
      'iam/unknown-condition-key',
      `'${key}' is not a condition key: write prefix:name (aws:SourceAccount, ssm:Overwrite).`,
      { key: true },
    );
    return;
  }
  if (cat.isGlobalConditionKey(key)) return;
  if (prefix.toLowerCase() === 'aws') {
    const globals = cat.globalConditionKeys().map((k) => k.replace(/\/tag-key$/, '/'));
    c.report(
      path,
      'error',
      'iam/unknown-condition-key',
      `'${key}' is not a global condition key.${didYouMean(key, globals)}`,
      { key: true },
    );
    return;
  }
  if (isIdentityProviderKey(prefix)) return; // checked with the trust policy rules
  if (!cat.hasService(prefix)) {
    c.report(
      path,
      'error',
      'iam/unknown-condition-key',
      `'${key}': '${prefix}' is neither a service prefix nor aws (global keys).${didYouMean(prefix, cat.services())}`,
      { key: true },
    );
    return;
  }
  if (!acts?.complete || acts.actions.length === 0) return;
  if (acts.actions.some((a) => cat.actionSupportsConditionKey(a, key))) return;
  const supported = acts.actions.flatMap((a) => cat.conditionKeysOf(a));
  c.report(
    path,
    'error',
    'iam/condition-key-not-supported',
    `'${key}' is not a condition key of ${names(acts.actions)} (${REFERENCE}): the request never carries it, so this condition never holds and the statement never applies.` +
      (didYouMean(key, supported) || ' Use a key the actions list, or a global aws: key.'),
    { key: true },
  );
}

function checkConditions(
  c: Check,
  cat: Catalogue,
  s: SiteStatement,
  acts: StatementActions | undefined,
): void {
  const block = s.statement.Condition;
  if (block === undefined) return;
  if (!isMapping(block)) {
    c.report(
      [...s.path, 'Condition'],
      'error',
      'iam/policy-syntax',
      'Condition must be a mapping of operators to {key: values}.',
    );
    return;
  }
  for (const [operator, keys] of Object.entries(block)) {
    const opPath = [...s.path, 'Condition', operator];
    if (!parseOperator(operator)) {
      const variants = CONDITION_OPERATORS.flatMap((o) => [
        o,
        `${o}IfExists`,
        `ForAnyValue:${o}`,
        `ForAllValues:${o}`,
      ]);
      c.report(
        opPath,
        'error',
        'iam/unknown-condition-operator',
        `'${operator}' is not an IAM condition operator.${didYouMean(operator, variants)}`,
        { key: true },
      );
      continue;
    }
    if (!isMapping(keys)) continue;
    // Keys of each operator: the catalogue tells whether the statement's actions support them.
    for (const key of Object.keys(keys)) checkConditionKey(c, cat, key, [...opPath, key], acts);
  }
}

function checkResources(c: Check, cat: Catalogue, s: SiteStatement, acts: StatementActions): void {
  if (s.statement.Resource === undefined || !acts.complete || acts.actions.length === 0) return;
  for (const item of listItems(s.statement.Resource, [...s.path, 'Resource'])) {
    for (const alt of templateStrings(item.value) ?? []) {
      // Placeholders and policy variables (${aws:username}) both stand for any text here.
      const pattern = asPattern(alt).replace(/\$\{[^}]*\}/g, '*');
      if (/^[*?]*$/.test(pattern)) continue;
      const written = asWritten(alt);
      if (!patternsOverlap(pattern, 'arn:*')) {
        c.report(
          item.path,
          'error',
          'iam/resource-format',
          `Resource '${written}' is neither '*' nor an ARN (arn:partition:service:region:account:resource).`,
        );
        continue;
      }
      if (acts.actions.every((a) => a.resourceTypes.length === 0)) {
        c.report(
          item.path,
          'error',
          'iam/resource-star-only',
          `${names(acts.actions)} ${acts.actions.length > 1 ? 'act' : 'acts'} on no resource type (${REFERENCE}): IAM matches ${acts.actions.length > 1 ? 'them' : 'it'} only with Resource '*', so '${written}' grants nothing. Use Resource: '*' (limit it with conditions).`,
        );
        continue;
      }
      const types = acts.actions.flatMap((a) => a.resourceTypes);
      if (
        types.some((rt) =>
          rt.arnFormats.some((f) => arnPatternsOverlap(pattern, arnFormatPattern(f))),
        )
      )
        continue;
      const formats = [...new Set(types.flatMap((rt) => rt.arnFormats))].slice(0, 3);
      c.report(
        item.path,
        'error',
        'iam/resource-type-mismatch',
        `Resource '${written}' fits none of the resource types of ${names(acts.actions)}: the statement grants nothing on it. Expected an ARN like ${formats.join(' or ')} (${REFERENCE}).`,
      );
    }
  }
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
  if (judged && site.kind === 'identity') checkResources(c, cat, s, judged);
  if (judged) checkPassRole(c, s, judged);
  if (site.kind === 'trust') checkTrustStatement(c, cat, s);
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
    for (const s of statements) checkStatement(c, cat, site, s);
  }
}

/** The catalogue when the template has policy documents (imported then only), else undefined. */
export async function catalogueFor(template: Template): Promise<Catalogue | undefined> {
  return findPolicyDocuments(template).length > 0 ? loadCatalogue() : undefined;
}
