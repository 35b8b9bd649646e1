import { describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
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
      // Due for a check: answered from the snapshot in hand while the one check runs…
      expect(await index.current()).toBe(first);
      // …and the next requests get the rebuilt one.
      let second = first;
      await vi.waitFor(async () => {
        second = await index.current();
        expect(second.compact.items.map((i) => i.name)).toEqual(['A', 'B']);
      });
      expect(second.etag).not.toBe(first.etag);

      clock = 2500;
      expect(await index.current()).toBe(second); // checked, unchanged: same snapshot
    } finally {
      await db.dropDatabase().catch(() => {});
      await client.close();
    }
  });

  it('does not hold requests behind a slow check, but waits for it after a quiet spell longer than three intervals', async () => {
    const client = new MongoClient(inject('mongoUri'));
    const db = client.db(uniqueName('idx'));
    try {
      await ensureSiteIndexes(db);
      const repo = new SiteRepository(db);
      await repo.insert({ code: 'A', name: 'A', level: 'county', category: 'monument', district: '测试区', address: '测试', location: { lat: 30, lng: 114 }, status: 'published' }, new Date());
      let release: () => void = () => {};
      let slow = false;
      const stamp = repo.getVersionStamp.bind(repo);
      repo.getVersionStamp = async () => {
        if (slow) await new Promise<void>((r) => (release = r));
        return stamp();
      };
      let clock = 0;
      const index = new PublishedSiteIndex(repo, 1000, undefined, () => clock);
      const first = await index.current();

      slow = true;
      clock = 2999;
      expect(await index.current()).toBe(first); // the check hangs; the answer does not
      expect(await index.current()).toBe(first);
      release();
      await vi.waitFor(() => expect(slow && index['checkedAt']).toBe(2999));

      clock = 2999 + 3000; // a quiet spell: this request waits for the (slow) check
      let answered = false;
      const waiting = index.current().then((s) => ((answered = true), s));
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      release();
      expect(await waiting).toBe(first);
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

  describe('the index saved for new instances', () => {
    const site = (code: string) => ({ code, name: code, level: 'county' as const, category: 'monument' as const, district: '测试区', address: '测试', location: { lat: 30, lng: 114 }, status: 'published' as const });
    async function withDb(body: (db: Db, repo: SiteRepository) => Promise<void>): Promise<void> {
      const client = new MongoClient(inject('mongoUri'));
      const db = client.db(uniqueName('idx'));
      try {
        await ensureSiteIndexes(db);
        await body(db, new SiteRepository(db));
      } finally {
        await db.dropDatabase().catch(() => {});
        await client.close();
      }
    }
    const saved = (db: Db) => db.collection<{ _id: string; version?: string; format?: string; sites?: string }>('site_meta').findOne({ _id: 'published-index' });

    it('is saved by the first instance, and a new instance builds from it without reading the sites', async () => {
      await withDb(async (db, repo) => {
        await repo.insert(site('A'), new Date());
        await repo.insert(site('B'), new Date());
        const first = await new PublishedSiteIndex(repo, 1000).current();
        await vi.waitFor(async () => expect((await saved(db))?.version).toBe(first.version));

        // What the next instance builds from is the saved index: mark it to tell (the sites say A, B).
        const doc = (await saved(db))!;
        const marked = (JSON.parse(doc.sites!) as Array<{ name: string }>).map((s) => ({ ...s, name: `${s.name}（已保存）` }));
        await db.collection('site_meta').updateOne({ _id: 'published-index' as never }, { $set: { sites: JSON.stringify(marked) } });
        const next = await new PublishedSiteIndex(repo, 1000).current();
        expect(next.compact.items.map((i) => i.name)).toEqual(['A（已保存）', 'B（已保存）']);
        expect(next.version).toBe(first.version);
        expect(next.geo.nearest(30, 114, 1)).toHaveLength(1);
      });
    });

    it('is not used once the sites changed: a new instance reads the sites and saves the current version', async () => {
      await withDb(async (db, repo) => {
        await repo.insert(site('A'), new Date());
        const first = await new PublishedSiteIndex(repo, 1000).current();
        await vi.waitFor(async () => expect((await saved(db))?.version).toBe(first.version));

        await repo.insert(site('B'), new Date());
        const next = await new PublishedSiteIndex(repo, 1000).current();
        expect(next.compact.items.map((i) => i.name)).toEqual(['A', 'B']);
        expect(next.version).not.toBe(first.version);
        await vi.waitFor(async () => expect((await saved(db))?.version).toBe(next.version));
        expect((JSON.parse((await saved(db))!.sites!) as Array<{ name: string }>).map((s) => s.name)).toEqual(['A', 'B']);
      });
    });

    it('is saved again by a running instance that rebuilt after the sites changed', async () => {
      await withDb(async (db, repo) => {
        await repo.insert(site('A'), new Date());
        let clock = 0;
        const running = new PublishedSiteIndex(repo, 1000, undefined, () => clock);
        const first = await running.current();
        await vi.waitFor(async () => expect((await saved(db))?.version).toBe(first.version));

        await repo.insert(site('B'), new Date());
        clock = 1000;
        let rebuilt = first;
        await vi.waitFor(async () => {
          rebuilt = await running.current();
          expect(rebuilt.version).not.toBe(first.version);
        });
        // No new instance has started: the running one saved what it rebuilt.
        await vi.waitFor(async () => expect((await saved(db))?.version).toBe(rebuilt.version));
        expect((JSON.parse((await saved(db))!.sites!) as Array<{ name: string }>).map((s) => s.name)).toEqual(['A', 'B']);
        expect(await repo.getSavedIndexVersion()).toBe(rebuilt.version);
      });
    });

    it('is ignored when it does not parse or was saved in another format, and replaced', async () => {
      await withDb(async (db, repo) => {
        await repo.insert(site('A'), new Date());
        const version = await repo.getVersionStamp();
        await new PublishedSiteIndex(repo, 1000).current();
        await vi.waitFor(async () => expect((await saved(db))?.format).toMatch(/^1:code,name,sortKey,/));
        const format = (await saved(db))!.format;
        // Unreadable, not a list, or saved by code that indexed other fields.
        for (const bad of [{ sites: '[{"name":', format }, { sites: '{"name":"X"}', format }, { sites: '[{"name":"X"}]', format: '1:code,name' }, { sites: '[{"name":"X"}]', format: 1 }]) {
          await db.collection('site_meta').replaceOne({ _id: 'published-index' as never }, { version, ...bad }, { upsert: true });
          const built = await new PublishedSiteIndex(repo, 1000).current();
          expect(built.compact.items.map((i) => i.name)).toEqual(['A']);
          await vi.waitFor(async () => expect(JSON.parse((await saved(db))!.sites!)).toEqual([expect.objectContaining({ name: 'A' })]));
          expect((await saved(db))?.format).toBe(format);
        }
      });
    });

    it('is not saved when it is too big; new instances then read the sites', async () => {
      await withDb(async (db, repo) => {
        await repo.insert(site('A'), new Date());
        const sites = await repo.listPublishedForIndex();
        expect(await repo.saveIndex(await repo.getVersionStamp(), sites, 10)).toBe(false);
        expect(await saved(db)).toBeNull();
        expect(await repo.saveIndex(await repo.getVersionStamp(), sites)).toBe(true);
        expect((await saved(db))?.format).toMatch(/^1:code,name,sortKey,/);
      });
    });
  });
});
