import { describe, expect, it } from 'vitest';
import { martyrIdFromParams } from './martyr-link';

const ID = '65f0a1b2c3d4e5f601234567';

describe('martyrIdFromParams', () => {
  it('reads the id from ?id=, from a mini-program code’s scene, and from a scanned link in q', () => {
    expect(martyrIdFromParams({ id: ID })).toBe(ID);
    expect(martyrIdFromParams({ scene: ID })).toBe(ID);
    const link = `https://memorial.example.cn/#/pages/martyr/index?id=${ID}`;
    expect(martyrIdFromParams({ q: encodeURIComponent(link) })).toBe(ID);
    expect(martyrIdFromParams({ q: link })).toBe(ID);
  });

  it('gives undefined for anything that is not a martyr id', () => {
    expect(martyrIdFromParams({})).toBeUndefined();
    expect(martyrIdFromParams({ id: 'abc' })).toBeUndefined();
    expect(martyrIdFromParams({ q: encodeURIComponent('https://evil.example/?id=1') })).toBeUndefined();
  });
});
