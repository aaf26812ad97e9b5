// A Merkle log held in memory: the reference NodeReader for tests and benchmarks, and the model a
// store's tables follow (leaf hashes at level 0, every completed perfect subtree above, keyed by nodeKey).

import { appendLeaves, EMPTY_RANGE, nodeKey, type CompactRange, type NodeId } from './merkle-range.js';
import type { NodeReader } from './merkle-proof.js';

export class MemoryTree implements NodeReader {
  private readonly nodes = new Map<number, Buffer>();
  private range: CompactRange = EMPTY_RANGE;

  get size(): number {
    return this.range.size;
  }

  /** Appends a batch of leaf hashes and returns the new root. */
  append(leafHashes: readonly Buffer[]): Buffer {
    const start = this.range.size;
    const result = appendLeaves(this.range, leafHashes);
    leafHashes.forEach((hash, i) => this.nodes.set(nodeKey({ level: 0, index: start + i }), hash));
    for (const node of result.nodes) this.nodes.set(nodeKey(node.id), node.hash);
    this.range = result.range;
    return result.root;
  }

  findNodes(ids: readonly NodeId[]): Promise<(Buffer | undefined)[]> {
    return Promise.resolve(ids.map((id) => this.nodes.get(nodeKey(id))));
  }

  /** For tamper tests: overwrite or drop one stored node. */
  replaceNode(id: NodeId, hash: Buffer | undefined): void {
    if (hash === undefined) this.nodes.delete(nodeKey(id));
    else this.nodes.set(nodeKey(id), hash);
  }
}
