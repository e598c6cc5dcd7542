/**
 * One engine behind the `validate` action and CLI: every file goes to the validator for its kind;
 * image definitions are also checked against the repository (components they name, parameters).
 * No input makes it throw: a validator that crashes on a file becomes a finding naming the file, so
 * one bad file never hides the others' results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../core/findings.js';
import { errorMessage } from '../core/errors.js';
import { classifyByContent, classifyByPath, type FileKind } from './classify.js';
import type { CheckedFile, ValidationReport } from './report.js';
import { publishedParameters } from './published.js';
import type { TemplateContext } from '../cloudformation/check.js';

export interface Validators {
  component(text: string, file: string): Finding[] | Promise<Finding[]>;
  /** Optional: many component documents at once (e.g. across threads), results in input order. */
  components?(items: { file: string; text: string }[]): Promise<Finding[][]>;
  /** `context`: what the repository tells the template rules (published SSM parameters). */
  template(text: string, file: string, context?: TemplateContext): Finding[] | Promise<Finding[]>;
  /** `context.readFile`: repository files, for local actions a workflow uses. */
  workflow(
    text: string,
    file: string,
    context?: { readFile?: (path: string) => string | undefined },
  ): Finding[] | Promise<Finding[]>;
  /** The scan gate's exceptions file; optional so validators that predate it still type-check. */
  'scan-exceptions'?(text: string, file: string): Finding[] | Promise<Finding[]>;
  /** Definitions are checked together, against the repository at `root`. */
  definitions(root: string, files: string[]): Finding[] | Promise<Finding[]>;
}

export type ReadFile = (path: string) => string;

export function diskReader(root: string): ReadFile {
  return (p) => readFileSync(join(root, p), 'utf8');
}

function crashed(file: string, kind: string, e: unknown): Finding {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'validate/internal-error',
    message: `The ${kind} validator failed on this file (${errorMessage(e)}). This is a bug in imagebuilder-gitops; please report it with the file.`,
  };
}

async function guarded(
  file: string,
  kind: string,
  fn: () => Finding[] | Promise<Finding[]>,
): Promise<Finding[]> {
  try {
    return await fn();
  } catch (e) {
    return [crashed(file, kind, e)];
  }
}

export async function validateFiles(
  root: string,
  files: readonly string[],
  validators: Validators,
  read: ReadFile = diskReader(root),
): Promise<ValidationReport> {
  const checked: CheckedFile[] = [];
  const findings: Finding[] = [];
  const definitions: string[] = [];
  const components: { file: string; text: string }[] = [];
  const templates: { file: string; text: string }[] = [];
  const definitionTexts: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = read(file);
    } catch (e) {
      findings.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'validate/unreadable',
        message: `Cannot read the file: ${errorMessage(e)}.`,
      });
      continue;
    }
    const kind: FileKind | undefined = classifyByPath(file) ?? classifyByContent(text);
    if (!kind) {
      // Never skipped silently: a file the user (or the default paths) sent here that is none of
      // the four kinds is an error, so a broken document cannot pass by looking unrecognisable.
      findings.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'validate/unknown-kind',
        message:
          'Not recognised as a component document (`phases`), image definition (`parentImage` + `components`), CloudFormation template (`Resources`) or workflow (`on` + `jobs`), so it cannot be validated. Move it under components/, components/images/, stacks/ or .github/workflows/ (where its kind follows from the folder), or leave it out of `paths`.',
      });
      continue;
    }
    checked.push({ file, kind });
    if (kind === 'definition') {
      definitions.push(file);
      definitionTexts.push(text);
    } else if (kind === 'template') templates.push({ file, text });
    else if (kind === 'component' && validators.components) components.push({ file, text });
    else if (kind === 'workflow') {
      const readFile = (p: string): string | undefined => {
        try {
          return read(p);
        } catch {
          return undefined;
        }
      };
      findings.push(
        ...(await guarded(file, kind, () => validators.workflow(text, file, { readFile }))),
      );
    } else if (kind === 'scan-exceptions') {
      const check = validators['scan-exceptions'];
      if (check) findings.push(...(await guarded(file, kind, () => check(text, file))));
    } else findings.push(...(await guarded(file, kind, () => validators[kind](text, file))));
  }
  // Templates after the loop: the image definitions say which SSM parameters are this pipeline's.
  const context: TemplateContext = { publishedParameters: publishedParameters(definitionTexts) };
  for (const t of templates) {
    findings.push(
      ...(await guarded(t.file, 'template', () => validators.template(t.text, t.file, context))),
    );
  }
  if (components.length > 0) {
    let batch: Finding[][] | undefined;
    try {
      batch = await validators.components!(components);
    } catch {
      // One document broke the batch: validate one by one, so the crash is pinned to its file.
    }
    for (const [i, c] of components.entries()) {
      findings.push(
        ...(batch?.[i] ??
          (await guarded(c.file, 'component', () => validators.component(c.text, c.file)))),
      );
    }
  }
  if (definitions.length > 0) {
    findings.push(
      ...(await guarded(definitions[0]!, 'image definition', () =>
        validators.definitions(root, definitions),
      )),
    );
  }
  return { files: checked, findings };
}
