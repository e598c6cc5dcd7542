/**
 * Which validator a file goes to. By location first (the repository layout), then, for a file given
 * explicitly outside that layout, by what it contains.
 *
 * Under `components/` (outside `components/images/`) every YAML or JSON file is a component
 * document, whatever it looks like: a broken component often looks like nothing else, so it must
 * reach the component validator, which says what the file looks like instead (awstoe/detect-kind).
 * Components are "declarative YAML or JSON documents" (CDK aws-imagebuilder-alpha README).
 */
import { parseDocument, isMap, isScalar } from 'yaml';
// The scan gate's accepted vulnerabilities (actions/lib/scan/exceptions.ts): their own kind, not a component.
import { EXCEPTIONS_FILE as SCAN_EXCEPTIONS_FILE } from '../scan/paths.js';

export type FileKind = 'component' | 'definition' | 'template' | 'workflow' | 'scan-exceptions';

export const DEFAULT_PATHS = ['components', 'stacks', '.github/workflows'];
export const DEFINITIONS_DIR = 'components/images';

const YAML = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;

/** `path` is relative to the repository root, with forward slashes. */
export function classifyByPath(path: string): FileKind | undefined {
  if (path.startsWith('.github/workflows/') && YAML.test(path)) return 'workflow';
  if (path.startsWith(`${DEFINITIONS_DIR}/`)) return YAML.test(path) ? 'definition' : undefined;
  if (path === SCAN_EXCEPTIONS_FILE) return 'scan-exceptions';
  if (path.startsWith('components/') && (YAML.test(path) || JSON_FILE.test(path)))
    return 'component';
  if (path.startsWith('stacks/') && (YAML.test(path) || JSON_FILE.test(path))) return 'template';
  return undefined;
}

/** The root mapping's keys, read by a YAML parser (so indentation and flow style do not matter). */
function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  try {
    // Custom tags (CloudFormation's `!Ref`...) only warn; a parse error still leaves what was read.
    const doc = parseDocument(text, { strict: false, uniqueKeys: false, prettyErrors: false });
    const root = doc.contents;
    if (isMap(root)) {
      for (const p of root.items) {
        if (isScalar(p.key)) keys.add(String(p.key.value));
      }
    }
  } catch {
    // A document the parser cannot read has no recognisable keys.
  }
  if (keys.size === 0) {
    // A YAML error before any key (or a document that is not a mapping): fall back to the lines.
    for (const m of text.matchAll(/^\s*["']?([A-Za-z][\w-]*)["']?\s*:/gm)) keys.add(m[1]!);
  }
  return keys;
}

/** For files outside the layout: recognise the document by its top-level keys. */
export function classifyByContent(text: string): FileKind | undefined {
  const top = topLevelKeys(text);
  if (top.has('AWSTemplateFormatVersion') || top.has('Resources')) return 'template';
  // `on:` is read as the boolean true by YAML 1.1 parsers; the yaml package (1.2) keeps "on".
  if (top.has('jobs') && (top.has('on') || top.has('true'))) return 'workflow';
  if (top.has('phases')) return 'component';
  if (top.has('parentImage') && top.has('components')) return 'definition';
  if (top.size === 1 && top.has('exceptions')) return 'scan-exceptions';
  return undefined;
}

export function isCandidate(path: string): boolean {
  return YAML.test(path) || JSON_FILE.test(path);
}
