import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SITE_CATEGORIES, SITE_LEVELS } from '../../src/contracts/sites.js';
import { siteListBody, siteListJson } from '../../src/sites/responses.js';
import type { ListedSite } from '../../src/sites/service.js';

/** Text with what JSON must escape: quotes, backslashes, control characters, lone surrogates, CJK. */
const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', '烈', '士', 'é'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 20 });

const site = fc.record({
  id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 }),
  code: text,
  name: text,
  sortKey: text,
  level: fc.constantFrom(...SITE_LEVELS),
  category: fc.constantFrom(...SITE_CATEGORIES),
  district: text,
  address: text,
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
  sample: fc.boolean(),
});

const listed: fc.Arbitrary<ListedSite> = fc.record(
  { site, distanceMeters: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e7, noNaN: true })), openNow: fc.boolean() },
  { requiredKeys: ['site'] },
);

describe('GET /sites serialisation from cached parts', () => {
  it('is byte for byte JSON.stringify of the response shape, for any sites, with or without cursor', () => {
    fc.assert(
      fc.property(fc.array(listed, { maxLength: 25 }), fc.option(text, { nil: undefined }), (items, nextCursor) => {
        const page = { items, ...(nextCursor ? { nextCursor } : {}) };
        // Twice: the second time every row's fixed part comes from the cache.
        expect(siteListJson(page)).toBe(JSON.stringify(siteListBody(page)));
        expect(siteListJson(page)).toBe(JSON.stringify(siteListBody(page)));
      }),
      { numRuns: 500 },
    );
  });
});
