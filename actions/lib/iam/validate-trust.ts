/**
 * validate's rules for web-identity trust policies (GitHub Actions OIDC above all). GitHub's
 * "Configuring OpenID Connect in Amazon Web Services" and the IAM User Guide ("Creating a role for
 * web identity or OIDC federation"): the trust must pin the audience (`aud`, `sts.amazonaws.com`
 * for configure-aws-credentials) and the subject (`sub`: `repo:OWNER/REPO:...`, or the immutable
 * `repo:OWNER@ID/REPO@ID:...`); without a subject, or with one that is only wildcards, any
 * repository on GitHub can assume the role.
 */
import type { Check } from '../cloudformation/check.js';
import type { TemplatePath } from '../cloudformation/parse.js';
import { didYouMean } from '../core/suggest.js';
import type { Catalogue } from './catalogue.js';
import { parseOperator } from './conditions.js';
import { listItems, type SiteStatement } from './policy-sites.js';
import { exactText, templateStrings } from './template-values.js';
import { wildcardMatch } from './wildcard.js';

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** Claims besides `sub` that tie a token to one repository. */
const REPOSITORY_CLAIMS = ['repository', 'repository_id', 'job_workflow_ref'];

export interface ConditionEntry {
  operator: string;
  key: string;
  values: unknown;
  path: TemplatePath;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Each operator → key → values of a Condition block, with paths. */
export function conditionEntries(block: unknown, statementPath: TemplatePath): ConditionEntry[] {
  if (!isMapping(block)) return [];
  const out: ConditionEntry[] = [];
  for (const [operator, keys] of Object.entries(block))
    if (isMapping(keys))
      for (const [key, values] of Object.entries(keys))
        out.push({ operator, key, values, path: [...statementPath, 'Condition', operator, key] });
  return out;
}

/** Keys of an identity provider (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`). */
export function isIdentityProviderKey(prefix: string): boolean {
  return prefix.includes('.') || prefix.includes('/');
}

/** How much of GitHub a `sub` pattern admits: 'any' repository, any of one 'owner', any 'ref'. */
export function subjectScope(value: string): 'any' | 'owner' | 'ref' | undefined {
  const wild = /[*?]/;
  if (/^[*?]*$/.test(value) || /^[*?]/.test(value)) return 'any';
  const m = /^repo:([^:]*)(?::(.*))?$/.exec(value);
  if (!m) return wild.test(value.split(':')[0]!) ? 'any' : undefined;
  const [ownerRepo, rest] = [m[1]!, m[2]];
  const slash = ownerRepo.indexOf('/');
  const owner = slash < 0 ? ownerRepo : ownerRepo.slice(0, slash);
  if (owner === '' || wild.test(owner) || slash < 0) return 'any';
  if (wild.test(ownerRepo.slice(slash + 1))) return 'owner';
  if (rest === undefined || /^[*?]+$/.test(rest)) return 'ref';
  return undefined;
}

/** The OIDC provider resources of the template that are GitHub's. */
function githubProviders(c: Check): Set<string> {
  const out = new Set<string>();
  for (const [id, r] of Object.entries(
    isMapping(c.template.Resources) ? c.template.Resources : {},
  )) {
    if (!isMapping(r) || r.Type !== 'AWS::IAM::OIDCProvider' || !isMapping(r.Properties)) continue;
    if (templateStrings(r.Properties.Url)?.some((s) => exactText(s)?.includes(GITHUB_ISSUER)))
      out.add(id);
  }
  return out;
}

function federatesGitHub(c: Check, s: SiteStatement, entries: ConditionEntry[]): boolean {
  if (entries.some((e) => e.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`))) return true;
  const principal = s.statement.Principal;
  if (!isMapping(principal)) return false;
  const providers = githubProviders(c);
  return listItems(principal.Federated, []).some(({ value }) => {
    if (isMapping(value) && typeof value.Ref === 'string' && providers.has(value.Ref)) return true;
    if (
      isMapping(value) &&
      Array.isArray(value['Fn::GetAtt']) &&
      providers.has(String(value['Fn::GetAtt'][0]))
    )
      return true;
    return templateStrings(value)?.some((t) => exactText(t)?.includes(GITHUB_ISSUER)) ?? false;
  });
}

function checkGitHubClaims(c: Check, cat: Catalogue, entries: ConditionEntry[]): void {
  const claims = cat
    .conditionKeysOf(cat.getAction('sts', 'AssumeRoleWithWebIdentity')!)
    .filter((k) => k.startsWith(`${GITHUB_ISSUER}:`))
    .map((k) => k.slice(GITHUB_ISSUER.length + 1));
  const known = new Set(['aud', 'sub', ...claims]);
  for (const e of entries) {
    if (!e.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`)) continue;
    const claim = e.key.slice(GITHUB_ISSUER.length + 1);
    if (!known.has(claim))
      c.report(
        e.path,
        'error',
        'iam/unknown-condition-key',
        `'${e.key}' is not a claim IAM reads from GitHub's token (${[...known].join(', ')}): the condition never holds.${didYouMean(claim, known)}`,
        { key: true },
      );
  }
}

