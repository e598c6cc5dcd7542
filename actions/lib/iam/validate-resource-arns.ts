/**
 * validate's rules for a statement's Resource list against its actions' resource types (Service
 * Authorization Reference, "Resource types" column): IAM matches an action only against ARNs of
 * its resource types, and an action with no resource type only against `*`. A Resource that fits
 * none of the actions grants nothing; an action that fits none of the Resources is never allowed
 * by the statement.
 */
import type { Check } from '../cloudformation/check.js';
import { arnFormatPattern, arnPatternsOverlap, type CatalogueAction } from './catalogue.js';
import { listItems, type SiteStatement } from './policy-sites.js';
import { asPattern, asWritten, templateStrings } from './template-values.js';
import { names, REFERENCE, type StatementActions } from './validate-conditions.js';
import { patternsOverlap } from './wildcard.js';

const ANY = /^[*?]*$/;

function fits(action: CatalogueAction, pattern: string): boolean {
  if (ANY.test(pattern)) return true;
  return action.resourceTypes.some((rt) =>
    rt.arnFormats.some((f) => arnPatternsOverlap(pattern, arnFormatPattern(f))),
  );
}

/** One Resource entry; returns its pattern, or undefined when it is not an ARN pattern at all. */
function checkOne(
  c: Check,
  acts: StatementActions,
  pattern: string,
  written: string,
  path: readonly (string | number)[],
): string | undefined {
  if (ANY.test(pattern)) return pattern;
  if (!patternsOverlap(pattern, 'arn:*')) {
    c.report(
      path,
      'error',
      'iam/resource-format',
      `Resource '${written}' is neither '*' nor an ARN (arn:partition:service:region:account:resource).`,
    );
    return undefined;
  }
  const many = acts.actions.length > 1;
  if (acts.actions.every((a) => a.resourceTypes.length === 0)) {
    c.report(
      path,
      'error',
      'iam/resource-star-only',
      `${names(acts.actions)} ${many ? 'act' : 'acts'} on no resource type (${REFERENCE}): IAM matches ${many ? 'them' : 'it'} only with Resource '*', so '${written}' grants nothing. Use Resource: '*' (limit it with conditions).`,
    );
    return pattern;
  }
  if (acts.actions.some((a) => fits(a, pattern))) return pattern;
  const types = acts.actions.flatMap((a) => a.resourceTypes);
  const formats = [...new Set(types.flatMap((rt) => rt.arnFormats))].slice(0, 3);
  c.report(
    path,
    'error',
    'iam/resource-type-mismatch',
    `Resource '${written}' fits none of the resource types of ${names(acts.actions)}: the statement grants nothing on it. Expected an ARN like ${formats.join(' or ')} (${REFERENCE}).`,
  );
  return pattern;
}

export function checkResources(c: Check, s: SiteStatement, acts: StatementActions): void {
  if (s.statement.Resource === undefined || !acts.complete || acts.actions.length === 0) return;
  const patterns: string[] = [];
  let allRead = true;
  for (const item of listItems(s.statement.Resource, [...s.path, 'Resource'])) {
    const alts = templateStrings(item.value);
    if (!alts) allRead = false;
    for (const alt of alts ?? []) {
      // Placeholders and policy variables (${aws:username}) both stand for any text here.
      const pattern = asPattern(alt).replace(/\$\{[^}]*\}/g, '*');
      const p = checkOne(c, acts, pattern, asWritten(alt), item.path);
      if (p === undefined) allRead = false;
      else patterns.push(p);
    }
  }
  if (!allRead || patterns.length === 0) return;
  // Each action named outright must fit some Resource, or the statement never allows it.
  const reported = new Set<CatalogueAction>();
  for (const a of acts.named) {
    if (reported.has(a) || patterns.some((p) => fits(a, p))) continue;
    if (!acts.actions.some((b) => patterns.some((p) => fits(b, p)))) return; // reported above
    reported.add(a);
    const what =
      a.resourceTypes.length === 0
        ? "acts on no resource type: IAM matches it only with Resource '*'"
        : `acts on ${a.resourceTypes.map((rt) => rt.name).join(', ')}, which no Resource of this statement names`;
    c.report(
      acts.namedAt.get(a) ?? [...s.path, 'Action'],
      'warning',
      'iam/action-fits-no-resource',
      `${a.service}:${a.name} ${what} (${REFERENCE}), so this statement never allows it. Give it a statement with a Resource it acts on.`,
    );
  }
}
