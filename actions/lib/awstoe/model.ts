/**
 * The AWSTOE component document model: a tolerant reading of a component's YAML into plain data.
 * Format: root keys, phases, steps, parameters and constants, after the AWSTOE component document
 * reference (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html) and
 * its variables page (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-user-defined-variables.html).
 *
 * `parseComponent` never throws; whatever cannot be read is left out of the model. Its findings are
 * the YAML syntax findings plus a root-shape error; `validateComponent` (validate.ts) does the rest.
 */
import {
  isMap,
  isScalar,
  isSeq,
  keyName,
  parseYaml,
  findingAt,
  type YamlSource,
} from '../yaml/source.js';
import type { Finding } from '../core/findings.js';

export interface ComponentParameter {
  name: string;
  type?: string;
  default?: string;
  description?: string;
}

export interface ComponentConstant {
  name: string;
  type?: string;
  value?: string;
}

export interface ComponentStep {
  name: string;
  action: string;
}

export interface ComponentPhase {
  name: string;
  steps: ComponentStep[];
}

export interface ComponentDocument {
  name?: string;
  description?: string;
  /** As written; the YAML float `1.0` is reported as "1.0". */
  schemaVersion?: string;
  parameters: ComponentParameter[];
  constants: ComponentConstant[];
  phases: ComponentPhase[];
}

export interface ParsedComponent {
  document?: ComponentDocument;
  findings: Finding[];
}

/** Read a component document; never throws. `document` is absent when the root is not a mapping. */
export function parseComponent(text: string, file: string): ParsedComponent {
  try {
    const src = parseYaml(text, file);
    const findings = [...src.findings];
    const root = src.doc.contents;
    if (!isMap(root)) {
      findings.push(rootNotMapping(src, root));
      return { findings };
    }
    return { document: readDocument(root), findings };
  } catch (e) {
    return {
      findings: [
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          rule: 'awstoe/unreadable',
          message: `The component could not be read (${(e as Error).message}). Check that the file is UTF-8 YAML.`,
        },
      ],
    };
  }
}

/** Names of the document's parameters, in document order (what a recipe may set). */
export function componentParameterNames(doc: ComponentDocument | undefined): string[] {
  return doc ? doc.parameters.map((p) => p.name) : [];
}

export function rootNotMapping(src: YamlSource, root: unknown): Finding {
  return findingAt(
    src,
    root,
    'error',
    'awstoe/root-not-mapping',
    'A component document must be a YAML mapping with `schemaVersion: 1.0` and a `phases` list at the top level.',
  );
}

// ---- plain-data reading (tolerant) -----------------------------------------------------------

type MapNode = import('yaml').YAMLMap;

/** A scalar as text (numbers and booleans as written by String()); undefined for anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  // Numbers and booleans: the text as written (`1.0`, `0777`), not JS's rendering of the value.
  return node.source ?? String(v);
}

function get(map: MapNode, key: string): unknown {
  for (const p of map.items) if (keyName(p) === key) return p.value;
  return undefined;
}

function readSchemaVersion(node: unknown): string | undefined {
  // `schemaVersion: 1.0` is a YAML float whose JS value prints as "1": scalarText keeps the source.
  return scalarText(node);
}

function readDocument(root: MapNode): ComponentDocument {
  const doc: ComponentDocument = { parameters: [], constants: [], phases: [] };
  const name = scalarText(get(root, 'name'));
  if (name !== undefined) doc.name = name;
  const description = scalarText(get(root, 'description'));
  if (description !== undefined) doc.description = description;
  const schemaVersion = readSchemaVersion(get(root, 'schemaVersion'));
  if (schemaVersion !== undefined) doc.schemaVersion = schemaVersion;
  for (const [name, body] of namedEntries(get(root, 'parameters'))) {
    const p: ComponentParameter = { name };
    if (isMap(body)) {
      const type = scalarText(get(body, 'type'));
      const def = scalarText(get(body, 'default'));
      const d = scalarText(get(body, 'description'));
      if (type !== undefined) p.type = type;
      if (def !== undefined) p.default = def;
      if (d !== undefined) p.description = d;
    }
    doc.parameters.push(p);
  }
  for (const [name, body] of namedEntries(get(root, 'constants'))) {
    const c: ComponentConstant = { name };
    if (isMap(body)) {
      const type = scalarText(get(body, 'type'));
      const value = scalarText(get(body, 'value'));
      if (type !== undefined) c.type = type;
      if (value !== undefined) c.value = value;
    }
    doc.constants.push(c);
  }
  const phases = get(root, 'phases');
  if (isSeq(phases)) {
    for (const item of phases.items) {
      if (!isMap(item)) continue;
      const phase: ComponentPhase = { name: scalarText(get(item, 'name')) ?? '', steps: [] };
      const steps = get(item, 'steps');
      if (isSeq(steps)) {
        for (const s of steps.items) {
          if (!isMap(s)) continue;
          phase.steps.push({
            name: scalarText(get(s, 'name')) ?? '',
            action: scalarText(get(s, 'action')) ?? '',
          });
        }
      }
      doc.phases.push(phase);
    }
  }
  return doc;
}

/** Entries of a parameters/constants list: each item a single-key mapping `- Name: {…}`. */
function namedEntries(node: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (!isSeq(node)) return out;
  for (const item of node.items) {
    if (!isMap(item) || item.items.length !== 1) continue;
    const pair = item.items[0];
    if (!pair) continue;
    const name = keyName(pair);
    if (name) out.push([name, pair.value]);
  }
  return out;
}
