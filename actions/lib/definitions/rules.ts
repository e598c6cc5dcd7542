/**
 * Rules on one definition's values that need more than a schema pattern to explain: ARNs with
 * `${AWS::...}` tokens, SSM parameter names, names defaulted from file names, component paths.
 */
import type { Finding } from '../core/findings.js';
import type { YamlSource } from '../yaml/source.js';
import { RESOURCE_NAME } from './schema.js';
import type { ImageDefinition } from './types.js';
import { imageParentName } from './targets.js';
import { findingAtPath } from './yaml-path.js';

/** The only tokens `build-image` substitutes (docs/image-definitions.md). */
export const ARN_TOKENS = ['${AWS::Partition}', '${AWS::Region}', '${AWS::AccountId}'] as const;

const PARTITION = '(?:aws|aws-cn|aws-us-gov|aws-iso(?:-[a-z])?|\\$\\{AWS::Partition\\})';
const REGION = '(?:[a-z]{2}(?:-[a-z]+)+-\\d|\\$\\{AWS::Region\\})';
const ACCOUNT = '(?:\\d{12}|aws|\\$\\{AWS::AccountId\\})';
// Image Builder versions in ARNs: 1.2.3, 1.2.3/4 (a build), or wildcards from the right: 1.2.x, 1.x.x, x.x.x.
const VERSION = '(?:\\d+\\.\\d+\\.\\d+(?:/\\d+)?|\\d+\\.\\d+\\.x|\\d+\\.x\\.x|x\\.x\\.x)';
const NAME = '[a-z0-9][-_a-z0-9]*';

function arnPattern(kind: 'component' | 'image'): RegExp {
  return new RegExp(
    `^arn:${PARTITION}:imagebuilder:${REGION}:${ACCOUNT}:${kind}/${NAME}/${VERSION}$`,
  );
}
const COMPONENT_ARN = arnPattern('component');
const IMAGE_ARN = arnPattern('image');
const AMI_ID = /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

const ARN_EXAMPLE =
  'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x';

function unknownTokens(value: string): string[] {
  return (value.match(/\$\{[^}]*\}/g) ?? []).filter(
    (t) => !(ARN_TOKENS as readonly string[]).includes(t),
  );
}

/** Why a component ARN is wrong, or undefined when it is fine. */
export function componentArnProblem(arn: string): string | undefined {
  const bad = unknownTokens(arn);
  if (bad.length) return `${bad.join(', ')} is not substituted; only ${ARN_TOKENS.join(', ')} are.`;
  if (COMPONENT_ARN.test(arn)) return undefined;
  if (/:image\//.test(arn))
    return 'this is an image ARN; a component ARN has `:component/<name>/<version>`.';
  return `expected arn:<partition>:imagebuilder:<region>:<account>:component/<name>/<version>, e.g. ${ARN_EXAMPLE}.`;
}

/**
 * Why a parent image is wrong, or undefined. Image Builder takes an image ARN, an AMI id or
 * ssm:<name or ARN>; `image:<definition>` (another definition of this repository) is ours.
 */
export function parentImageProblem(value: string): string | undefined {
  if (AMI_ID.test(value)) return undefined;
  const parent = imageParentName(value);
  if (parent !== undefined)
    return isResourceName(parent)
      ? undefined
      : `\`${parent}\` is not an image name (letters, digits, -, _ and spaces, 3 to 128 characters); write image:<name of another definition>.`;
  if (value.startsWith('ssm:')) return ssmParentProblem(value.slice(4));
  const bad = unknownTokens(value);
  if (bad.length) return `${bad.join(', ')} is not substituted; only ${ARN_TOKENS.join(', ')} are.`;
  if (IMAGE_ARN.test(value)) return undefined;
  return (
    'expected an image ARN (arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x), ' +
    'an AMI id (ami-0123456789abcdef0) or ssm:<parameter name>.'
  );
}

const SSM_PARAMETER_ARN = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.+)$/;

/**
 * An `ssm:` parent: a parameter name or ARN (Image Builder's CreateImageRecipe `parentImage`:
 * "SSM parameter, prefixed by ssm:, followed by the parameter name or ARN"). Reading, unlike
 * creating, may name AWS's public parameters (/aws/service/...).
 */
export function ssmParentProblem(nameOrArn: string): string | undefined {
  if (nameOrArn === '')
    return 'ssm: needs a parameter name or ARN, e.g. ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64.';
  const arn = SSM_PARAMETER_ARN.exec(nameOrArn);
  const name = arn ? arn[1]! : nameOrArn;
  if (/^\/aws\/service\/[a-zA-Z0-9_.\-/]+$/.test(name) && !/\/\/|\/$/.test(name)) return undefined;
  const p = ssmNameProblem(name);
  return p ? `SSM parameter \`${name}\`: ${p}` : undefined;
}

