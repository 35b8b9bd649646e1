import type { LatLng } from '../contracts/common.js';
import type {
  ProxySweepDetail,
  ProxySweepSummary,
  SweepActionName,
  SweepChecklistItem,
  SweepStatus,
} from '../contracts/proxy-sweeps.js';
import { AccountRepository } from '../accounts/repository.js';
import type { AuditService } from '../audit/service.js';
import { AppError } from '../errors.js';
import type { FileService } from '../files/service.js';
import { canActOnSite, hasRole, MANAGER_ROLES, STAFF_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { NotificationService } from '../notifications/service.js';
import { decryptPhone, protectPhone } from '../shared/phone.js';
import { MartyrRepository, SiteRepository } from '../sites/repository.js';
import { preferredDateProblem } from './dates.js';
import { assessProof, describeFlags } from './proof.js';
import {
  ProxySweepRepository,
  type QueueCursor,
  type SweepChanges,
  type SweepHistoryRecord,
  type SweepRecord,
} from './repository.js';
import type { AdminListInput, CompleteInput, CreateSweepInput } from './schemas.js';
import { actionsFor, assertTransition } from './state-machine.js';

export interface ProxySweepDeps {
  files: FileService;
  notifications: NotificationService;
  audit: AuditService;
}

/** Which page of the family subpackage shows a request (used in notifications). */
export const FAMILY_DETAIL_PAGE = '/packages/family/pages/detail/index';

const NOT_FOUND = () => new AppError('NOT_FOUND', '代祭扫申请不存在');

function iso(d: Date): string {
  return d.toISOString();
}

/**
 * Proxy tomb-sweeping (代祭扫): a family asks, the site's staff accept, sweep, and prove it on the spot
 * (photos with capture time and place, checked against the grave), the family confirms. Every step is
 * one conditional update through the state machine, recorded in the request's history, audited when
 * staff act, and told to the family through the notification outbox.
 */
export class ProxySweepService {
  private readonly repo: ProxySweepRepository;
  private readonly sites: SiteRepository;
  private readonly martyrs: MartyrRepository;
  private readonly accounts: AccountRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: ProxySweepDeps,
  ) {
    this.repo = new ProxySweepRepository(ctx.db);
    this.sites = new SiteRepository(ctx.db);
    this.martyrs = new MartyrRepository(ctx.db);
    this.accounts = new AccountRepository(ctx.db);
  }

  // ---- family -------------------------------------------------------------------------------------

  async create(caller: Caller, input: CreateSweepInput): Promise<SweepRecord> {
    const now = this.ctx.now();
    const dateProblem = preferredDateProblem(input.preferredDate, now);
    if (dateProblem) throw new AppError('VALIDATION_FAILED', dateProblem, { details: [{ path: 'preferredDate', message: dateProblem }] });

    const site = await this.sites.findById(input.siteId);
    if (!site || site.status !== 'published') throw new AppError('NOT_FOUND', '纪念设施不存在');
    let martyrName: string | undefined;
    if (input.martyrId) {
      const martyr = await this.martyrs.findById(input.martyrId);
      if (!martyr || martyr.siteId !== site.id) {
        throw new AppError('VALIDATION_FAILED', '所选烈士不在该纪念设施', { details: [{ path: 'martyrId', message: '烈士不属于该纪念设施' }] });
      }
      martyrName = martyr.name;
    }

    const sweep = await this.repo.insert({
      requesterId: caller.id,
      siteId: site.id,
      siteName: site.name,
      ...(input.martyrId ? { martyrId: input.martyrId, martyrName } : {}),
      ...(input.graveDescription ? { graveDescription: input.graveDescription } : {}),
      services: input.services,
      preferredDate: input.preferredDate,
      ...(input.message ? { message: input.message } : {}),
      relationship: input.relationship,
      contactPhone: protectPhone(input.contactPhone, this.ctx.config.phoneKey),
      createdAt: now,
      history: [{ status: 'submitted', at: now, actor: { id: caller.id, role: 'family' } }],
    });
    await this.tellFamily(sweep, 'submitted', '代祭扫申请已提交', `您为${this.graveName(sweep)}提交的代祭扫申请已送达${sweep.siteName}，受理后会通知您。`);
    return sweep;
  }

  async listMine(caller: Caller, beforeId: string | undefined, limit: number): Promise<SweepRecord[]> {
    return this.repo.listByRequester(caller.id, beforeId, limit);
  }

  /** A request for its family or for the staff of its site; 404 for anyone else who is not staff, 403 for other sites' staff. */
  async get(caller: Caller, id: string): Promise<SweepRecord> {
    const sweep = await this.repo.findById(id);
    if (!sweep) throw NOT_FOUND();
    if (sweep.requesterId === caller.id) return sweep;
    this.assertStaffOfSite(caller, sweep);
    return sweep;
  }

  async cancel(caller: Caller, id: string, reason: string | undefined): Promise<SweepRecord> {
    const sweep = await this.loadOwn(caller, id);
    const updated = await this.move(sweep, 'cancel', caller, { cancelReason: reason }, reason);
    if (sweep.assigneeId) {
      await this.deps.notifications.notify({
        userId: sweep.assigneeId,
        template: 'proxy_sweep_cancelled',
        title: '代祭扫申请已取消',
        body: `${sweep.siteName}·${this.graveName(sweep)}（${sweep.preferredDate}）的代祭扫已由家属取消。`,
        data: { sweepId: sweep.id },
        dedupeKey: `sweep:${sweep.id}:cancelled`,
      });
    }
    return updated;
  }

  async confirm(caller: Caller, id: string, rating: number, comment: string | undefined): Promise<SweepRecord> {
    const sweep = await this.loadOwn(caller, id);
    const at = this.ctx.now();
    const updated = await this.move(sweep, 'confirm', caller, { confirmation: { rating, ...(comment ? { comment } : {}), at } }, `评分 ${rating}`);
    if (sweep.assigneeId) {
      await this.deps.notifications.notify({
        userId: sweep.assigneeId,
        template: 'proxy_sweep_confirmed',
        title: '家属已确认代祭扫',
        body: `${sweep.siteName}·${this.graveName(sweep)}：家属评分 ${rating} 星。`,
        data: { sweepId: sweep.id, rating },
        dedupeKey: `sweep:${sweep.id}:confirmed`,
      });
    }
    return updated;
  }

  // ---- staff --------------------------------------------------------------------------------------

  /** The queue of the caller's sites (every site for admins). */
  async listQueue(caller: Caller, query: AdminListInput, cursor: QueueCursor | undefined): Promise<SweepRecord[]> {
    if (!hasRole(caller, STAFF_ROLES)) throw new AppError('FORBIDDEN', '无权查看代祭扫工单');
    let siteIds: string[] | null = caller.roles.includes('admin') ? null : caller.siteIds;
    if (query.siteId) {
      if (!canActOnSite(caller, query.siteId, STAFF_ROLES)) throw new AppError('FORBIDDEN', '无权管理该纪念设施');
      siteIds = [query.siteId];
    }
    return this.repo.listQueue({ siteIds, status: query.status, assigneeId: query.assigned === 'me' ? caller.id : undefined }, cursor, query.limit);
  }

  /** Accepts a submitted request, assigning it to the caller or (managers only) to another staff member of the site. */
  async accept(caller: Caller, id: string, assigneeId: string | undefined): Promise<SweepRecord> {
    const sweep = await this.loadForStaff(caller, id);
    assertTransition(sweep.status, 'accept');
    let assignee = { id: caller.id, name: caller.username };
    if (assigneeId && assigneeId !== caller.id) {
      if (!canActOnSite(caller, sweep.siteId, MANAGER_ROLES)) throw new AppError('FORBIDDEN', '只有管理员可以指派给其他工作人员');
      const account = await this.accounts.findStaffById(assigneeId);
      const assigneeCaller: Caller | null = account && !account.disabled ? { id: account.id, kind: 'staff', roles: account.roles, siteIds: account.siteIds } : null;
      if (!assigneeCaller || !canActOnSite(assigneeCaller, sweep.siteId, STAFF_ROLES)) {
        throw new AppError('VALIDATION_FAILED', '指派对象不是该纪念设施的工作人员', { details: [{ path: 'assigneeId', message: '不是该纪念设施的在岗工作人员' }] });
      }
      assignee = { id: account!.id, name: account!.username };
    }
    const now = this.ctx.now();
    const updated = await this.move(sweep, 'accept', caller, { assigneeId: assignee.id, assigneeName: assignee.name, acceptedAt: now }, assignee.id === caller.id ? undefined : `指派给 ${assignee.name}`);
    await this.audit(caller, 'proxy_sweep.accept', sweep, updated);
    if (assignee.id !== caller.id) {
      await this.deps.notifications.notify({
        userId: assignee.id,
        template: 'proxy_sweep_assigned',
        title: '新的代祭扫任务',
        body: `${sweep.siteName}·${this.graveName(sweep)}，期望日期 ${sweep.preferredDate}。`,
        data: { sweepId: sweep.id },
        dedupeKey: `sweep:${sweep.id}:assigned:${assignee.id}`,
      });
    }
    await this.tellFamily(updated, 'accepted', '代祭扫申请已受理', `${sweep.siteName}已受理您的代祭扫申请，将于 ${sweep.preferredDate} 前后为${this.graveName(sweep)}祭扫。`);
    return updated;
  }

  async start(caller: Caller, id: string): Promise<SweepRecord> {
    const sweep = await this.loadForStaff(caller, id);
    assertTransition(sweep.status, 'start');
    this.assertAssigneeOrManager(caller, sweep);
    const updated = await this.move(sweep, 'start', caller, { startedAt: this.ctx.now() });
    await this.audit(caller, 'proxy_sweep.start', sweep, updated);
    await this.tellFamily(updated, 'in_progress', '代祭扫进行中', `工作人员已开始为${this.graveName(sweep)}祭扫。`);
    return updated;
  }

  /**
   * Completes with proof: at least one photo uploaded by the caller, the capture time and place. The
   * distance to the grave (or the site) is recorded and the proof flagged when it is more than 300 m away
   * or taken outside the accepted → complete window; a flagged proof is still accepted and shown as such.
   */
  async complete(caller: Caller, id: string, input: CompleteInput): Promise<SweepRecord> {
    const sweep = await this.loadForStaff(caller, id);
    assertTransition(sweep.status, 'complete');
    this.assertAssigneeOrManager(caller, sweep);
    const context = { type: 'proxy_sweep' as const, id: sweep.id };
    await this.deps.files.assertAttachable(input.photos, caller.id, context);

    const now = this.ctx.now();
    const reference = await this.referencePoint(sweep);
    const assessment = assessProof({
      takenAt: new Date(input.takenAt),
      location: input.location,
      reference: reference.location,
      acceptedAt: sweep.acceptedAt ?? sweep.createdAt,
      completedAt: now,
    });
    const checklist: SweepChecklistItem[] = input.checklist.includes('take_photos') ? input.checklist : ['take_photos', ...input.checklist];

    await this.deps.files.attach(input.photos, caller.id, { purpose: 'proxy_sweep_proof', context, siteId: sweep.siteId, readerIds: [sweep.requesterId] });
    const flagNote = describeFlags(assessment);
    const updated = await this.move(
      sweep,
      'complete',
      caller,
      {
        completedAt: now,
        proof: {
          photos: input.photos,
          takenAt: new Date(input.takenAt),
          location: { lat: input.location.lat, lng: input.location.lng },
          distanceMeters: assessment.distanceMeters,
          reference: reference.kind,
          referenceLocation: reference.location,
          flags: assessment.flags,
          checklist,
          ...(input.note ? { note: input.note } : {}),
          submittedAt: now,
        },
      },
      [flagNote, input.note].filter(Boolean).join('；') || undefined,
    );
    await this.audit(caller, 'proxy_sweep.complete', sweep, updated, flagNote);
    await this.tellFamily(
      updated,
      'completed',
      '代祭扫已完成',
      `已为${this.graveName(sweep)}完成祭扫，共 ${input.photos.length} 张现场照片${flagNote ? `（${flagNote}）` : ''}，请查看并确认。`,
    );
    return updated;
  }

  async reject(caller: Caller, id: string, reason: string): Promise<SweepRecord> {
    const sweep = await this.loadForStaff(caller, id);
    assertTransition(sweep.status, 'reject');
    if (sweep.status !== 'submitted') this.assertAssigneeOrManager(caller, sweep);
    const updated = await this.move(sweep, 'reject', caller, { rejectionReason: reason }, reason);
    await this.audit(caller, 'proxy_sweep.reject', sweep, updated, reason);
    await this.tellFamily(updated, 'rejected', '代祭扫申请未能受理', `${sweep.siteName}：${reason}`);
    return updated;
  }

  /** The family's phone in clear for the assignee or a manager, to make the call of the service standard; audited. */
  async revealContact(caller: Caller, id: string): Promise<string> {
    const sweep = await this.loadForStaff(caller, id);
    this.assertAssigneeOrManager(caller, sweep);
    if (!(['accepted', 'in_progress', 'completed'] as SweepStatus[]).includes(sweep.status)) {
      throw new AppError('CONFLICT', '只有受理后、确认前可以查看家属电话');
    }
    await this.deps.audit.record({ actor: caller, action: 'proxy_sweep.reveal_contact', targetType: 'proxy_sweep', targetId: sweep.id, siteId: sweep.siteId });
    return decryptPhone(sweep.contactPhone.enc, this.ctx.config.phoneKey);
  }

  // ---- shaping ------------------------------------------------------------------------------------

  /** The detail answer for this caller, with fresh signed links for the proof photos. */
  toDetail(sweep: SweepRecord, caller: Caller): ProxySweepDetail {
    return {
      id: sweep.id,
      status: sweep.status,
      siteId: sweep.siteId,
      siteName: sweep.siteName,
      ...(sweep.martyrId ? { martyrId: sweep.martyrId, martyrName: sweep.martyrName } : {}),
      ...(sweep.graveDescription ? { graveDescription: sweep.graveDescription } : {}),
      services: sweep.services,
      preferredDate: sweep.preferredDate,
      ...(sweep.message ? { message: sweep.message } : {}),
      relationship: sweep.relationship,
      contactPhone: sweep.contactPhone.masked,
      ...(sweep.assigneeId ? { assignee: { id: sweep.assigneeId, name: sweep.assigneeName } } : {}),
      createdAt: iso(sweep.createdAt),
      updatedAt: iso(sweep.updatedAt),
      history: sweep.history.map((h) => ({ status: h.status, ...(h.from ? { from: h.from } : {}), at: iso(h.at), actor: h.actor, ...(h.note ? { note: h.note } : {}) })),
      ...(sweep.proof
        ? {
            proof: {
              photos: sweep.proof.photos.map((id) => ({ id, url: this.deps.files.link(id).url })),
              takenAt: iso(sweep.proof.takenAt),
              location: sweep.proof.location,
              distanceMeters: sweep.proof.distanceMeters,
              reference: sweep.proof.reference,
              flags: sweep.proof.flags,
              checklist: sweep.proof.checklist,
              ...(sweep.proof.note ? { note: sweep.proof.note } : {}),
              submittedAt: iso(sweep.proof.submittedAt),
            },
          }
        : {}),
      ...(sweep.confirmation
        ? { confirmation: { rating: sweep.confirmation.rating, ...(sweep.confirmation.comment ? { comment: sweep.confirmation.comment } : {}), at: iso(sweep.confirmation.at) } }
        : {}),
      ...(sweep.rejectionReason ? { rejectionReason: sweep.rejectionReason } : {}),
      ...(sweep.cancelReason ? { cancelReason: sweep.cancelReason } : {}),
      actions: this.actionsOf(sweep, caller),
    };
  }

  toSummary(sweep: SweepRecord): ProxySweepSummary {
    return {
      id: sweep.id,
      status: sweep.status,
      siteId: sweep.siteId,
      siteName: sweep.siteName,
      ...(sweep.martyrName ? { martyrName: sweep.martyrName } : {}),
      ...(sweep.graveDescription ? { graveDescription: sweep.graveDescription } : {}),
      services: sweep.services,
      preferredDate: sweep.preferredDate,
      ...(sweep.assigneeId ? { assignee: { id: sweep.assigneeId, name: sweep.assigneeName } } : {}),
      ...(sweep.proof ? { proofFlags: sweep.proof.flags } : {}),
      createdAt: iso(sweep.createdAt),
      updatedAt: iso(sweep.updatedAt),
    };
  }

  // ---- internals ----------------------------------------------------------------------------------

  private actionsOf(sweep: SweepRecord, caller: Caller): SweepActionName[] {
    if (sweep.requesterId === caller.id) return actionsFor(sweep.status, 'family');
    if (!canActOnSite(caller, sweep.siteId, STAFF_ROLES)) return [];
    const mayWork = sweep.assigneeId === caller.id || canActOnSite(caller, sweep.siteId, MANAGER_ROLES);
    return actionsFor(sweep.status, 'staff').filter((a) => a === 'accept' || (a === 'reject' && sweep.status === 'submitted') || mayWork);
  }

  /** The family's own request; 404 for anyone else (staff included: these are the family's actions). */
  private async loadOwn(caller: Caller, id: string): Promise<SweepRecord> {
    const sweep = await this.repo.findById(id);
    if (!sweep) throw NOT_FOUND();
    if (sweep.requesterId !== caller.id) {
      if (hasRole(caller, STAFF_ROLES) && canActOnSite(caller, sweep.siteId, STAFF_ROLES)) throw new AppError('FORBIDDEN', '只有申请人可以进行此操作');
      throw NOT_FOUND();
    }
    return sweep;
  }

  /** 404 for an unknown request, 403 unless the caller is staff of its site (before a body is read). */
  async assertStaffAccess(caller: Caller, id: string): Promise<void> {
    await this.loadForStaff(caller, id);
  }

  private async loadForStaff(caller: Caller, id: string): Promise<SweepRecord> {
    if (!hasRole(caller, STAFF_ROLES)) throw new AppError('FORBIDDEN', '无权处理代祭扫工单');
    const sweep = await this.repo.findById(id);
    if (!sweep) throw NOT_FOUND();
    this.assertStaffOfSite(caller, sweep);
    return sweep;
  }

  private assertStaffOfSite(caller: Caller, sweep: SweepRecord): void {
    if (canActOnSite(caller, sweep.siteId, STAFF_ROLES)) return;
    if (hasRole(caller, STAFF_ROLES)) throw new AppError('FORBIDDEN', '无权管理该纪念设施');
    throw NOT_FOUND();
  }

  private assertAssigneeOrManager(caller: Caller, sweep: SweepRecord): void {
    if (sweep.assigneeId === caller.id || canActOnSite(caller, sweep.siteId, MANAGER_ROLES)) return;
    throw new AppError('FORBIDDEN', '该工单已指派给其他工作人员');
  }

  /**
   * Applies one transition with a conditional update on the status read; when another call moved the
   * request first, answers 409 (or 404 if it is gone).
   */
  private async move(sweep: SweepRecord, action: SweepActionName, caller: Caller, changes: SweepChanges, note?: string): Promise<SweepRecord> {
    const to = assertTransition(sweep.status, action);
    const entry: SweepHistoryRecord = {
      status: to,
      from: sweep.status,
      at: this.ctx.now(),
      actor: { id: caller.id, role: caller.kind === 'staff' ? 'staff' : 'family', ...(caller.username ? { name: caller.username } : {}) },
      ...(note ? { note } : {}),
    };
    const updated = await this.repo.transition(sweep.id, sweep.status, to, changes, entry);
    if (updated) return updated;
    const current = await this.repo.findById(sweep.id);
    if (!current) throw NOT_FOUND();
    assertTransition(current.status, action);
    throw new AppError('CONFLICT', '该申请刚刚被其他人处理，请刷新后重试', { details: { status: current.status, action } });
  }

  private async referencePoint(sweep: SweepRecord): Promise<{ kind: 'grave' | 'site'; location: LatLng }> {
    if (sweep.martyrId) {
      const martyr = await this.martyrs.findById(sweep.martyrId);
      if (martyr?.graveLocation) return { kind: 'grave', location: martyr.graveLocation };
    }
    const site = await this.sites.findById(sweep.siteId);
    if (!site) throw new AppError('NOT_FOUND', '纪念设施不存在');
    return { kind: 'site', location: site.location };
  }

  private graveName(sweep: Pick<SweepRecord, 'martyrName' | 'graveDescription'>): string {
    return sweep.martyrName ? `${sweep.martyrName}烈士` : (sweep.graveDescription ?? '烈士墓');
  }

  private async tellFamily(sweep: SweepRecord, status: SweepStatus, title: string, body: string): Promise<void> {
    await this.deps.notifications.notify({
      userId: sweep.requesterId,
      template: `proxy_sweep_${status}`,
      title,
      body,
      page: `${FAMILY_DETAIL_PAGE}?id=${sweep.id}`,
      data: { sweepId: sweep.id, status, siteName: sweep.siteName, preferredDate: sweep.preferredDate },
      dedupeKey: `sweep:${sweep.id}:${status}`,
    });
  }

  private async audit(caller: Caller, action: string, before: SweepRecord, after: SweepRecord, note?: string): Promise<void> {
    await this.deps.audit.record({
      actor: caller,
      action,
      targetType: 'proxy_sweep',
      targetId: before.id,
      siteId: before.siteId,
      before: { status: before.status, assigneeId: before.assigneeId ?? null },
      after: { status: after.status, assigneeId: after.assigneeId ?? null, ...(after.proof && action === 'proxy_sweep.complete' ? { proofFlags: after.proof.flags, distanceMeters: after.proof.distanceMeters } : {}) },
      ...(note ? { note } : {}),
    });
  }
}
