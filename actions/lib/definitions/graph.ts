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
  /**
   * Cycles of parents, each a path that ends where it starts ([a, b, a]); every image on a cycle is
   * in at least one. Their images sort last.
   */
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
    nodes.map((n) => [n.image, n.parents.filter((p) => known.has(p)).length]),
  );
  // A self-parent never becomes ready.
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

/**
 * The shortest loop of parents inside `rest` from `start` back to itself, as [start, …] without the
 * repeat; undefined when `start` sits only behind a cycle. Breadth-first over every parent, not just
 * the first: an image with two parents can be on a cycle through either.
 */
function loopThrough(
  nodes: ReadonlyMap<string, ImageNode>,
  inRest: ReadonlySet<string>,
  start: string,
): string[] | undefined {
  const reachedFrom = new Map<string, string>(); // image → the child it was reached from
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const p of nodes.get(at)!.parents) {
      if (p === start) {
        const loop = [at];
        while (loop[0] !== start) loop.unshift(reachedFrom.get(loop[0]!)!);
        return loop;
      }
      if (!inRest.has(p) || reachedFrom.has(p)) continue;
      reachedFrom.set(p, at);
      queue.push(p);
    }
  }
  return undefined;
}

/**
 * Cycles among `rest` (images Kahn could not order, in name order) that include every image on a cycle,
 * so validate names them all in one run: for each image not yet in a reported cycle, the shortest
 * cycle through it. Each starts at its smallest name, in child → parent order: web → base → web.
 */
function findCycles(nodes: ReadonlyMap<string, ImageNode>, rest: readonly string[]): string[][] {
  const cycles: string[][] = [];
  const covered = new Set<string>();
  const inRest = new Set(rest);
  for (const start of rest) {
    if (covered.has(start)) continue;
    const loop = loopThrough(nodes, inRest, start);
    if (!loop) continue;
    for (const n of loop) covered.add(n);
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
