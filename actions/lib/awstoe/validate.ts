/**
 * Validate an AWSTOE component document: one pass over the YAML tree, findings with positions.
 * The rules and their sources are in the sibling files; see the AWSTOE component document
 * reference (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html).
 * Never throws: an unexpected failure becomes an `awstoe/internal` finding.
 */
import type { Finding } from '../core/findings.js';
import { isMap, parseYaml } from '../yaml/source.js';
import { report, type Ctx } from './context.js';
import { describeNonMapping, detectOtherKind } from './detect-kind.js';
import { checkRoot, checkSize } from './document.js';
import { checkPhases } from './phases-steps.js';
import { checkVariables } from './variables.js';

export function validateComponent(text: string, file: string): Finding[] {
  let ctx: Ctx | undefined;
  try {
    const src = parseYaml(String(text ?? ''), file);
    ctx = { src, out: [...src.findings] };
    checkSize(ctx, src.text);
    // After a YAML syntax error the tree is a guess: rules run on it would report consequences
    // (a step "without an action" because a tab broke its mapping) before the mistake itself.
    // A duplicate key leaves a sound tree, so the rules still run after that one.
    if (src.findings.some((f) => f.severity === 'error' && f.rule !== 'yaml/duplicate-key'))
      return ctx.out;
    const root = src.doc.contents;
    if (!isMap(root)) {
      // An empty file or a YAML error that left no mapping: one finding is enough.
      if (!(root === null && ctx.out.some((f) => f.severity === 'error')))
        report(ctx, root, 'error', 'awstoe/root-not-mapping', describeNonMapping(root));
      return ctx.out;
    }
    const other = detectOtherKind(src, root);
    if (other) {
      report(
        ctx,
        root,
        'error',
        'awstoe/not-a-component',
        `This is ${other.kind}, not an AWSTOE component document. ${other.fix}`,
      );
      return ctx.out;
    }
    checkRoot(ctx, root);
    const vars = checkVariables(ctx, root);
    checkPhases(ctx, root, vars);
    return ctx.out;
  } catch (e) {
    const out = ctx?.out ?? [];
    out.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'awstoe/internal',
      message: `The validator failed on this document (${(e as Error)?.message ?? String(e)}); please report it with the file.`,
    });
    return out;
  }
}
