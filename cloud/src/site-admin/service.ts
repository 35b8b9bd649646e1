import type { LastPatrol } from '../contracts/admin.js';
import type { CoordSystem, LatLng } from '../contracts/common.js';
import type { AuditEntry, AuditQuery, AuditService } from '../audit/service.js';
import { diffChanges } from '../audit/service.js';
import { isDuplicateKey } from '../db/connection.js';
import { newId } from '../db/ids.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { FileService } from '../files/service.js';
import { assertSiteAccess, hasRole, MANAGER_ROLES, STAFF_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import { decodeCursor, encodeCursor } from '../sites/cursor.js';
import type { MartyrService } from '../sites/martyr-service.js';
import type { Martyr, MartyrPatch, NewMartyr } from '../sites/martyr-repository.js';
import type { CustodyRecord, NewSite, Site, SiteFilter, SitePatch } from '../sites/repository.js';
import type { SiteService } from '../sites/service.js';
import { z } from 'zod';
import { toGcj02 } from './coords.js';
import { MartyrCodeRepository } from './martyr-codes.js';
import { martyrAuditView, siteAuditView } from './views.js';

/** The outcome of writing one record from an import row. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** A site as submitted (POST body or import row): coordinates in `coordSystem`. */
export type SiteInput = Omit<NewSite, 'sample'> & { coordSystem?: CoordSystem };

/** A site patch as submitted: coordinates in `coordSystem`. */
export type SitePatchInput = SitePatch & { coordSystem?: CoordSystem };

export type MartyrInput = Omit<NewMartyr, 'siteId' | 'sample'> & { coordSystem?: CoordSystem };

export type MartyrPatchInput = MartyrPatch & { coordSystem?: CoordSystem };

const KeyCursor = z.object({ k: z.string().min(1).max(200) }).strict();

/** A copy of `record` with `patch` applied (`null` removes a field, `undefined` leaves it). */
export function applyPatch<T extends object>(record: T, patch: object): T {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

function convertCustody(custody: CustodyRecord | null | undefined, system: CoordSystem): CustodyRecord | null | undefined {
  if (!custody?.plateLocation) return custody;
  return { ...custody, plateLocation: toGcj02(custody.plateLocation, system) };
}

function convertPoint(point: LatLng | null | undefined, system: CoordSystem): LatLng | null | undefined {
  return point ? toGcj02(point, system) : point;
}

/** Drops keys whose value is undefined, so that stored documents and comparisons stay tidy. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function assertAdmin(caller: Caller): void {
  if (!hasRole(caller, ['admin'])) throw forbidden('仅管理员可执行此操作');
}

function staleError(currentVersion: number, what: string): AppError {
  return new AppError('CONFLICT', `该${what}已被他人修改（当前版本 ${currentVersion}），请刷新后再编辑`, { details: { currentVersion } });
}

export interface SiteAdminDeps {
  sites: SiteService;
  martyrs: MartyrService;
  audit: AuditService;
  files: FileService;
  /** The last custody patrol of a site, shown with its record. */
  lastPatrol(siteId: string): Promise<LastPatrol | undefined>;
}

/**
 * The manager console's writes on sites and martyrs (一处一档): optimistic concurrency on every edit,
 * coordinates converted to GCJ-02 on input, and every change in the audit log with before and after.
 */
export class SiteAdminService {
  private readonly codes: MartyrCodeRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: SiteAdminDeps,
  ) {
    this.codes = new MartyrCodeRepository(ctx.db);
  }

  // ---- sites -------------------------------------------------------------------------------------

  /** Sites the caller looks after (admins: all), in level-then-code order. */
  async listSites(caller: Caller, filter: Omit<SiteFilter, 'ids'>, cursor: string | undefined, limit: number): Promise<{ items: Site[]; nextCursor?: string }> {
    const scoped: SiteFilter = hasRole(caller, ['admin']) ? filter : { ...filter, ids: caller.siteIds };
    const after = cursor !== undefined ? decodeCursor(cursor, KeyCursor).k : undefined;
    const found = await this.deps.sites.repository.list(scoped, after, limit + 1);
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: encodeCursor({ k: items.at(-1)!.sortKey }) } : { items };
  }

  /** A site's full record with its last patrol, for staff of the site and up. */
  async getSite(caller: Caller, id: string): Promise<{ site: Site; lastPatrol?: LastPatrol }> {
    const site = await this.deps.sites.getSite(id);
    assertSiteAccess(caller, site.id, STAFF_ROLES);
    return { site, lastPatrol: await this.deps.lastPatrol(site.id) };
  }

  /** POST /admin/sites (admins): 409 when the code is taken. */
  async createSite(caller: Caller, input: SiteInput): Promise<Site> {
    assertAdmin(caller);
    const newPhotos = input.photos ?? [];
    if (newPhotos.length > 0) await this.deps.files.assertAttachable(newPhotos, caller.id, { type: 'site', id: 'new' });
    const site = await this.deps.sites.createSite(this.siteFromInput(input));
    if (newPhotos.length > 0) await this.attachPhotos(caller, site.id, newPhotos);
    await this.deps.audit.record({ actor: caller, action: 'site.create', targetType: 'site', targetId: site.id, siteId: site.id, before: null, after: siteAuditView(site) });
    return site;
  }

  /**
   * PATCH /admin/sites/:id (admins, the site's managers) when `expectedVersion` is current. A patch
   * that changes nothing writes nothing and keeps the version.
   */
  async updateSite(caller: Caller, id: string, expectedVersion: number, input: SitePatchInput): Promise<Site> {
    const before = await this.deps.sites.getSite(id);
    assertSiteAccess(caller, before.id, MANAGER_ROLES);
    if (before.version !== expectedVersion) throw staleError(before.version, '纪念设施');
    const patch = this.patchFromInput(input);
    const newPhotos = (patch.photos ?? []).filter((p) => !before.photos.includes(p));
    if (newPhotos.length > 0) await this.deps.files.assertAttachable(newPhotos, caller.id, { type: 'site', id: before.id });
    const changes = diffChanges(siteAuditView(before), siteAuditView(applyPatch(before, patch)));
    if (Object.keys(changes).length === 0) return before;
    const after = await this.deps.sites.repository.updateIfVersion(before.id, expectedVersion, patch, this.ctx.now());
    if (!after) {
      const current = await this.deps.sites.getSite(before.id);
      throw staleError(current.version, '纪念设施');
    }
    if (newPhotos.length > 0) await this.attachPhotos(caller, after.id, newPhotos);
    await this.deps.audit.record({ actor: caller, action: 'site.update', targetType: 'site', targetId: after.id, siteId: after.id, before: siteAuditView(before), after: siteAuditView(after) });
    return after;
  }

  /**
   * Writes one imported site, found by its code: created when new, patched when different, left alone
   * (no version bump) when the row matches the stored record.
   */
  async upsertSite(caller: Caller, input: SiteInput, known?: Site | null): Promise<{ outcome: UpsertOutcome; site: Site }> {
    const existing = known !== undefined ? known : await this.deps.sites.repository.findByCode(input.code);
    if (!existing) {
      try {
        return { outcome: 'created', site: await this.createImported(caller, input) };
      } catch (error) {
        // Another writer created the code between our read and insert: treat the row as an update.
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      }
    }
    const current = existing ?? (await this.deps.sites.repository.findByCode(input.code));
    if (!current) throw notFound('纪念设施');
    assertSiteAccess(caller, current.id, MANAGER_ROLES);
    const { code: _code, ...fields } = input;
    const patch = this.patchFromInput(fields);
    // A row carries only some custody and archive columns: merge them into what is stored.
    if (patch.custody && current.custody) patch.custody = { ...current.custody, ...patch.custody };
    if (patch.archive && current.archive) patch.archive = { ...current.archive, ...patch.archive };
    const changes = diffChanges(siteAuditView(current), siteAuditView(applyPatch(current, patch)));
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged', site: current };
    const after = await this.deps.sites.repository.updateIfVersion(current.id, current.version, patch, this.ctx.now());
    if (!after) throw staleError((await this.deps.sites.getSite(current.id)).version, '纪念设施');
    await this.deps.audit.record({ actor: caller, action: 'site.import.update', targetType: 'site', targetId: after.id, siteId: after.id, before: siteAuditView(current), after: siteAuditView(after) });
    return { outcome: 'updated', site: after };
  }

  /** A site's audit history, newest first (managers of the site and admins). */
  async history(caller: Caller, siteId: string, beforeId: string | undefined, limit: number): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    const site = await this.deps.sites.getSite(siteId);
    assertSiteAccess(caller, site.id, MANAGER_ROLES);
    return this.auditPage({ siteId: site.id }, beforeId, limit);
  }

  /** The whole audit log with filters (admins). */
  async auditLog(caller: Caller, query: AuditQuery, beforeId: string | undefined, limit: number): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    assertAdmin(caller);
    return this.auditPage(query, beforeId, limit);
  }

  // ---- martyrs -----------------------------------------------------------------------------------

  async listMartyrs(caller: Caller, siteId: string, q: string | undefined, afterId: string | undefined, limit: number): Promise<{ items: Martyr[]; nextCursor?: string }> {
    const site = await this.deps.sites.getSite(siteId);
    assertSiteAccess(caller, site.id, STAFF_ROLES);
    const found = await this.deps.martyrs.repository.listBySite(site.id, q, afterId, limit + 1);
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
  }

  async getMartyr(caller: Caller, id: string): Promise<Martyr> {
    const martyr = await this.deps.martyrs.getMartyr(id);
    assertSiteAccess(caller, martyr.siteId, STAFF_ROLES);
    return martyr;
  }

  /** 404 for an unknown martyr, 403 unless the caller manages the martyr's site (before the body is read). */
  async assertMayEditMartyr(caller: Caller, id: string): Promise<void> {
    const martyr = await this.deps.martyrs.getMartyr(id);
    assertSiteAccess(caller, martyr.siteId, MANAGER_ROLES);
  }

  /** Adds a martyr to a site (admins, the site's managers); 409 when the registry code is taken. */
  async createMartyr(caller: Caller, siteId: string, input: MartyrInput): Promise<Martyr> {
    if (input.code && (await this.deps.martyrs.repository.findByCode(input.code))) throw new AppError('CONFLICT', `烈士编号 ${input.code} 已存在`);
    return this.insertMartyr(caller, siteId, input, 'martyr.create');
  }

  /** Inserts a martyr whose code (if any) is not on another record, reserving the code first. */
  private async insertMartyr(caller: Caller, siteId: string, input: MartyrInput, action: string): Promise<Martyr> {
    const site = await this.deps.sites.getSite(siteId);
    assertSiteAccess(caller, site.id, MANAGER_ROLES);
    const id = await this.reserveMartyrId(input.code);
    const { coordSystem, ...fields } = input;
    let martyr: Martyr;
    try {
      martyr = await this.deps.martyrs.repository.insert(
        defined({ ...fields, siteId: site.id, graveLocation: convertPoint(fields.graveLocation, coordSystem ?? 'gcj02') ?? undefined }),
        this.ctx.now(),
        id,
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('CONFLICT', `烈士编号 ${input.code ?? ''} 已存在`);
      throw error;
    }
    await this.deps.sites.repository.incrementMartyrCount(site.id, 1);
    await this.deps.audit.record({ actor: caller, action, targetType: 'martyr', targetId: martyr.id, siteId: site.id, before: null, after: martyrAuditView(martyr) });
    return martyr;
  }

  /**
   * Edits a martyr when `expectedVersion` is current; `siteId` moves the martyr, which needs the
   * manager's rights on both sites. Site martyr counts follow the move.
   */
  async updateMartyr(caller: Caller, id: string, expectedVersion: number, input: MartyrPatchInput, action?: string): Promise<Martyr> {
    const before = await this.deps.martyrs.getMartyr(id);
    assertSiteAccess(caller, before.siteId, MANAGER_ROLES);
    if (before.version !== expectedVersion) throw staleError(before.version, '烈士信息');
    const { coordSystem, ...fields } = input;
    const patch: MartyrPatch = { ...fields, graveLocation: convertPoint(fields.graveLocation, coordSystem ?? 'gcj02') };
    const moving = patch.siteId !== undefined && patch.siteId !== null && patch.siteId !== before.siteId;
    if (moving) {
      const target = await this.deps.sites.getSite(patch.siteId!);
      assertSiteAccess(caller, target.id, MANAGER_ROLES);
    } else {
      delete patch.siteId;
    }
    const changes = diffChanges(martyrAuditView(before), martyrAuditView(applyPatch(before, patch)));
    if (Object.keys(changes).length === 0) return before;
    const after = await this.deps.martyrs.repository.updateIfVersion(before.id, expectedVersion, defined(patch), this.ctx.now());
    if (!after) {
      const current = await this.deps.martyrs.getMartyr(before.id);
      throw staleError(current.version, '烈士信息');
    }
    if (moving) {
      await this.deps.sites.repository.incrementMartyrCount(before.siteId, -1);
      await this.deps.sites.repository.incrementMartyrCount(after.siteId, 1);
    }
    const entry = { actor: caller, targetType: 'martyr', targetId: after.id, before: martyrAuditView(before), after: martyrAuditView(after) };
    if (moving) {
      // The move shows in both sites' histories.
      await this.deps.audit.record({ ...entry, action: 'martyr.move_out', siteId: before.siteId });
      await this.deps.audit.record({ ...entry, action: 'martyr.move_in', siteId: after.siteId });
    } else {
      await this.deps.audit.record({ ...entry, action: action ?? 'martyr.update', siteId: after.siteId });
    }
    return after;
  }

  /** Writes one imported martyr, found by its registry code (created, updated or moved, or unchanged). */
  async upsertMartyr(caller: Caller, siteId: string, input: MartyrInput & { code: string }, known?: Martyr | null): Promise<{ outcome: UpsertOutcome; martyr: Martyr }> {
    const existing = known !== undefined ? known : await this.deps.martyrs.repository.findByCode(input.code);
    if (!existing) return { outcome: 'created', martyr: await this.insertMartyr(caller, siteId, input, 'martyr.import.create') };
    const { code: _code, ...fields } = input;
    const patch: MartyrPatchInput = { ...fields, siteId };
    const after = await this.updateMartyr(caller, existing.id, existing.version, patch, 'martyr.import.update');
    return { outcome: after.version === existing.version ? 'unchanged' : 'updated', martyr: after };
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async createImported(caller: Caller, input: SiteInput): Promise<Site> {
    assertAdmin(caller);
    const site = await this.deps.sites.createSite(this.siteFromInput(input));
    await this.deps.audit.record({ actor: caller, action: 'site.import.create', targetType: 'site', targetId: site.id, siteId: site.id, before: null, after: siteAuditView(site) });
    return site;
  }

  private siteFromInput(input: SiteInput): NewSite {
    const { coordSystem, ...fields } = input;
    const system = coordSystem ?? 'gcj02';
    return defined({ ...fields, location: toGcj02(fields.location, system), custody: convertCustody(fields.custody, system) ?? undefined });
  }

  private patchFromInput(input: SitePatchInput): SitePatch {
    const { coordSystem, ...fields } = input;
    const system = coordSystem ?? 'gcj02';
    return defined({
      ...fields,
      location: fields.location ? toGcj02(fields.location, system) : undefined,
      custody: convertCustody(fields.custody, system),
    });
  }

  private async attachPhotos(caller: Caller, siteId: string, ids: string[]): Promise<void> {
    await this.deps.files.attach(ids, caller.id, { purpose: 'site_photo', context: { type: 'site', id: siteId }, siteId, isPublic: true });
  }

  /**
   * A fresh id for a new martyr, with its registry code reserved when it has one. A reservation left by
   * an interrupted create (code reserved, martyr never inserted) is reused.
   */
  private async reserveMartyrId(code: string | undefined): Promise<string> {
    const id = newId();
    if (!code) return id;
    if (await this.codes.claim(code, id, this.ctx.now())) return id;
    const holder = await this.codes.holder(code);
    if (holder && !(await this.deps.martyrs.repository.findById(holder))) return holder;
    throw new AppError('CONFLICT', `烈士编号 ${code} 已存在`);
  }

  private async auditPage(query: AuditQuery, beforeId: string | undefined, limit: number): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    const found = await this.deps.audit.list(query, limit + 1, beforeId);
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
  }
}