/** SSM limits: the name you create is at most 1011 characters (2048 minus 1037 reserved by SSM). */
export const SSM_NAME_MAX = 1011;

/**
 * Why an SSM parameter name is wrong, or undefined. After the PutParameter `Name` constraints:
 * `a-zA-Z0-9_.-` plus `/` for hierarchies; a hierarchy starts with `/`; not prefixed with aws or
 * ssm (case-insensitive); at most 15 levels; no spaces.
 */
export function ssmNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name))
    return 'only letters, digits and _ . - / are allowed (no spaces).';
  if (name.includes('/') && !name.startsWith('/'))
    return 'a name with a path must start with `/`, e.g. /golden-ami/web-server.';
  if (name.endsWith('/') || name.includes('//'))
    return 'a path segment is empty (trailing or doubled `/`).';
  if (name.length > SSM_NAME_MAX)
    return `it is ${name.length} characters; SSM allows at most ${SSM_NAME_MAX} for a name you create.`;
  if (/^(aws|ssm)/i.test(name))
    return 'a name cannot start with aws or ssm (any case); choose another prefix.';
  if (/^\/(aws|ssm)(\/|$)/i.test(name))
    return '/aws and /ssm are reserved paths (AWS public parameters); choose another prefix.';
  const depth = name.split('/').filter((s) => s !== '').length;
  if (depth > 15) return `it is ${depth} levels deep; SSM allows at most 15.`;
  return undefined;
}

/**
 * A top-level path that starts with aws or ssm (`/aws-team/...`): the PutParameter documentation
 * says names cannot be prefixed with aws or ssm but does not say whether a leading `/` changes that.
 */
export function ssmNameWarning(name: string): string | undefined {
  return /^\/(aws|ssm)/i.test(name) && !/^\/(aws|ssm)(\/|$)/i.test(name)
    ? `SSM parameter name \`${name}\` starts with /aws or /ssm; SSM may reject it as a reserved prefix. Prefer another prefix.`
    : undefined;
}

export function isResourceName(name: string): boolean {
  return new RegExp(RESOURCE_NAME).test(name);
}

/** Whether a component path is a plain repository-relative YAML path. */
export function componentPathProblem(file: string): string | undefined {
  if (file.startsWith('/') || /^[a-zA-Z]:/.test(file))
    return 'use a path relative to the repository root, e.g. components/apache-install.yml.';
  if (file.split(/[\\/]/).includes('..'))
    return '`..` is not allowed; use a path from the repository root.';
  if (!/\.ya?ml$/.test(file)) return 'a component document is a .yml or .yaml file.';
  return undefined;
}

/** Findings for one loaded definition (positions from its YAML). */
export function checkDefinition(
  src: YamlSource,
  d: ImageDefinition,
  hasNameKey: boolean,
): Finding[] {
  const out: Finding[] = [];
  const err = (path: (string | number)[], rule: string, message: string) =>
    out.push(findingAtPath(src, path, 'error', rule, message));

  if (!hasNameKey && !isResourceName(d.name)) {
    err(
      [],
      'definition/invalid-name',
      `The image name defaults to the file name \`${d.name}\`, which Image Builder rejects (letters, digits, -, _ and spaces, 3 to 128 characters). Rename the file or set \`name:\`.`,
    );
  }
  const parent = parentImageProblem(d.parentImage);
  if (parent)
    err(
      ['parentImage'],
      'definition/parent-image',
      `parentImage \`${d.parentImage}\` is not valid: ${parent}`,
    );

  d.components.forEach((c, i) => {
    if (c.kind === 'arn') {
      const p = componentArnProblem(c.arn);
      if (p)
        err(
          ['components', i, 'arn'],
          'definition/component-arn',
          `Component ARN \`${c.arn}\` is not valid: ${p}`,
        );
      return;
    }
    const p = componentPathProblem(c.file);
    if (p)
      err(
        ['components', i, 'file'],
        'definition/component-path',
        `Component path \`${c.file}\` is not valid: ${p}`,
      );
    else if (!isResourceName(c.name)) {
      err(
        ['components', i, 'file'],
        'definition/invalid-name',
        `The component name defaults to the file name \`${c.name}\`, which Image Builder rejects (letters, digits, -, _ and spaces, 3 to 128 characters). Rename the file or set \`name:\`.`,
      );
    }
  });

  const ssm = ssmNameProblem(d.ssmParameter);
  if (ssm)
    err(
      ['ssmParameter'],
      'definition/ssm-parameter-name',
      `SSM parameter name \`${d.ssmParameter}\` is not valid: ${ssm}`,
    );
  const warning = ssmNameWarning(d.ssmParameter);
  if (warning)
    out.push(
      findingAtPath(src, ['ssmParameter'], 'warning', 'definition/ssm-parameter-name', warning),
    );
  return out;
}
