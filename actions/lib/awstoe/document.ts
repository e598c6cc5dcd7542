/**
 * The top level of a component document. Sources: the AWSTOE document schema
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html#document-schema): keys name,
 * description, schemaVersion (required, `1.0`), parameters, constants, phases (required); the
 * CloudFormation `AWS::ImageBuilder::Component` reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-imagebuilder-component.html):
 * inline `Data` is at most 16,000 characters.
 */
import { isScalar, type YAMLMap } from '../yaml/source.js';
import { didYouMean, field, hasKey, pairs, report, type Ctx } from './context.js';

export const ROOT_KEYS = [
  'name',
  'description',
  'schemaVersion',
  'parameters',
  'constants',
  'phases',
];
export const INLINE_LIMIT = 16000;

export function checkRoot(ctx: Ctx, root: YAMLMap): void {
  for (const { key, at } of pairs(root)) {
    if (!ROOT_KEYS.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a documented top-level key (${ROOT_KEYS.join(', ')}); AWSTOE may reject it.${didYouMean(key, ROOT_KEYS)}`,
      );
    }
  }
  for (const key of ['name', 'description']) {
    const v = field(root, key);
    if (hasKey(root, key) && !isScalar(v)) {
      report(ctx, v, 'error', 'awstoe/root-value', `\`${key}\` must be a string.`);
    }
  }
  checkSchemaVersion(ctx, root);
}

function checkSchemaVersion(ctx: Ctx, root: YAMLMap): void {
  if (!hasKey(root, 'schemaVersion')) {
    report(
      ctx,
      root,
      'error',
      'awstoe/schema-version',
      'The document needs `schemaVersion: 1.0` at the top level.',
    );
    return;
  }
  const node = field(root, 'schemaVersion');
  const v = isScalar(node) ? node.value : undefined;
  const source = isScalar(node) ? (node.source ?? String(v)) : '';
  // `1.0` unquoted is a YAML float; `'1.0'` a string. Both are what the docs and real documents write.
  if (v === '1.0' || (typeof v === 'number' && v === 1 && /\./.test(source))) return;
  if (v === 1 || v === '1') {
    report(
      ctx,
      node,
      'warning',
      'awstoe/schema-version',
      '`schemaVersion` should be written `1.0`; a bare `1` is not the documented value.',
    );
    return;
  }
  report(
    ctx,
    node,
    'error',
    'awstoe/schema-version',
    `\`schemaVersion\` must be \`1.0\` (the only AWSTOE schema version); found \`${source || 'nothing'}\`.`,
  );
}

export function checkSize(ctx: Ctx, text: string): void {
  if (text.length <= INLINE_LIMIT) return;
  ctx.out.push({
    file: ctx.src.file,
    line: 1,
    column: 1,
    severity: 'warning',
    rule: 'awstoe/inline-size',
    message: `The document is ${text.length} characters; inline component data (CloudFormation \`Data\`, API \`data\`) is limited to ${INLINE_LIMIT}. Upload it to S3 and create the component with \`uri\` instead.`,
  });
}
