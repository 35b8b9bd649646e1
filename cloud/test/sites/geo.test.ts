import { describe, expect, it } from 'vitest';
import { GeoIndex, haversineMeters, isOpenAt, nearestByScan, shanghaiClock } from '../../src/sites/geo.js';
import { decodeCursor, encodeCursor } from '../../src/sites/cursor.js';
import { estimateRoute, parseAmapRoute } from '../../src/sites/route.js';
import { z } from 'zod';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('haversineMeters', () => {
  it('measures Wuhan to Beijing at about 1,050 km and a point to itself at 0', () => {
    const wuhan = { lat: 30.5928, lng: 114.3055 };
    const beijing = { lat: 39.9042, lng: 116.4074 };
    expect(haversineMeters(wuhan, beijing) / 1000).toBeGreaterThan(1040);
    expect(haversineMeters(wuhan, beijing) / 1000).toBeLessThan(1060);
    expect(haversineMeters(wuhan, wuhan)).toBe(0);
  });

  it('measures one degree of latitude as 111.19 km', () => {
    expect(haversineMeters({ lat: 30, lng: 114 }, { lat: 31, lng: 114 })).toBeCloseTo(111_194.9, 0);
  });
});

describe('isOpenAt (Asia/Shanghai)', () => {
  // 2026-03-16 is a Monday.
  const at = (local: string) => new Date(`${local}+08:00`);

  it('reads the weekday and time in Shanghai whatever the server zone', () => {
    expect(shanghaiClock(new Date('2026-03-15T16:30:00Z'))).toEqual({ weekday: 1, minutes: 30 }); // Mon 00:30
    expect(shanghaiClock(at('2026-03-22T23:59:00'))).toEqual({ weekday: 7, minutes: 23 * 60 + 59 });
  });

  it('is open inside the hours and closed at and after closing time', () => {
    const hours = { open: '08:30', close: '17:00' };
    expect(isOpenAt(hours, at('2026-03-17T08:29:00'))).toBe(false);
    expect(isOpenAt(hours, at('2026-03-17T08:30:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-03-17T16:59:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-03-17T17:00:00'))).toBe(false);
  });

  it('is closed all day on a closed weekday', () => {
    expect(isOpenAt({ open: '08:30', close: '17:00', closedWeekdays: [1] }, at('2026-03-16T10:00:00'))).toBe(false);
    expect(isOpenAt({ open: '08:30', close: '17:00', closedWeekdays: [1] }, at('2026-03-17T10:00:00'))).toBe(true);
  });

  it('reads hours across midnight as overnight, the early hours belonging to the previous day', () => {
    const hours = { open: '20:00', close: '02:00', closedWeekdays: [7] };
    expect(isOpenAt(hours, at('2026-03-17T23:00:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-03-18T01:00:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-03-18T03:00:00'))).toBe(false);
    expect(isOpenAt(hours, at('2026-03-16T01:00:00'))).toBe(false); // Monday early hours = Sunday's opening
  });

  it('treats equal open and close as round the clock, and unreadable hours as closed', () => {
    expect(isOpenAt({ open: '00:00', close: '24:00' }, at('2026-03-17T03:00:00'))).toBe(true);
    expect(isOpenAt({ open: '00:00', close: '00:00' }, at('2026-03-17T03:00:00'))).toBe(true);
    expect(isOpenAt({ open: '9am', close: '17:00' }, at('2026-03-17T10:00:00'))).toBe(false);
  });
});

