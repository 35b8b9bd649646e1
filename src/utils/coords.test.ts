import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from './coords';
import { haversineMeters } from './geo';

describe('wgs84ToGcj02', () => {
  it('moves a Wuhan GPS point a few hundred metres, east and south as GCJ-02 does there', () => {
    const gps = { lat: 30.5928, lng: 114.3055 };
    const gcj = wgs84ToGcj02(gps);
    const moved = haversineMeters(gps, gcj);
    expect(moved).toBeGreaterThan(300);
    expect(moved).toBeLessThan(800);
    expect(gcj.lng).toBeGreaterThan(gps.lng);
    expect(gcj.lat).toBeLessThan(gps.lat);
  });

  it('leaves a point outside China where it is', () => {
    const paris = { lat: 48.8584, lng: 2.2945 };
    expect(wgs84ToGcj02(paris)).toEqual(paris);
  });
});
