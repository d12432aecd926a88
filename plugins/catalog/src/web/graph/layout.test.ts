import { describe, expect, it } from 'vitest';
import { forceLayout } from './layout.js';

describe('forceLayout', () => {
  const nodes = ['root', 'a', 'b', 'c', 'd'].map((id) => ({ id }));
  const edges = ['a', 'b', 'c', 'd'].map((id) => ({ source: 'root', target: id }));

  it('pins the root at the centre and keeps other nodes apart', () => {
    const positions = forceLayout(nodes, edges, 'root');
    expect(positions.get('root')).toEqual({ x: 0, y: 0 });
    const others = ['a', 'b', 'c', 'd'].map((id) => positions.get(id)!);
    for (const [index, first] of others.entries()) {
      expect(Math.hypot(first.x, first.y)).toBeGreaterThan(100);
      for (const second of others.slice(index + 1)) expect(Math.hypot(first.x - second.x, first.y - second.y)).toBeGreaterThan(100);
    }
  });

  it('draws the same graph the same way every time, and ignores edges to unknown nodes', () => {
    const withStray = [...edges, { source: 'a', target: 'missing' }];
    expect(forceLayout(nodes, withStray, 'root')).toEqual(forceLayout(nodes, edges, 'root'));
  });
});
