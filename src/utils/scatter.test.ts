import { describe, expect, it } from 'vitest';
import { haversineMeters } from './geo';
import { layoutScatter } from './scatter';

const center = { lat: 30.5928, lng: 114.3055 };

describe('layoutScatter', () => {
  it('puts a site east of the centre to the right and one north of it above, inside the box', () => {
    const layout = layoutScatter(
      [
        { id: 'east', name: 'E', lat: center.lat, lng: center.lng + 0.05 },
        { id: 'north', name: 'N', lat: center.lat + 0.03, lng: center.lng },
      ],
      center,
      10,
      0.6,
    );
    const east = layout.points.find((p) => p.id === 'east')!;
    const north = layout.points.find((p) => p.id === 'north')!;
    expect(east.x).toBeGreaterThan(50);
    expect(east.y).toBeCloseTo(50, 5);
    expect(north.y).toBeLessThan(50);
    expect(north.x).toBeCloseTo(50, 5);
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThanOrEqual(5);
      expect(p.x).toBeLessThanOrEqual(95);
      expect(p.y).toBeGreaterThanOrEqual(5);
      expect(p.y).toBeLessThanOrEqual(95);
    }
  });

  it('draws only the nearest sites and reports the farthest one drawn', () => {
    const sites = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, lat: center.lat + i * 0.01, lng: center.lng }));
    const layout = layoutScatter(sites, center, 5, 0.6);
    expect(layout.points.map((p) => p.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(layout.farthestMeters).toBeCloseTo(haversineMeters(center, sites[4]!), 6);
  });
});
