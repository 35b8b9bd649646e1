import { describe, expect, it } from 'vitest';
import { amapMarkerUrl } from './amap-uri';

describe('amapMarkerUrl', () => {
  it('links AMap’s marker URI with LNG,LAT order, the encoded name and GCJ-02 coordinates', () => {
    const url = new URL(amapMarkerUrl({ lat: 30.5516, lng: 114.3043 }, '武汉革命烈士陵园'));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('114.304300,30.551600');
    expect(url.searchParams.get('name')).toBe('武汉革命烈士陵园');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
  });
});
