import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { SiteIndex } from '../contracts/sites.js';
import { GeoIndex } from './geo.js';
import type { IndexedSite, SiteRepository } from './repository.js';

/** One built generation of the published-site index. */
export interface PublishedSnapshot {
  /** The version stamp the snapshot was built from (see `SiteRepository.getVersionStamp`). */
  version: string;
  geo: GeoIndex<IndexedSite>;
  byId: ReadonlyMap<string, IndexedSite>;
  /** The compact offline index (GET /sites/index) and its strong ETag (a hash of its bytes). */
  compact: SiteIndex;
  compactJson: string;
  etag: string;
}

function buildSnapshot(version: string, sites: IndexedSite[]): PublishedSnapshot {
  const compact: SiteIndex = {
    version,
    items: sites.map((s) => ({ id: s.id, name: s.name, level: s.level, category: s.category, district: s.district, lat: s.lat, lng: s.lng })),
  };
  const compactJson = JSON.stringify(compact);
  const etag = `"${createHash('sha256').update(compactJson).digest('base64url').slice(0, 32)}"`;
  return { version, geo: new GeoIndex(sites), byId: new Map(sites.map((s) => [s.id, s])), compact, compactJson, etag };
}

/**
 * The in-memory index of published sites for one function instance: built on first use (from the
 * index an instance saved for the current version, when there is one), and rebuilt
 * when the repository's version stamp changes. The stamp is read at most once per `checkIntervalMs`,
 * so a new published site shows up within that interval (plus one check and rebuild).
 *
 * When a check falls due, requests keep being answered from the snapshot in hand while the one check
 * runs (a slow stamp read must not stall every request of a busy instance), as long as the snapshot
 * was confirmed less than `STALE_INTERVALS` intervals ago; after a longer quiet spell, the first
 * request waits for the check.
 */
const STALE_INTERVALS = 3;

export class PublishedSiteIndex {
  private snapshot: PublishedSnapshot | null = null;
  private checkedAt = 0;
  private pending: Promise<PublishedSnapshot> | null = null;

  constructor(
    private readonly repo: SiteRepository,
    private readonly checkIntervalMs: number,
    private readonly logger?: Logger,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The current snapshot, refreshed first if the interval has passed and the sites changed. */
  async current(): Promise<PublishedSnapshot> {
    const age = this.clock() - this.checkedAt;
    if (this.snapshot && age < this.checkIntervalMs) return this.snapshot;
    // One refresh at a time per instance; concurrent requests share it. With a snapshot in hand it
    // never rejects (see refresh), so leaving it running unawaited is safe.
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    if (this.snapshot && age < this.checkIntervalMs * STALE_INTERVALS) return this.snapshot;
    return this.pending;
  }

  private async refresh(): Promise<PublishedSnapshot> {
    const started = this.clock();
    try {
      return await this.rebuildIfChanged(started);
    } catch (error) {
      // With a snapshot in hand, a database hiccup serves the last known sites (retried next interval);
      // without one there is nothing to answer from.
      if (!this.snapshot) throw error;
      this.logger?.warn({ err: error }, 'site index refresh failed; serving the previous snapshot');
      this.checkedAt = started;
      return this.snapshot;
    }
  }

  private async rebuildIfChanged(started: number): Promise<PublishedSnapshot> {
    if (!this.snapshot) return this.firstBuild(started);
    const version = await this.repo.getVersionStamp();
    if (this.snapshot && this.snapshot.version === version) {
      this.checkedAt = started;
      return this.snapshot;
    }
    const sites = await this.repo.listPublishedForIndex();
    this.snapshot = buildSnapshot(version, sites);
    this.checkedAt = started;
    this.saveForNewInstances(version, sites, true);
    return this.snapshot;
  }

  /**
   * A new instance's first build: from the index an earlier instance saved when it is of the current
   * version (one read for the stamp and the saved index), else from the sites, then saved.
   */
  private async firstBuild(started: number): Promise<PublishedSnapshot> {
    const { version, saved } = await this.repo.getStampAndSavedIndex();
    if (saved?.version === version) {
      this.snapshot = buildSnapshot(version, saved.sites);
    } else {
      const sites = await this.repo.listPublishedForIndex();
      this.snapshot = buildSnapshot(version, sites);
      // What was saved is of another version, unreadable or missing: replaced without asking again.
      this.saveForNewInstances(version, sites, false);
    }
    this.checkedAt = started;
    return this.snapshot;
  }

  /**
   * Saves an index built from the sites for the instances that start next (with `unlessSaved`, only
   * when no instance has saved this version yet); never holds up an answer.
   */
  private saveForNewInstances(version: string, sites: IndexedSite[], unlessSaved: boolean): void {
    (async () => {
      if (!unlessSaved || (await this.repo.getSavedIndexVersion()) !== version) await this.repo.saveIndex(version, sites);
    })().catch((error: unknown) => this.logger?.warn({ err: error }, 'saving the site index for new instances failed'));
  }
}
