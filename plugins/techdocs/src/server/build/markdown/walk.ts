import type { Element, Root, RootContent } from 'hast';

/**
 * Calls `visitor` for every element, parents before children. Cheaper than unist-util-visit,
 * which copies the ancestor list at every node; a page goes through several such passes.
 * The visitor may replace `parent.children[index]`; the replacement is not descended into.
 */
export function forEachElement(tree: Root, visitor: (node: Element, index: number, parent: Root | Element) => void): void {
  const walk = (parent: Root | Element): void => {
    const children: RootContent[] = parent.children;
    for (let index = 0; index < children.length; index += 1) {
      const node = children[index] as RootContent;
      if (node.type !== 'element') continue;
      visitor(node, index, parent);
      const current = children[index];
      if (current === node) walk(node);
    }
  };
  walk(tree);
}

/** Whether any node of the tree has the given type (stops at the first). */
export function containsNodeOfType(tree: Root, type: string): boolean {
  const search = (parent: Root | Element): boolean =>
    parent.children.some((child) => child.type === type || (child.type === 'element' && search(child)));
  return search(tree);
}
