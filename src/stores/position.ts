import type { LocationFailure } from '@/platform/location';
import type { LatLng } from '@/types/api';

/** Where the user is taken to be, and why. */
export interface KnownPosition {
  point: LatLng;
  source: 'device' | 'fallback' | 'district';
  /** District name when picked by hand. */
  district?: string;
  /** Why the device position was not used, for a fallback. */
  failure?: LocationFailure;
  at: number;
}

const FRESH_MS = 2 * 60_000;
let last: KnownPosition | null = null;

/**
 * The position found on one page is reused by the next (site detail needs it for routes) instead of
 * asking the device again; after two minutes it is read afresh.
 */
export const positionStore = {
  fresh(now = Date.now()): KnownPosition | null {
    return last && now - last.at < FRESH_MS ? last : null;
  },
  remember(position: KnownPosition): void {
    last = position;
  },
  forget(): void {
    last = null;
  },
};
