/**
 * The image graph: which repository files feed which image, and which image is built on which
 * (`parentImage: image:<name>`). `plan` walks it from changed files to the images to rebuild, parents
 * first; the job summary draws it. Pure.
 */
import { buildTargets, imageParentName } from './targets.js';
import type { ImageDefinition } from './types.js';

export interface ImageNode {
  image: string;
  /** The definition file. */
  definition: string;
  /** Component documents in this repository, in build order (ARN components are not files). */
  componentFiles: string[];
  /** Template of the stack deployed with this image, if any. */
  stackTemplate?: string;
  /**
   * Definitions this image is built on (`image:` parents of any of its architectures), sorted;
   * a name that is no definition stays here (validate reports it).
   */
  parents: string[];
}

export interface ImageGraph {
  /** Topological: every image after the images it is built on; otherwise by name. */
  images: ImageNode[];
  /** Component file → the images that use it (sorted). */
  componentUsers: Record<string, string[]>;
  /** Image → the images built directly on it (sorted). */
  children: Record<string, string[]>;
  /** Each cycle of parents once, as a path that ends where it starts: [a, b, a]. Its images sort last. */
  cycles: string[][];
}

const byName = (a: string, b: string) => a.localeCompare(b);

function node(d: ImageDefinition): ImageNode {
  const files = d.components.flatMap((c) => (c.kind === 'file' ? [c.file] : []));
  const parents = buildTargets(d).flatMap((t) => {
    const p = imageParentName(t.parentImage);
    return p === undefined ? [] : [p];
  });
  return {
    image: d.name,
    definition: d.file,
    componentFiles: [...new Set(files)],
    ...(d.stack ? { stackTemplate: d.stack.template } : {}),
    parents: [...new Set(parents)].sort(byName),
  };
}

/**
 * Kahn's algorithm, taking the smallest ready name first, so an acyclic graph without edges keeps
 * name order. Returns the ordered names; the names left out sit on or behind a cycle.
 */
function topological(nodes: readonly ImageNode[], known: ReadonlySet<string>): string[] {
  const waiting = new Map(
    nodes.map((n) => [n.image, n.parents.filter((p) => known.has(p) && p !== n.image).length]),
  );
  for (const n of nodes) if (n.parents.includes(n.image)) waiting.set(n.image, Infinity);
  const ready = nodes.filter((n) => waiting.get(n.image) === 0).map((n) => n.image);
  const order: string[] = [];
  while (ready.length) {
    ready.sort(byName);
    const next = ready.shift()!;
    order.push(next);
    for (const n of nodes) {
      if (!n.parents.includes(next)) continue;
      const left = waiting.get(n.image)! - 1;
      waiting.set(n.image, left);
      if (left === 0) ready.push(n.image);
    }
  }
  return order;
}

/** The cycles among `rest` (images Kahn could not order), each once, starting at its smallest name. */
function findCycles(nodes: ReadonlyMap<string, ImageNode>, rest: readonly string[]): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const inRest = new Set(rest);
  for (const start of [...rest].sort(byName)) {
    // Follow parents inside `rest` from `start` until a name repeats: that repeat closes a cycle.
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !path.includes(at)) {
      path.push(at);
      at = nodes.get(at)!.parents.find((p) => inRest.has(p));
    }
    if (at === undefined) continue;
    const loop = path.slice(path.indexOf(at));
    const key = [...loop].sort(byName).join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    // Start at the smallest name, in child → parent order: web → base → web.
    const first = loop.indexOf([...loop].sort(byName)[0]!);
    const rotated = [...loop.slice(first), ...loop.slice(0, first)];
    cycles.push([...rotated, rotated[0]!]);
  }
  return cycles;
}

export function imageGraph(definitions: readonly ImageDefinition[]): ImageGraph {
  const nodes = new Map(definitions.map((d) => [d.name, node(d)]));
  const sorted = [...nodes.values()].sort((a, b) => byName(a.image, b.image));
  const order = topological(sorted, new Set(nodes.keys()));
  const rest = sorted.map((n) => n.image).filter((n) => !order.includes(n));
  const images = [...order, ...rest].map((n) => nodes.get(n)!);
  const componentUsers: Record<string, string[]> = {};
  for (const n of sorted) {
    for (const file of n.componentFiles) (componentUsers[file] ??= []).push(n.image);
  }
  const children: Record<string, string[]> = {};
  for (const n of sorted) {
    for (const p of n.parents) if (nodes.has(p)) (children[p] ??= []).push(n.image);
  }
  return { images, componentUsers, children, cycles: findCycles(nodes, rest) };
}

/** Images that use `file` as a component (empty when none). */
export function imagesUsing(graph: ImageGraph, file: string): string[] {
  return graph.componentUsers[file] ?? [];
}

/** `image` and every image built on it, transitively, in the graph's (topological) order. */
export function imagesBuiltOn(graph: ImageGraph, image: string): string[] {
  const found = new Set([image]);
  for (const n of graph.images) if (n.parents.some((p) => found.has(p))) found.add(n.image);
  return graph.images.map((n) => n.image).filter((n) => found.has(n));
}

/** `a → b → a`, for messages. */
export function cycleText(cycle: readonly string[]): string {
  return cycle.join(' → ');
}
