import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { LatLng } from '../contracts/common.js';
import type { OpeningHours } from '../contracts/sites.js';

/** Mean Earth radius used by geokdbush, so that our distances order exactly like its search. */
export const EARTH_RADIUS_M = 6_371_000;
const RAD = Math.PI / 180;

/** Haversine term (0…1) of two points: monotonic in the great-circle distance, cheap to compare. */
function haversineTerm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLng = Math.sin(((lng2 - lng1) * RAD) / 2);
  return sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLng * sinDLng;
}

function termToMeters(h: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Great-circle distance in metres between two points (same datum on both sides). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  return termToMeters(haversineTerm(a.lat, a.lng, b.lat, b.lng));
}

/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Weekday (1 = Monday … 7 = Sunday) and minutes since midnight of `at` in Asia/Shanghai. */
export function shanghaiClock(at: Date): { weekday: number; minutes: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay();
  return { weekday: day === 0 ? 7 : day, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

function toMinutes(hhmm: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/**
 * Whether a site with these hours is open at `at` (Asia/Shanghai). Closed weekdays apply to the day
 * the opening starts; hours that cross midnight (close ≤ open) are read as overnight. Unparseable
 * hours count as closed so that "open now" never promises too much.
 */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const open = toMinutes(hours.open);
  const close = toMinutes(hours.close);
  if (open === null || close === null) return false;
  const { weekday, minutes } = shanghaiClock(at);
  const closedOn = (day: number) => (hours.closedWeekdays ?? []).includes(day);
  if (open === close) return !closedOn(weekday); // round the clock
  if (open < close) return !closedOn(weekday) && minutes >= open && minutes < close;
  // Overnight: the evening part belongs to today, the early-morning part to yesterday's opening.
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (minutes >= open && !closedOn(weekday)) || (minutes < close && !closedOn(yesterday));
}

/** A point with a position (GCJ-02). */
export interface Positioned {
  lat: number;
  lng: number;
}

export interface Neighbour<T> {
  item: T;
  distanceMeters: number;
}

/**
 * A static k-d tree (kdbush) over items, queried with geokdbush's great-circle k-nearest search.
 * Built once; rebuild a new one when the items change.
 */
export class GeoIndex<T extends Positioned> {
  readonly items: readonly T[];
  private readonly tree: KDBush;

  constructor(items: readonly T[], nodeSize = 64) {
    this.items = items;
    this.tree = new KDBush(Math.max(items.length, 1), nodeSize);
    for (const item of items) this.tree.add(item.lng, item.lat);
    // kdbush refuses to finish an empty index, so an empty one holds one point that `around` never reports.
    if (items.length === 0) this.tree.add(0, 0);
    this.tree.finish();
  }

  get size(): number {
    return this.items.length;
  }

  /** The `k` items nearest to (lat, lng) that pass `accept`, nearest first, with great-circle distances. */
  nearest(lat: number, lng: number, k: number, accept?: (item: T) => boolean): Array<Neighbour<T>> {
    if (this.items.length === 0 || k <= 0) return [];
    const items = this.items;
    const ids = around(this.tree, lng, lat, k, Infinity, accept ? (i) => accept(items[i]!) : undefined);
    return ids.map((i) => {
      const item = items[i]!;
      return { item, distanceMeters: termToMeters(haversineTerm(lat, lng, item.lat, item.lng)) };
    });
  }
}

/**
 * The same answer as `GeoIndex.nearest` by scanning every item (O(n) per query): the baseline for the
 * benchmark and the oracle for tests.
 */
export function nearestByScan<T extends Positioned>(
  items: readonly T[],
  lat: number,
  lng: number,
  k: number,
  accept?: (item: T) => boolean,
): Array<Neighbour<T>> {
  if (k <= 0) return [];
  // Bounded sorted buffer of the best k so far; insertion is cheap for the small k used here.
  const best: Array<{ item: T; h: number }> = [];
  for (const item of items) {
    if (accept && !accept(item)) continue;
    const h = haversineTerm(lat, lng, item.lat, item.lng);
    if (best.length === k && h >= best[k - 1]!.h) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length === k) best.pop();
    while (at > 0 && best[at - 1]!.h > h) at--;
    best.splice(at, 0, { item, h });
  }
  return best.map(({ item, h }) => ({ item, distanceMeters: termToMeters(h) }));
}
