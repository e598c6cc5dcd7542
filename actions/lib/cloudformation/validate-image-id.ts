/**
 * The product rule: an instance's AMI must come from a *versioned* SSM dynamic reference.
 *
 * CloudFormation resolves `{{resolve:ssm:NAME}}` when the template changes, not when the parameter
 * does: with an unchanged template a redeploy is "no changes" and the stack keeps the old AMI
 * (aws-cloudformation/cloudformation-coverage-roadmap#844). Pinning the version makes each release a
 * visible change set and a rollback a redeploy of an older version. Every other dynamic reference
 * is checked only for a well-formed version.
 */
import { type Check, isMapping } from './check.js';
import { isVersioned, listDynamicReferences } from './dynamic-references.js';
import type { TemplatePath } from './parse.js';

const PINNED = "ImageId: !Sub '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}'";

/** Where each resource type keeps its AMI id. */
const IMAGE_ID_PATHS: Record<string, string[][]> = {
  'AWS::EC2::Instance': [['ImageId']],
  'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'ImageId']],
  'AWS::AutoScaling::LaunchConfiguration': [['ImageId']],
};

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (isMapping(v) ? v[k] : undefined), value);
}

export function checkImageIds(c: Check): void {
  const resources = isMapping(c.template.Resources) ? c.template.Resources : {};
  for (const [id, r] of Object.entries(resources)) {
    if (!isMapping(r) || typeof r.Type !== 'string') continue;
    for (const sub of IMAGE_ID_PATHS[r.Type] ?? []) {
      const base: TemplatePath = ['Resources', id, 'Properties', ...sub];
      for (const { path, reference } of listDynamicReferences(at(r.Properties, sub), [...base])) {
        if (reference.service === 'secretsmanager' || isVersioned(reference)) continue;
        if (reference.version !== undefined) continue; // reported by checkDynamicReferences
        const name = resolveName(c, reference.name);
        if (!isPublished(c, name)) {
          c.report(
            path,
            'warning',
            'cfn/unversioned-ssm-image',
            `ImageId of '${id}' resolves SSM parameter '${name}' without a version. It is not a parameter this pipeline ` +
              'publishes, so the template is valid as it stands; but CloudFormation resolves it only when the template changes ' +
              '(aws-cloudformation/cloudformation-coverage-roadmap#844). Pin a version (`{{resolve:ssm:NAME:VERSION}}`) for repeatable deploys.',
          );
          continue;
        }
        c.report(
          path,
          'error',
          'cfn/unversioned-ssm-image',
          `ImageId of '${id}' resolves SSM parameter '${name}' without a version. CloudFormation does not re-resolve an ` +
            'unversioned dynamic reference when the template is unchanged (aws-cloudformation/cloudformation-coverage-roadmap#844), ' +
            `so publishing a new AMI would silently deploy nothing. Pin the version with stack parameters: ${PINNED}.`,
        );
      }
    }
  }
}

/** `${Param}` in a Sub'd name replaced by the parameter's string Default, where it has one. */
function resolveName(c: Check, name: string): string {
  const params = isMapping(c.template.Parameters) ? c.template.Parameters : {};
  return name.replace(/\$\{([^}!]+)\}/g, (whole, p: string) => {
    const d = isMapping(params[p]) ? params[p].Default : undefined;
    return typeof d === 'string' ? d : whole;
  });
}

/**
 * Whether the pipeline publishes `name`: one of the image definitions' `ssmParameter`s. A name left
 * open (`${Param}` with no default) is treated as ours, and without definitions every name outside
 * the public `/aws/service/` tree is, so the product rule stays an error where it matters.
 */
function isPublished(c: Check, name: string): boolean {
  if (name.includes('${')) return true;
  const published = c.context.publishedParameters;
  if (published && published.size > 0) return published.has(name);
  return !name.startsWith('/aws/service/');
}

/**
 * A version that is neither digits nor a Sub variable (e.g. a label). The User Guide shows only an
 * integer version; it does not say a label is refused, so this is a warning, not an error.
 */
export function checkDynamicReferences(c: Check): void {
  for (const { path, reference } of listDynamicReferences(c.template.Resources, ['Resources'])) {
    if (
      reference.service === 'secretsmanager' ||
      reference.version === undefined ||
      isVersioned(reference)
    )
      continue;
    c.report(
      path,
      'warning',
      'cfn/dynamic-reference-version',
      `${reference.raw}: the version '${reference.version}' is not a whole number; CloudFormation documents only SSM parameter version numbers here. Use the version publish-ami reported.`,
    );
  }
}