describe('GeoIndex', () => {
  const rnd = random(42);
  const points = Array.from({ length: 5000 }, (_, i) => ({ id: i, lat: 18 + rnd() * 35, lng: 74 + rnd() * 60, even: i % 2 === 0 }));
  const index = new GeoIndex(points);

  it('finds the same k nearest as a full scan, in ascending distance', () => {
    for (let q = 0; q < 50; q++) {
      const lat = 18 + rnd() * 35;
      const lng = 74 + rnd() * 60;
      const fromTree = index.nearest(lat, lng, 10);
      const fromScan = nearestByScan(points, lat, lng, 10);
      expect(fromTree.map((n) => n.item.id)).toEqual(fromScan.map((n) => n.item.id));
      const distances = fromTree.map((n) => n.distanceMeters);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      expect(distances[0]).toBeCloseTo(haversineMeters({ lat, lng }, fromTree[0]!.item), 6);
    }
  });

  it('applies the filter inside the search and still returns k items', () => {
    const found = index.nearest(30.6, 114.3, 7, (p) => p.even);
    expect(found).toHaveLength(7);
    expect(found.every((n) => n.item.even)).toBe(true);
    expect(found.map((n) => n.item.id)).toEqual(nearestByScan(points, 30.6, 114.3, 7, (p) => p.even).map((n) => n.item.id));
  });

  it('answers nothing from an empty index and fewer than k when there are fewer items', () => {
    expect(new GeoIndex([]).nearest(30, 114, 5)).toEqual([]);
    expect(new GeoIndex([{ lat: 30, lng: 114 }]).nearest(31, 114, 5)).toHaveLength(1);
  });
});

describe('cursor', () => {
  const Shape = z.object({ n: z.number().int().min(1) }).strict();

  it('round-trips a value as base64url', () => {
    const cursor = encodeCursor({ n: 40 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, Shape)).toEqual({ n: 40 });
  });

  it.each(['***', 'bm90IGpzb24', encodeCursor({ n: -1 }), encodeCursor({ n: 1, extra: true }), 'a'.repeat(600)])(
    'refuses %s with 400 VALIDATION_FAILED on cursor',
    (bad) => {
      expect(() => decodeCursor(bad, Shape)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
    },
  );
});

describe('estimateRoute', () => {
  it('adds a detour to the straight line and uses a speed per mode, with waiting time for transit', () => {
    const from = { lat: 30.5, lng: 114.3 };
    const to = { lat: 30.6, lng: 114.3 };
    const line = haversineMeters(from, to);
    const walking = estimateRoute(from, to, 'walking');
    expect(walking).toEqual({ distanceMeters: Math.round(line * 1.3), durationSeconds: Math.round((line * 1.3) / (4.5 / 3.6)), provider: 'estimate', mode: 'walking' });
    const transit = estimateRoute(from, to, 'transit');
    expect(transit.durationSeconds).toBe(Math.round(((line * 1.4) / 18) * 3.6 + 600));
    expect(estimateRoute(from, from, 'transit')).toMatchObject({ distanceMeters: 0, durationSeconds: 0 });
  });
});

describe('parseAmapRoute', () => {
  it('reads route.paths for walking and driving, transits for transit, data.paths for riding', () => {
    expect(parseAmapRoute('walking', { status: '1', route: { paths: [{ distance: '100', duration: '80' }] } })).toEqual({ distanceMeters: 100, durationSeconds: 80 });
    expect(parseAmapRoute('transit', { status: '1', route: { transits: [{ distance: '900', duration: '700' }] } })).toEqual({ distanceMeters: 900, durationSeconds: 700 });
    expect(parseAmapRoute('riding', { errcode: 0, data: { paths: [{ distance: 50, duration: 20 }] } })).toEqual({ distanceMeters: 50, durationSeconds: 20 });
  });

  it('answers null for an error status, an empty route or unreadable numbers', () => {
    expect(parseAmapRoute('walking', { status: '0', info: 'INVALID_USER_KEY' })).toBeNull();
    expect(parseAmapRoute('transit', { status: '1', route: { transits: [] } })).toBeNull();
    expect(parseAmapRoute('riding', { errcode: 30001, data: {} })).toBeNull();
    expect(parseAmapRoute('driving', { status: '1', route: { paths: [{ distance: 'x', duration: '1' }] } })).toBeNull();
    expect(parseAmapRoute('driving', null)).toBeNull();
  });
});