function checkSubjects(c: Check, entries: ConditionEntry[]): void {
  for (const e of entries) {
    if (e.key.toLowerCase() !== `${GITHUB_ISSUER}:sub`) continue;
    if (parseOperator(e.operator)?.name !== 'StringLike') continue; // other operators take * literally
    for (const item of listItems(e.values, e.path)) {
      for (const alt of templateStrings(item.value) ?? []) {
        // Parameters are fixed at deployment: a placeholder is a concrete name here, not a wildcard.
        const value = alt.map((p) => (p.known ? p.text : 'X')).join('');
        const scope = subjectScope(value);
        if (scope === 'any')
          c.report(
            item.path,
            'error',
            'iam/oidc-wildcard-subject',
            `Subject pattern '${alt.map((p) => p.text).join('')}' admits tokens of any GitHub repository. Pin the repository: 'repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main' (or ':environment:NAME').`,
          );
        else if (scope === 'owner')
          c.report(
            item.path,
            'warning',
            'iam/oidc-wide-subject',
            `Subject pattern '${alt.map((p) => p.text).join('')}' admits every repository of the owner. Name the repository unless every one of them may assume this role.`,
          );
        else if (scope === 'ref')
          c.report(
            item.path,
            'warning',
            'iam/oidc-wide-subject',
            `Subject pattern '${alt.map((p) => p.text).join('')}' admits every ref of the repository, pull requests included. Name the branch (':ref:refs/heads/main') or the environment (':environment:NAME').`,
          );
      }
    }
  }
}

/** The web-identity rules for one statement of a role's trust policy. */
export function checkTrustStatement(c: Check, cat: Catalogue, s: SiteStatement): void {
  const st = s.statement;
  if (st.Effect !== 'Allow') return;
  const actions = listItems(st.Action, []).flatMap(({ value }) => templateStrings(value) ?? []);
  const webIdentity = actions.some((a) => {
    const text = exactText(a);
    return text !== undefined && wildcardMatch(text, 'sts:AssumeRoleWithWebIdentity', true);
  });
  if (!webIdentity) return;
  const entries = conditionEntries(st.Condition, s.path);
  if (entries.length === 0) {
    c.report(
      s.path,
      'error',
      'iam/oidc-trust-unconditioned',
      'This trust lets any token of the identity provider assume the role (no Condition). Add StringEquals conditions on the audience (…:aud) and the subject (…:sub).',
    );
    return;
  }
  if (!federatesGitHub(c, s, entries)) return;
  checkGitHubClaims(c, cat, entries);
  const keys = new Set(entries.map((e) => e.key.toLowerCase()));
  if (!keys.has(`${GITHUB_ISSUER}:aud`))
    c.report(
      [...s.path, 'Condition'],
      'warning',
      'iam/oidc-no-audience',
      `The GitHub OIDC trust does not check the audience. Add StringEquals: ${GITHUB_ISSUER}:aud: sts.amazonaws.com (the audience configure-aws-credentials requests).`,
      { key: true },
    );
  const pinned = ['sub', ...REPOSITORY_CLAIMS].some((k) => keys.has(`${GITHUB_ISSUER}:${k}`));
  if (!pinned)
    c.report(
      [...s.path, 'Condition'],
      'error',
      'iam/oidc-no-subject',
      `The GitHub OIDC trust does not check the subject: any repository on GitHub can assume the role. Add StringEquals: ${GITHUB_ISSUER}:sub: repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main.`,
      { key: true },
    );
  checkSubjects(c, entries);
}
