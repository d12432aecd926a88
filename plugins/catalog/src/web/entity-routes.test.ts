import { describe, expect, it } from 'vitest';
import { entityPagePath, entityPath } from './entity-routes.js';

describe('entity page paths', () => {
  it('lower-cases the kind, defaults the namespace and escapes each part', () => {
    expect(entityPath({ kind: 'API', metadata: { name: 'booking-api' } })).toBe('/catalog/default/api/booking-api');
    expect(entityPagePath({ kind: 'Component', namespace: 'team a', name: 'x/y' }, 'docs')).toBe('/catalog/team%20a/component/x%2Fy/docs');
  });
});
