/**
 * The public corpus (test/fixtures/corpus/): real component documents and CloudFormation templates,
 * and one-mistake variants of them (scripts/bench/corpus-variants.ts). Valid documents must raise no
 * error; for a broken one, the validator must find an error (detection) and its first error must be
 * on the line the variant's first-line comment names (exact line). The test asserts both for every
 * file; `npm run bench -- corpus` prints the rates and the time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import { validateTemplate } from '../../actions/lib/cloudformation/validate.js';
import type { Finding } from '../../actions/lib/core/findings.js';
import { CORPUS } from './corpus-variants.js';

export type CorpusKind = 'components' | 'templates';

export interface CorpusResult {
  kind: CorpusKind;
  file: string;
  valid: boolean;
  /** For broken files: the line the first-line comment names. */
  expectedLine?: number;
  errors: Finding[];
}

export function corpusFiles(kind: CorpusKind, set: 'valid' | 'broken'): string[] {
  return readdirSync(join(CORPUS, kind, set))
    .sort()
    .map((f) => `${kind}/${set}/${f}`);
}

export async function checkCorpusFile(kind: CorpusKind, file: string): Promise<CorpusResult> {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const findings =
    kind === 'components' ? validateComponent(text, file) : await validateTemplate(text, file);
  const errors = findings
    .filter((f) => f.severity === 'error')
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const m = /^# expect-error-line: (\d+)/.exec(text);
  return {
    kind,
    file,
    valid: !m,
    ...(m ? { expectedLine: Number(m[1]) } : {}),
    errors,
  };
}

export interface CorpusRates {
  kind: CorpusKind;
  valid: number;
  falseErrors: number;
  broken: number;
  detected: number;
  exactLine: number;
  ms: number;
}

export async function corpusRates(kind: CorpusKind): Promise<CorpusRates> {
  const t0 = performance.now();
  const results = await Promise.all(
    [...corpusFiles(kind, 'valid'), ...corpusFiles(kind, 'broken')].map((f) =>
      checkCorpusFile(kind, f),
    ),
  );
  const ms = performance.now() - t0;
  const valid = results.filter((r) => r.valid);
  const broken = results.filter((r) => !r.valid);
  return {
    kind,
    valid: valid.length,
    falseErrors: valid.filter((r) => r.errors.length > 0).length,
    broken: broken.length,
    detected: broken.filter((r) => r.errors.length > 0).length,
    exactLine: broken.filter((r) => r.errors[0]?.line === r.expectedLine).length,
    ms,
  };
}
