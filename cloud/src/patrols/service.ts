import type { LastPatrol, OverdueSite, Patrol, PatrolCondition } from '../contracts/admin.js';
import { PATROL_MAX_DISTANCE_METERS } from '../contracts/admin.js';
import type { LatLng } from '../contracts/common.js';
import type { AuditService } from '../audit/service.js';
import { newId } from '../db/ids.js';
import { AppError } from '../errors.js';
import type { FileService } from '../files/service.js';
import { assertSiteAccess, hasRole, STAFF_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { CoordSystem } from '../contracts/common.js';
import { haversineMeters } from '../sites/geo.js';
import type { MartyrService } from '../sites/martyr-service.js';
import type { Site, SiteFilter } from '../sites/repository.js';
import type { SiteService } from '../sites/service.js';
import { toGcj02 } from '../site-admin/coords.js';
import { shanghaiDate } from '../statistics/days.js';
import { PatrolRepository, type PatrolRecord } from './repository.js';

export interface PatrolInput {
  location: LatLng;
  coordSystem?: CoordSystem;
  martyrId?: string;
  condition: PatrolCondition;
  note?: string;
  photos: string[];
}

/**
 * What a patrol's position is checked against: the grave's own position when the patrol names a
 * martyr whose grave is located, else the custody plate, else the site's position.
 */
export function patrolReference(site: Pick<Site, 'location' | 'custody'>, grave?: LatLng): { reference: PatrolRecord['reference']; point: LatLng } {
  if (grave) return { reference: 'grave', point: grave };
  if (site.custody?.plateLocation) return { reference: 'plate', point: site.custody.plateLocation };
  return { reference: 'site', point: site.location };
}

/** Whole days between two instants (rounded down). */
export function daysSince(then: Date, now: Date): number {
  return Math.floor((now.getTime() - then.getTime()) / 86_400_000);
}

export interface PatrolDeps {
  sites: SiteService;
  martyrs: MartyrService;
  files: FileService;
  audit: AuditService;
}

/** Custody patrols of scattered graves: logged by staff with position (checked) and photos. */
export class PatrolService {
  readonly repository: PatrolRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: PatrolDeps,
  ) {
    this.repository = new PatrolRepository(ctx.db);
  }

  /** Logs a patrol at one of the caller's sites, recording (and flagging) its distance from the grave. */
  async create(caller: Caller, siteId: string, input: PatrolInput): Promise<PatrolRecord> {
    const site = await this.deps.sites.getSite(siteId);
    assertSiteAccess(caller, site.id, STAFF_ROLES);
    let grave: LatLng | undefined;
    if (input.martyrId) {
      const martyr = await this.deps.martyrs.repository.findById(input.martyrId);
      if (!martyr || martyr.siteId !== site.id) {
        throw new AppError('VALIDATION_FAILED', '该烈士不属于此纪念设施', { details: [{ path: 'martyrId', message: '烈士不属于此纪念设施' }] });
      }
      grave = martyr.graveLocation;
    }
    const id = newId();
    if (input.photos.length > 0) await this.deps.files.assertAttachable(input.photos, caller.id, { type: 'patrol', id });
    const location = toGcj02(input.location, input.coordSystem ?? 'gcj02');
    const { reference, point } = patrolReference(site, grave);
    const distanceMeters = Math.round(haversineMeters(location, point));
    const at = this.ctx.now();
    const record = await this.repository.insert(id, {
      siteId: site.id,
      ...(input.martyrId ? { martyrId: input.martyrId } : {}),
      at,
      day: shanghaiDate(at),
      by: { id: caller.id, name: caller.username ?? caller.id },
      location,
      reference,
      distanceMeters,
      flagged: distanceMeters > PATROL_MAX_DISTANCE_METERS,
      condition: input.condition,
      ...(input.note ? { note: input.note } : {}),
      photos: [...new Set(input.photos)],
    });
    if (record.photos.length > 0) {
      await this.deps.files.attach(record.photos, caller.id, { purpose: 'patrol_photo', context: { type: 'patrol', id }, siteId: site.id });
    }
    await this.deps.audit.record({
      actor: caller,
      action: 'patrol.create',
      targetType: 'patrol',
      targetId: id,
      siteId: site.id,
      after: { condition: record.condition, distanceMeters, reference, flagged: record.flagged, photos: record.photos.length },
      ...(record.flagged ? { note: `巡查位置距${reference === 'grave' ? '墓位' : reference === 'plate' ? '管护牌' : '设施'} ${distanceMeters} 米` } : {}),
    });
    return record;
  }

  async list(caller: Caller, siteId: string, beforeId: string | undefined, limit: number): Promise<{ items: PatrolRecord[]; nextCursor?: string }> {
    const site = await this.deps.sites.getSite(siteId);
    assertSiteAccess(caller, site.id, STAFF_ROLES);
    const found = await this.repository.listBySite(site.id, beforeId, limit + 1);
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
  }

  async last(siteId: string): Promise<LastPatrol | undefined> {
    const p = await this.repository.lastForSite(siteId);
    return p ? { id: p.id, at: p.at.toISOString(), by: p.by.name, condition: p.condition, distanceMeters: p.distanceMeters, flagged: p.flagged } : undefined;
  }

  /**
   * Scattered graves in the caller's care (admins: all) not patrolled within `days` days, never-patrolled
   * first, then the longest overdue. Closed sites are left out.
   */
  async overdue(caller: Caller, days: number): Promise<OverdueSite[]> {
    const filter: SiteFilter = { category: 'scattered_grave', status: ['draft', 'published'] };
    if (!hasRole(caller, ['admin'])) filter.ids = caller.siteIds;
    const sites: Site[] = [];
    for (let after: string | undefined; ; ) {
      const batch = await this.deps.sites.repository.list(filter, after, 500);
      sites.push(...batch);
      if (batch.length < 500) break;
      after = batch.at(-1)!.sortKey;
    }
    const last = await this.repository.lastPatrolTimes(sites.map((s) => s.id));
    const now = this.ctx.now();
    const out: OverdueSite[] = [];
    for (const site of sites) {
      const at = last.get(site.id);
      const since = at ? daysSince(at, now) : undefined;
      if (since !== undefined && since < days) continue;
      out.push({
        id: site.id,
        code: site.code,
        name: site.name,
        district: site.district,
        category: site.category,
        ...(at ? { lastPatrolAt: at.toISOString(), daysSince: since } : {}),
      });
    }
    return out.sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity));
  }

  toView(p: PatrolRecord): Patrol {
    return {
      id: p.id,
      siteId: p.siteId,
      ...(p.martyrId ? { martyrId: p.martyrId } : {}),
      at: p.at.toISOString(),
      by: p.by,
      location: p.location,
      reference: p.reference,
      distanceMeters: p.distanceMeters,
      flagged: p.flagged,
      condition: p.condition,
      ...(p.note ? { note: p.note } : {}),
      photos: p.photos.map((id) => ({ id, url: this.deps.files.link(id).url })),
    };
  }
}
