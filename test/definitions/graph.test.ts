/** The image graph plan walks: which repository files feed which image. */
import { beforeEach, describe, it, expect } from '@jest/globals';
import { imageGraph, imagesUsing, type ImageGraph } from '../../actions/lib/definitions/graph.js';
import type { ComponentRef, ImageDefinition } from '../../actions/lib/definitions/types.js';

const file = (f: string): ComponentRef => ({ kind: 'file', file: f, name: f, parameters: {} });
const def = (name: string, components: ComponentRef[], stack?: string): ImageDefinition => ({
  file: `components/images/${name}.yml`,
  name,
  platform: 'Linux',
  parentImage: 'ami-12345678',
  components,
  blockDeviceMappings: [],
  ssmParameter: `/golden-ami/${name}`,
  tags: {},
  ...(stack ? { stack: { name: `app-${name}`, template: stack, parameters: {} } } : {}),
});

describe('imageGraph', () => {
  const arn: ComponentRef = {
    kind: 'arn',
    arn: 'arn:aws:imagebuilder:r:aws:component/x/1.0.0',
    parameters: {},
  };
  // Built per test, not at load: mutation testing counts only what runs inside a test.
  let graph: ImageGraph;
  beforeEach(() => {
    graph = imageGraph([
      def('zeta', [file('c/a.yml'), arn, file('c/b.yml'), file('c/a.yml')]),
      def('alpha', [file('c/b.yml')], 'stacks/app.yml'),
      def('Mid', [arn]),
    ]);
  });

  it('sorts images by name and keeps each image’s component files once, in build order', () => {
    expect(graph.images.map((n) => n.image)).toEqual(['alpha', 'Mid', 'zeta']);
    expect(graph.images[2]).toEqual({
      image: 'zeta',
      definition: 'components/images/zeta.yml',
      componentFiles: ['c/a.yml', 'c/b.yml'],
      parents: [],
    });
    // ARN components are not files of this repository.
    expect(graph.images[1]!.componentFiles).toEqual([]);
    expect(graph.images[0]!.stackTemplate).toBe('stacks/app.yml');
    expect('stackTemplate' in graph.images[2]!).toBe(false);
  });

  it('knows which images use a component file, each once', () => {
    expect(imagesUsing(graph, 'c/b.yml')).toEqual(['alpha', 'zeta']);
    expect(imagesUsing(graph, 'c/a.yml')).toEqual(['zeta']);
    expect(imagesUsing(graph, 'README.md')).toEqual([]);
    expect(Object.keys(graph.componentUsers).sort()).toEqual(['c/a.yml', 'c/b.yml']);
  });

  it('an empty repository has an empty graph', () => {
    expect(imageGraph([])).toEqual({ images: [], componentUsers: {}, children: {}, cycles: [] });
  });
});

describe('imageGraph: parents per architecture', () => {
  /** A definition whose x86_64 and arm64 builds start from the two given parents. */
  const twoParents = (name: string, x86: string, arm: string): ImageDefinition => ({
    ...def(name, []),
    architectures: [
      { name: 'x86_64', parentImage: `image:${x86}` },
      { name: 'arm64', parentImage: `image:${arm}` },
    ],
  });

  it('an image built on two parents comes after both, even one whose name sorts after it', () => {
    const g = imageGraph([def('p1', []), twoParents('p2', 'p1', 'p3'), def('p3', [])]);
    expect(g.images.map((n) => n.image)).toEqual(['p1', 'p3', 'p2']);
    expect(g.images[2]!.parents).toEqual(['p1', 'p3']);
    expect(g.children).toEqual({ p1: ['p2'], p3: ['p2'] });
  });

  it('a parent name that is no definition stays among the parents, orders nothing, has no children', () => {
    const g = imageGraph([
      twoParents('child', 'missing', 'base'),
      def('base', []),
      def('zeta', []),
    ]);
    expect(g.images.map((n) => n.image)).toEqual(['base', 'child', 'zeta']);
    expect(g.cycles).toEqual([]);
    expect(g.images[1]!.parents).toEqual(['base', 'missing']);
    expect(g.children).toEqual({ base: ['child'] });
  });

  it('orders the images on and behind a cycle by name, whatever order they come in', () => {
    // q ↔ r is a cycle; s is built on r, behind it. Given in reverse order.
    const on = (name: string, parent: string) => ({
      ...def(name, []),
      parentImage: `image:${parent}`,
    });
    const g = imageGraph([on('s', 'r'), on('r', 'q'), on('q', 'r'), def('p', [])]);
    expect(g.images.map((n) => n.image)).toEqual(['p', 'q', 'r', 's']);
    expect(g.cycles).toEqual([['q', 'r', 'q']]);
    expect(g.children).toEqual({ q: ['r'], r: ['q', 's'] });
  });
});
