/**
 * Where a CloudFormation template holds IAM policy documents, and the statements inside them with
 * their template paths (for findings at the exact line). Cheap and catalogue-free: validate calls
 * `findPolicyDocuments` first and loads the catalogue only when it finds any.
 */
import type { Template, TemplatePath } from '../cloudformation/parse.js';

export interface PolicySite {
  /** Path of the document (`['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument']`). */
  path: TemplatePath;
  /** A role's trust policy, or a permissions policy. */
  kind: 'trust' | 'identity';
  resourceId: string;
  document: unknown;
}

export interface SiteStatement {
  path: TemplatePath;
  statement: Record<string, unknown>;
}

function isMapping(v: unknown): v is Record<string, unknown> {
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
export function findPolicyDocuments(template: Template): PolicySite[] {
  const out: PolicySite[] = [];
  const resources = isMapping(template.Resources) ? template.Resources : {};
  for (const [id, r] of Object.entries(resources)) {
    if (!isMapping(r) || typeof r.Type !== 'string' || !isMapping(r.Properties)) continue;
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
        if (isMapping(p) && p.PolicyDocument !== undefined)
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
function branches(v: unknown, path: TemplatePath): { value: unknown; path: TemplatePath }[] {
  if (isMapping(v) && Array.isArray(v['Fn::If']) && (v['Fn::If'] as unknown[]).length === 3) {
    const args = v['Fn::If'] as unknown[];
    return [
      ...branches(args[1], [...path, 'Fn::If', 1]),
      ...branches(args[2], [...path, 'Fn::If', 2]),
    ];
  }
  if (isMapping(v) && v.Ref === 'AWS::NoValue') return [];
  return [{ value: v, path }];
}

/**
 * The statements of a document (objects only; a document given as JSON text is parsed, its
 * findings then all at the document's line). Undefined when the document is not one at all.
 */
export function siteStatements(site: PolicySite): SiteStatement[] | undefined {
  let doc = site.document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  const out: SiteStatement[] = [];
  for (const d of branches(doc, site.path)) {
    if (!isMapping(d.value)) return undefined;
    const st = d.value.Statement;
    const list = Array.isArray(st)
      ? st.map((s, i) => [s, [...d.path, 'Statement', i]] as const)
      : [[st, [...d.path, 'Statement']] as const];
    for (const [s, p] of list)
      for (const b of branches(s, p))
        if (isMapping(b.value)) out.push({ statement: b.value, path: b.path });
  }
  return out;
}

/** A scalar or list element with its path: `Action: x` → [[x, [..., 'Action']]]; lists get indexes. */
export function listItems(
  value: unknown,
  path: TemplatePath,
): { value: unknown; path: TemplatePath }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => branches(v, [...path, i]));
  return value === undefined ? [] : branches(value, path);
}
