import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, toDocumentRows } from './document-rows.js';

describe('toDocumentRows', () => {
  it('flattens fields to lower-cased rows, one per array item, and normalises names for exact matches', () => {
    const rows = toDocumentRows(
      {
        type: 'software-catalog',
        key: 'component:default/checkout-web',
        title: 'Checkout Web',
        text: 'Pages',
        location: '/catalog/default/component/checkout-web',
        name: 'checkout-web',
        fields: { kind: 'Component', tags: ['React', 'web', 'react'], replicas: 3, public: true, nested: undefined, 'bad key!': 'x' },
        ownerRef: 'Group:Default/Web',
        updatedAt: 1234.9,
      },
      1000,
    );
    if ('problem' in rows) throw new Error(rows.problem);
    expect(rows.document).toMatchObject({
      item_key: 'component:default/checkout-web',
      name_norm: 'checkout web',
      title_norm: 'checkout web',
      owner_ref: 'group:default/web',
      updated_at: 1234,
      indexed_at: 1000,
    });
    expect(JSON.parse(rows.document.fields)).toEqual({ kind: 'Component', tags: ['React', 'web', 'react'], replicas: 3, public: true });
    expect(rows.fields).toEqual([
      { key: 'kind', value: 'component', original_value: 'Component' },
      { key: 'tags', value: 'react', original_value: 'React' },
      { key: 'tags', value: 'web', original_value: 'web' },
      { key: 'replicas', value: '3', original_value: '3' },
      { key: 'public', value: 'true', original_value: 'true' },
    ]);
  });

  it('caps long text and names what makes a document unusable', () => {
    const base = { type: 'techdocs', key: 'k', title: 'T', text: 'x'.repeat(DOCUMENT_LIMITS.text + 10), location: '/docs' };
    const rows = toDocumentRows(base, 0);
    expect('document' in rows && rows.document.text.length).toBe(DOCUMENT_LIMITS.text);
    expect(toDocumentRows({ ...base, title: ' ' }, 0)).toEqual({ problem: 'k: title is missing' });
    expect(toDocumentRows({ ...base, location: '' }, 0)).toEqual({ problem: 'k: location is missing or too long' });
    expect(toDocumentRows({ ...base, type: 'no spaces please' }, 0)).toEqual({ problem: "type 'no spaces please' is not a document type" });
  });
});
