import type { Db } from 'mongodb';
import type { FollowTargetType } from '../contracts/tributes.js';
import { MartyrRepository, SiteRepository } from '../sites/repository.js';

/** What a tribute or a follow is addressed to: a site, or a martyr (always with the martyr's site). */
export interface TributeTarget {
  type: FollowTargetType;
  siteId: string;
  siteName: string;
  /** Whether new tributes are taken (the site is published); closed sites still show their walls. */
  open: boolean;
  martyrId?: string;
  martyrName?: string;
}

export type TargetRef = { siteId: string } | { martyrId: string };

export function targetRefOf(target: TributeTarget): TargetRef {
  return target.martyrId ? { martyrId: target.martyrId } : { siteId: target.siteId };
}

export function targetIdOf(target: TributeTarget): string {
  return target.martyrId ?? target.siteId;
}

/**
 * Looks sites and martyrs up through the sites domain's repositories and keeps their `tributeCount`
 * fields. Lookups are cached per instance for a few seconds: a hot site on Qingming takes thousands of
 * tributes a minute, and a site's name or status changing is seen within `cacheMs`.
 */
export class TributeTargets {
  readonly sites: SiteRepository;
  readonly martyrs: MartyrRepository;
  private readonly cache = new Map<string, { at: number; target: TributeTarget | null }>();

  constructor(
    db: Db,
    private readonly now: () => Date,
    private readonly cacheMs = 5000,
  ) {
    this.sites = new SiteRepository(db);
    this.martyrs = new MartyrRepository(db);
  }

  /** The target as the public may see it (draft sites and their martyrs are unknown): null when unknown. */
  async find(ref: TargetRef): Promise<TributeTarget | null> {
    const key = 'martyrId' in ref ? `martyr:${ref.martyrId}` : `site:${ref.siteId}`;
    const nowMs = this.now().getTime();
    const hit = this.cache.get(key);
    if (hit && nowMs - hit.at < this.cacheMs) return hit.target;
    const target = await this.load(ref);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { at: nowMs, target });
    return target;
  }

  private async load(ref: TargetRef): Promise<TributeTarget | null> {
    if ('martyrId' in ref) {
      const martyr = await this.martyrs.findById(ref.martyrId);
      if (!martyr) return null;
      const site = await this.sites.findById(martyr.siteId);
      if (!site || site.status === 'draft') return null;
      return { type: 'martyr', siteId: site.id, siteName: site.name, open: site.status === 'published', martyrId: martyr.id, martyrName: martyr.name };
    }
    const site = await this.sites.findById(ref.siteId);
    if (!site || site.status === 'draft') return null;
    return { type: 'site', siteId: site.id, siteName: site.name, open: site.status === 'published' };
  }

  /** Adds `n` to the `tributeCount` shown on the site (and on the martyr, for a martyr's tribute). */
  async addToDocuments(target: Pick<TributeTarget, 'siteId' | 'martyrId'>, n: number): Promise<void> {
    await Promise.all([
      this.sites.incrementTributeCount(target.siteId, n),
      target.martyrId ? this.martyrs.incrementTributeCount(target.martyrId, n) : Promise.resolve(true),
    ]);
  }
}
