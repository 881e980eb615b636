import type { CachedFolder } from '../../data/index.ts';
import { folderLabel, specialRank } from './folder-names.ts';

export interface FolderNode {
  folder: CachedFolder;
  label: string;
  children: FolderNode[];
}

/**
 * The sidebar's tree: special-use folders first in their fixed order, then the others by
 * name; children under their parent (by `parent` path, from the LIST delimiter). A folder
 * whose parent is not listed shows at the top level rather than disappearing.
 */
export function buildFolderTree(folders: readonly CachedFolder[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>();
  for (const folder of folders)
    nodes.set(folder.path, { folder, label: folderLabel(folder), children: [] });
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const { parent, path } = node.folder;
    const parentNode = parent !== null && parent !== path ? nodes.get(parent) : undefined;
    (parentNode?.children ?? roots).push(node);
  }
  sortNodes(roots);
  return roots;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function sortNodes(nodes: FolderNode[]): void {
  nodes.sort((a, b) => {
    const rankA = rankOf(a);
    const rankB = rankOf(b);
    return rankA !== rankB ? rankA - rankB : collator.compare(a.label, b.label);
  });
  for (const node of nodes) sortNodes(node.children);
}

function rankOf(node: FolderNode): number {
  const rank = specialRank(node.folder);
  return rank === -1 ? Number.MAX_SAFE_INTEGER : rank;
}

/** Every folder in tree order with its depth, for flat pickers such as "Move to…". */
export function flattenTree(
  nodes: readonly FolderNode[],
  depth = 0,
): { node: FolderNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}
