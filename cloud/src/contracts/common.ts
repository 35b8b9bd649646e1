/** A point in GCJ-02 (the coordinate system of WeChat maps and AMap) unless stated otherwise. */
export interface LatLng {
  lat: number;
  lng: number;
}

export type CoordSystem = 'gcj02' | 'wgs84' | 'bd09';

/** A page of results; `nextCursor` is present when more items follow. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
