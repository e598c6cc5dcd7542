/**
 * Which validator a file goes to. By location first (the repository layout), then, for a file given
 * explicitly outside that layout, by what it contains.
 */
// The scan gate's accepted vulnerabilities (actions/lib/scan/exceptions.ts): their own kind, not a component.
import { EXCEPTIONS_FILE as SCAN_EXCEPTIONS_FILE } from '../scan/paths.js';

export type FileKind = 'component' | 'definition' | 'template' | 'workflow' | 'scan-exceptions';

export const DEFAULT_PATHS = ['components', 'stacks', '.github/workflows'];
export const DEFINITIONS_DIR = 'components/images';

const YAML = /\.ya?ml$/i;

/** `path` is relative to the repository root, with forward slashes. */
export function classifyByPath(path: string): FileKind | undefined {
  if (path.startsWith('.github/workflows/') && YAML.test(path)) return 'workflow';
  if (path.startsWith(`${DEFINITIONS_DIR}/`) && YAML.test(path)) return 'definition';
  if (path === SCAN_EXCEPTIONS_FILE) return 'scan-exceptions';
  if (path.startsWith('components/') && YAML.test(path)) return 'component';
  if (path.startsWith('stacks/') && (YAML.test(path) || /\.json$/i.test(path))) return 'template';
  return undefined;
}

/** For files outside the layout: recognise the document by its top-level keys. */
export function classifyByContent(text: string): FileKind | undefined {
  const top = new Set<string>();
  for (const m of text.matchAll(/^["']?([A-Za-z][\w-]*)["']?\s*:/gm)) top.add(m[1]!);
  for (const m of text.matchAll(/^\s*"([A-Za-z][\w-]*)"\s*:/gm)) top.add(m[1]!);
  if (top.has('AWSTemplateFormatVersion') || top.has('Resources')) return 'template';
  if (top.has('jobs') && (top.has('on') || top.has('true'))) return 'workflow';
  if (top.has('phases')) return 'component';
  if (top.has('parentImage') && top.has('components')) return 'definition';
  if (top.size === 1 && top.has('exceptions')) return 'scan-exceptions';
  return undefined;
}

export function isCandidate(path: string): boolean {
  return YAML.test(path) || /\.json$/i.test(path);
}
