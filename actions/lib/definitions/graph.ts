/**
 * The image graph: which repository files feed which image. `plan` walks it from changed files to
 * the images to rebuild; the job summary draws it. Pure.
 */
import type { ImageDefinition } from './types.js';

export interface ImageNode {
  image: string;
  /** The definition file. */
  definition: string;
  /** Component documents in this repository, in build order (ARN components are not files). */
  componentFiles: string[];
  /** Template of the stack deployed with this image, if any. */
  stackTemplate?: string;
}

export interface ImageGraph {
  /** Sorted by image name. */
  images: ImageNode[];
  /** Component file → the images that use it (sorted). */
  componentUsers: Record<string, string[]>;
}

export function imageGraph(definitions: readonly ImageDefinition[]): ImageGraph {
  const images = definitions
    .map((d): ImageNode => {
      const files = d.components.flatMap((c) => (c.kind === 'file' ? [c.file] : []));
      return {
        image: d.name,
        definition: d.file,
        componentFiles: [...new Set(files)],
        ...(d.stack ? { stackTemplate: d.stack.template } : {}),
      };
    })
    .sort((a, b) => a.image.localeCompare(b.image));
  const componentUsers: Record<string, string[]> = {};
  for (const node of images) {
    for (const file of node.componentFiles) (componentUsers[file] ??= []).push(node.image);
  }
  return { images, componentUsers };
}

/** Images that use `file` as a component (empty when none). */
export function imagesUsing(graph: ImageGraph, file: string): string[] {
  return graph.componentUsers[file] ?? [];
}
