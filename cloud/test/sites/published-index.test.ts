import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MongoClient } from 'mongodb';
import { uniqueName } from '../helpers.js';
import { PublishedSiteIndex } from '../../src/sites/published-index.js';
import { SiteRepository, ensureSiteIndexes } from '../../src/sites/repository.js';

describe('PublishedSiteIndex', () => {
  it('reads the version stamp at most once per interval and rebuilds only when it changed', async () => {
    const client = new MongoClient(inject('mongoUri'));
    const db = client.db(uniqueName('idx'));
    try {
      await ensureSiteIndexes(db);
      const repo = new SiteRepository(db);
      let clock = 0;
      const index = new PublishedSiteIndex(repo, 1000, undefined, () => clock);
      const site = (code: string) => ({ code, name: code, level: 'county' as const, category: 'monument' as const, district: '测试区', address: '测试', location: { lat: 30, lng: 114 }, status: 'published' as const });

      await repo.insert(site('A'), new Date());
      const first = await index.current();
      expect(first.compact.items.map((i) => i.name)).toEqual(['A']);

      await repo.insert(site('B'), new Date());
      clock = 999;
      expect(await index.current()).toBe(first); // inside the interval: not even checked
      clock = 1000;
      const second = await index.current();
      expect(second.compact.items.map((i) => i.name)).toEqual(['A', 'B']);
      expect(second.etag).not.toBe(first.etag);

      clock = 2500;
      expect(await index.current()).toBe(second); // checked, unchanged: same snapshot
    } finally {
      await db.dropDatabase().catch(() => {});
      await client.close();
    }
  });

  it('keeps serving the last snapshot when the database cannot be reached, and fails when it has none', async () => {
    const client = new MongoClient(inject('mongoUri'));
    const db = client.db(uniqueName('idx'));
    await ensureSiteIndexes(db);
    const repo = new SiteRepository(db);
    await repo.insert({ code: 'A', name: 'A', level: 'county', category: 'monument', district: '测试区', address: '测试', location: { lat: 30, lng: 114 }, status: 'published' }, new Date());
    let clock = 0;
    const index = new PublishedSiteIndex(repo, 1000, undefined, () => clock);
    const before = await index.current();
    const cold = new PublishedSiteIndex(repo, 1000, undefined, () => clock);
    await db.dropDatabase();
    await client.close();

    clock = 5000;
    expect(await index.current()).toBe(before);
    await expect(cold.current()).rejects.toThrow();
  });
});
