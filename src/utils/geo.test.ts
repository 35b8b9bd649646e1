import { describe, expect, it } from 'vitest';
import { formatDistance, formatDuration, formatLatLng, haversineMeters, nearestTo } from './geo';

describe('haversineMeters', () => {
  it('measures Wuhan to Beijing (Tiananmen) as about 1,050 km', () => {
    const d = haversineMeters({ lat: 30.5928, lng: 114.3055 }, { lat: 39.9087, lng: 116.3975 });
    expect(d / 1000).toBeGreaterThan(1040);
    expect(d / 1000).toBeLessThan(1060);
  });

  it('measures 0.01° of latitude as about 1.11 km and a point to itself as 0', () => {
    expect(haversineMeters({ lat: 30, lng: 114 }, { lat: 30.01, lng: 114 })).toBeCloseTo(1112, -1);
    expect(haversineMeters({ lat: 30, lng: 114 }, { lat: 30, lng: 114 })).toBe(0);
  });
});

describe('nearestTo', () => {
  const origin = { lat: 30.5928, lng: 114.3055 };
  const sites = [
    { id: 'far', lat: 30.9, lng: 114.3 },
    { id: 'near', lat: 30.593, lng: 114.306 },
    { id: 'mid', lat: 30.62, lng: 114.31 },
  ];

  it('orders by distance, nearest first, and keeps k', () => {
    const result = nearestTo(sites, origin, 2);
    expect(result.map((s) => s.id)).toEqual(['near', 'mid']);
    expect(result[0]!.distanceMeters).toBeLessThan(result[1]!.distanceMeters);
  });

  it('answers nothing for an empty list', () => {
    expect(nearestTo([], origin, 5)).toEqual([]);
  });
});

describe('formatDistance', () => {
  it.each([
    [0.4, '1 米'],
    [85.4, '85 米'],
    [999, '999 米'],
    [1000, '1.0 公里'],
    [1249, '1.2 公里'],
    [15_360, '15.4 公里'],
    [123_456, '123 公里'],
  ])('%s m → %s', (m, text) => {
    expect(formatDistance(m)).toBe(text);
  });

  it('shows nothing for a missing distance', () => {
    expect(formatDistance(Number.NaN)).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [20, '不到 1 分钟'],
    [300, '5 分钟'],
    [3600, '1 小时'],
    [3900, '1 小时 5 分钟'],
  ])('%s s → %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('formatLatLng', () => {
  it('writes LAT,LNG with six decimals as the API expects', () => {
    expect(formatLatLng({ lat: 30.5928, lng: 114.3055 })).toBe('30.592800,114.305500');
  });
});
