import { describe, expect, it } from 'vitest';
import { sourceLinks } from './entity-actions.js';

const withAnnotations = (annotations: Record<string, string>) => ({ metadata: { name: 'x', annotations } });

describe('sourceLinks', () => {
  it('prefers the view and edit annotations', () => {
    expect(
      sourceLinks(
        withAnnotations({
          'backstage.io/view-url': 'https://git.example.com/a',
          'backstage.io/edit-url': 'https://git.example.com/a/edit/catalog-info.yaml',
          'backstage.io/managed-by-location': 'url:https://git.example.com/a/catalog-info.yaml',
        }),
      ),
    ).toEqual({ view: 'https://git.example.com/a', edit: 'https://git.example.com/a/edit/catalog-info.yaml' });
  });

  it('falls back to a url location for viewing, never to a file path', () => {
    expect(sourceLinks(withAnnotations({ 'backstage.io/managed-by-location': 'url:https://git.example.com/a/catalog-info.yaml' })).view).toBe(
      'https://git.example.com/a/catalog-info.yaml',
    );
    expect(sourceLinks(withAnnotations({ 'backstage.io/managed-by-location': 'file:/srv/catalog-info.yaml' }))).toEqual({ view: undefined, edit: undefined });
  });

  it('drops links that are not http(s)', () => {
    expect(sourceLinks(withAnnotations({ 'backstage.io/view-url': 'javascript:alert(1)', 'backstage.io/edit-url': 'not a url' }))).toEqual({
      view: undefined,
      edit: undefined,
    });
  });
});
