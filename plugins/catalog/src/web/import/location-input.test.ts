import { describe, expect, it } from 'vitest';
import { locationFromInput } from './location-input.js';

describe('locationFromInput', () => {
  it('reads http(s) addresses as url locations', () => {
    expect(locationFromInput(' https://github.com/acme/api/blob/main/catalog-info.yaml ')).toEqual({
      type: 'url',
      target: 'https://github.com/acme/api/blob/main/catalog-info.yaml',
    });
  });

  it('reads .git addresses and git+ prefixes as git locations', () => {
    expect(locationFromInput('https://git.example.com/acme/api.git')).toEqual({ type: 'git', target: 'https://git.example.com/acme/api.git' });
    expect(locationFromInput('git+https://git.example.com/acme/api#main:catalog.yaml')).toEqual({
      type: 'git',
      target: 'https://git.example.com/acme/api#main:catalog.yaml',
    });
  });

  it('reads paths as file locations and refuses other schemes and blanks', () => {
    expect(locationFromInput('./teams/payments/catalog-info.yaml')).toEqual({ type: 'file', target: './teams/payments/catalog-info.yaml' });
    expect(locationFromInput('ftp://example.com/catalog.yaml')).toBeUndefined();
    expect(locationFromInput('   ')).toBeUndefined();
  });
});
