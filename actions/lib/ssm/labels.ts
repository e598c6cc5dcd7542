/**
 * SSM parameter labels, pure. Rules (LabelParameterVersion, "Working with parameter labels" in the
 * Systems Manager User Guide): letters (case sensitive), numbers, periods, hyphens, underscores; at
 * most 100 characters; not starting with a number, `aws` or `ssm` (case-insensitive); at most 10
 * labels per version; a label names one version of a parameter (attaching it elsewhere moves it).
 * A label that breaks a rule is not attached and comes back in `InvalidLabels`.
 */
export const MAX_LABEL_LENGTH = 100;
export const MAX_LABELS_PER_VERSION = 10;

const INVALID_CHAR = /[^A-Za-z0-9._-]+/g;
const BAD_START = /^(?:[0-9]|aws|ssm)/i;

/** Why a label would be rejected, or undefined when SSM accepts it. */
export function labelProblem(label: string): string | undefined {
  if (label === '') return 'is empty';
  if (label.length > MAX_LABEL_LENGTH) return `is longer than ${MAX_LABEL_LENGTH} characters`;
  if (/[^A-Za-z0-9._-]/.test(label))
    return 'may contain only letters, numbers, periods, hyphens and underscores';
  if (BAD_START.test(label)) return "may not begin with a number, 'aws' or 'ssm'";
  return undefined;
}

/**
 * Makes any text a valid label: other characters become `-` (runs collapse), a forbidden start gets
 * the `prefix` (default `v-`), and the result is cut to 100 characters. Empty input gives undefined.
 */
export function sanitizeLabel(raw: string, prefix = 'v-'): string | undefined {
  let s = raw
    .trim()
    .replace(INVALID_CHAR, '-')
    .replace(/^-+|-+$/g, '');
  if (s === '') return undefined;
  if (BAD_START.test(s)) s = `${prefix}${s}`;
  return s.slice(0, MAX_LABEL_LENGTH);
}

export interface LabelSources {
  buildVersion?: string;
  commit?: string;
  /** Labels the user listed, sanitized like the derived ones. */
  extra?: readonly string[];
}

/**
 * The labels for a published version: `build-<version>` (Image Builder's `1.2.3/1` becomes
 * `build-1.2.3-1`), `commit-<first 7 of the sha>`, then the user's labels; sanitized, deduplicated,
 * at most 10 (the per-version limit: the rest are reported, not silently dropped).
 */
export function deriveLabels(src: LabelSources): { labels: string[]; dropped: string[] } {
  const wanted: string[] = [];
  if (src.buildVersion) wanted.push(`build-${src.buildVersion}`);
  if (src.commit) wanted.push(`commit-${src.commit.trim().slice(0, 7)}`);
  wanted.push(...(src.extra ?? []));
  const out: string[] = [];
  for (const w of wanted) {
    const s = sanitizeLabel(w);
    if (s !== undefined && !out.includes(s)) out.push(s);
  }
  return {
    labels: out.slice(0, MAX_LABELS_PER_VERSION),
    dropped: out.slice(MAX_LABELS_PER_VERSION),
  };
}
