import type { Element, ElementContent, Root } from 'hast';
import { forEachElement } from './walk.js';

/**
 * Adds the tab buttons to each content-tab set. Runs after sanitizing (buttons are not allowed in
 * authored HTML); a label only ever becomes text. Without the reader's script every panel stays
 * visible, in order, so nothing is hidden from a reader without JavaScript.
 */
export function addTabButtons(tree: Root): void {
  forEachElement(tree, (node) => {
    if (!hasClass(node, 'tabbed-set')) return;
    const blocks = node.children.filter((child): child is Element => child.type === 'element' && hasClass(child, 'tabbed-block'));
    if (blocks.length === 0) return;
    const selected = Math.max(0, blocks.findIndex((block) => block.properties.dataTabSelected !== undefined));
    const buttons: ElementContent[] = blocks.map((block, index) => ({
      type: 'element',
      tagName: 'button',
      properties: {
        type: 'button',
        role: 'tab',
        ariaSelected: index === selected ? 'true' : 'false',
        dataTabIndex: String(index),
      },
      children: [{ type: 'text', value: typeof block.properties.dataTabLabel === 'string' ? block.properties.dataTabLabel : '' }],
    }));
    blocks.forEach((block, index) => {
      const { dataTabSelected: _selected, ...properties } = block.properties;
      block.properties = { ...properties, role: 'tabpanel', dataTabIndex: String(index), ...(index === selected ? { dataActive: '' } : {}) };
    });
    node.properties = { ...node.properties, dataTabs: '' };
    node.children = [
      { type: 'element', tagName: 'div', properties: { className: ['tabbed-labels'], role: 'tablist' }, children: buttons },
      ...blocks,
    ];
  });
}

function hasClass(node: Element, name: string): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes(name);
}
