import { z } from 'zod';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { MartyrRepository, type Martyr, type NewMartyr } from './martyr-repository.js';
import type { Site } from './repository.js';
import type { SiteService } from './service.js';

const IdCursor = z.object({ a: z.string().regex(/^[0-9a-f]{24}$/) }).strict();

export interface MartyrPage {
  items: Array<{ martyr: Martyr; siteName?: string }>;
  nextCursor?: string;
}

/** Martyrs (英名录): public reading, and adding martyrs to a site (seed, import). */
export class MartyrService {
  /** The repository, for domains that need raw access (tribute counters). */
  readonly repository: MartyrRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly sites: SiteService,
  ) {
    this.repository = new MartyrRepository(ctx.db);
  }

  /** The martyr whatever the site's status (managers, other domains); throws 404 NOT_FOUND when unknown. */
  async getMartyr(id: string): Promise<Martyr> {
    const martyr = await this.repository.findById(id);
    if (!martyr) throw notFound('烈士信息');
    return martyr;
  }

  /** The martyr and the site as the public may see them; 404 when unknown or the site is a draft. */
  async getPublicMartyr(id: string): Promise<{ martyr: Martyr; site: Site }> {
    const martyr = await this.getMartyr(id);
    const site = await this.sites.repository.findById(martyr.siteId);
    if (!site || site.status === 'draft') throw notFound('烈士信息');
    return { martyr, site };
  }

  /** GET /sites/:id/martyrs: the site must be public (404 otherwise); `q` matches name or hometown. */
  async listForSite(siteId: string, q: string | undefined, cursor: string | undefined, limit: number): Promise<MartyrPage> {
    const site = await this.sites.getPublicSite(siteId);
    const after = cursor !== undefined ? decodeCursor(cursor, IdCursor).a : undefined;
    const found = await this.repository.listBySite(site.id, q, after, limit + 1);
    return this.page(found, limit, () => undefined);
  }

  /** GET /martyrs: across the published sites; each item carries its site's name. */
  async search(q: string | undefined, cursor: string | undefined, limit: number): Promise<MartyrPage> {
    const after = cursor !== undefined ? decodeCursor(cursor, IdCursor).a : undefined;
    const published = await this.sites.publishedIndex();
    const found = await this.repository.search(q, [...published.byId.keys()], after, limit + 1);
    return this.page(found, limit, (m) => published.byId.get(m.siteId)?.name);
  }

  /** Adds a martyr to an existing site and counts it on the site; 404 when the site is unknown. */
  async addMartyr(input: NewMartyr): Promise<Martyr> {
    const site = await this.sites.getSite(input.siteId);
    const martyr = await this.repository.insert({ ...input, siteId: site.id }, this.ctx.now());
    await this.sites.repository.incrementMartyrCount(site.id, 1);
    return martyr;
  }

  /** Adds several martyrs to one existing site (seed, import) and counts them on it; 404 when the site is unknown. */
  async addMartyrs(siteId: string, inputs: ReadonlyArray<Omit<NewMartyr, 'siteId'>>): Promise<Martyr[]> {
    const site = await this.sites.getSite(siteId);
    const martyrs = await this.repository.insertMany(
      inputs.map((input) => ({ ...input, siteId: site.id })),
      this.ctx.now(),
    );
    if (martyrs.length > 0) await this.sites.repository.incrementMartyrCount(site.id, martyrs.length);
    return martyrs;
  }

  private page(found: Martyr[], limit: number, siteName: (m: Martyr) => string | undefined): MartyrPage {
    const items = found.slice(0, limit).map((martyr) => {
      const name = siteName(martyr);
      return name === undefined ? { martyr } : { martyr, siteName: name };
    });
    return found.length > limit ? { items, nextCursor: encodeCursor({ a: items.at(-1)!.martyr.id }) } : { items };
  }
}
