/**
 * validate's rules for a statement's Condition block: operators IAM knows, condition keys that
 * exist, and keys the statement's actions carry. A request for an action that does not support a
 * key has no value for it (Service Authorization Reference, "Condition keys" column), so a
 * condition on it never holds, or, for IfExists, ForAllValues, negated operators and `Null: true`,
 * always holds: either way it does not do what it says.
 */
import type { Check } from '../cloudformation/check.js';
import type { TemplatePath } from '../cloudformation/parse.js';
import { didYouMean } from '../core/suggest.js';
import type { Catalogue, CatalogueAction } from './catalogue.js';
import {
  CONDITION_OPERATORS,
  holdsWhenAbsent,
  parseOperator,
  type ParsedOperator,
} from './conditions.js';
import type { SiteStatement } from './policy-sites.js';
import { exactText, templateStrings } from './template-values.js';
import { isIdentityProviderKey } from './validate-trust.js';

export const REFERENCE = 'the Service Authorization Reference';

/** The global keys that only some actions carry: tags on the request and on the resource. */
const TAG_KEYS = /^aws:(RequestTag\/.+|TagKeys|ResourceTag\/.+)$/i;

export interface StatementActions {
  actions: CatalogueAction[];
  /** The actions named without a wildcard, and where. */
  named: CatalogueAction[];
  namedAt: Map<CatalogueAction, TemplatePath>;
  /** Every Action entry was read and known: the statement's action set is exact. */
  complete: boolean;
  /** Entries (and their paths) that match iam:PassRole. */
  passRole: TemplatePath[];
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function names(actions: readonly CatalogueAction[], max = 3): string {
  const all = [...new Set(actions.map((a) => `${a.service}:${a.name}`))];
  return all.length <= max
    ? all.join(', ')
    : `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
}

interface KeyUse {
  key: string;
  path: TemplatePath;
  op: ParsedOperator;
  values: string[];
}

/** False (after a finding) when the key is unknown; true when it exists and may be judged. */
function checkKeyExists(c: Check, cat: Catalogue, u: KeyUse): boolean {
  const colon = u.key.indexOf(':');
  const prefix = colon < 0 ? '' : u.key.slice(0, colon);
  const report = (message: string) =>
    c.report(u.path, 'error', 'iam/unknown-condition-key', message, { key: true });
  if (colon <= 0) {
    report(
      `'${u.key}' is not a condition key: write prefix:name (aws:SourceAccount, ssm:Overwrite).`,
    );
    return false;
  }
  if (cat.isGlobalConditionKey(u.key)) return TAG_KEYS.test(u.key);
  if (prefix.toLowerCase() === 'aws') {
    const globals = cat.globalConditionKeys().map((k) => k.replace(/\/tag-key$/, '/'));
    report(`'${u.key}' is not a global condition key.${didYouMean(u.key, globals)}`);
    return false;
  }
  if (isIdentityProviderKey(prefix)) return false; // checked with the trust policy rules
  if (!cat.hasService(prefix)) {
    report(
      `'${u.key}': '${prefix}' is neither a service prefix nor aws (global keys).${didYouMean(prefix, cat.services())}`,
    );
    return false;
  }
  return true;
}

function checkKeySupported(c: Check, cat: Catalogue, u: KeyUse, acts: StatementActions): void {
  const unsupported = acts.actions.filter((a) => !cat.actionSupportsConditionKey(a, u.key));
  if (unsupported.length === 0) return;
  const holds = holdsWhenAbsent(u.op, u.values);
  if (unsupported.length === acts.actions.length) {
    const supported = acts.actions.flatMap((a) => cat.conditionKeysOf(a));
    c.report(
      u.path,
      'error',
      'iam/condition-key-not-supported',
      `'${u.key}' is not a condition key of ${names(acts.actions)} (${REFERENCE}): no request carries it, so this condition ` +
        (holds
          ? 'always holds and restricts nothing.'
          : 'never holds and the statement never applies.') +
        (didYouMean(u.key, supported) || ' Use a key the actions list, or a global aws: key.'),
      { key: true },
    );
    return;
  }
  // Only actions named outright: a wildcard takes whatever it matches, knowingly.
  const named = unsupported.filter((a) => acts.named.includes(a));
  if (named.length === 0) return;
  c.report(
    u.path,
    'warning',
    'iam/condition-key-partly-supported',
    `${names(named)} ${named.length > 1 ? 'do' : 'does'} not carry '${u.key}' (${REFERENCE}), so for ${named.length > 1 ? 'them' : 'it'} this condition ` +
      (holds
        ? 'always holds and restricts nothing'
        : 'never holds and this statement never applies') +
      '. Move them to a statement with conditions they support.',
    { key: true },
  );
}

function values(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((x) => (templateStrings(x) ?? []).map((t) => exactText(t) ?? '*'));
}

/** The Condition block of a statement; `acts` undefined when the actions are not judged (NotAction). */
export function checkConditions(
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
    const op = parseOperator(operator);
    if (!op) {
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
    for (const [key, v] of Object.entries(keys)) {
      const use = { key, path: [...opPath, key], op, values: values(v) };
      if (checkKeyExists(c, cat, use) && acts?.complete && acts.actions.length > 0)
        checkKeySupported(c, cat, use, acts);
    }
  }
}
