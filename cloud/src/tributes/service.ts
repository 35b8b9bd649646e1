import type {
  CounterDrift,
  CreateTributeResponse,
  ReconcileReport,
  ReviewDecisionResponse,
  TributeKind,
  TributeStats,
  TributeStatus,
} from '../contracts/tributes.js';
import { AccountRepository } from '../accounts/repository.js';
import type { AuditService } from '../audit/service.js';
import { AppError, notFound } from '../errors.js';
import { assertSiteAccess, hasRole, MANAGER_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { NotificationService } from '../notifications/service.js';
import { replayOf, requestFingerprint, type IdempotentResult } from '../shared/idempotency.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit.js';
import type { ContentChecker } from './content-security.js';
import { TributeCounterRepository, type CounterKey } from './counter-repository.js';
import { screenMessage, type ModerationReason } from './moderation.js';
import { emptyStats, TributeRepository, type Tribute } from './repository.js';
import { targetRefOf, type TargetRef, type TributeTarget, type TributeTargets } from './targets.js';

/** A burst of tributes per user: well above a person's pace (API.md: at least 10 a minute). */
export const TRIBUTE_RULE: RateLimitRule = { name: 'tribute', limit: 20, windowSeconds: 60, message: '献礼过于频繁，请稍后再试' };
/** Messages are user-generated text and reviewed by people: a few per ten minutes per user. */
export const MESSAGE_RULE: RateLimitRule = { name: 'tribute-message', limit: 5, windowSeconds: 600, message: '寄语提交过于频繁，请稍后再试' };

/** How long one instance may serve a target's stats from memory (API.md: current within 5 seconds). */
export const STATS_CACHE_MS = 4000;

/** Mini-program pages that notifications open. */
export const PAGES = {
  site: (id: string) => `pages/site/index?id=${id}`,
  martyr: (id: string) => `pages/martyr/index?id=${id}`,
  myTributes: 'pages/my-tributes/index',
};

export interface OfferInput {
  target: TargetRef;
  kind: TributeKind;
  message?: string;
}

export interface ModerationOutcome {
  status: 'published' | 'pending';
  moderation: Tribute['moderation'];
}

export interface TributeServiceDeps {
  limiter: RateLimiter;
  audit: AuditService;
  notifications: NotificationService;
  targets: TributeTargets;
  /** WeChat's content-security check; null when WeChat is not configured (the local screen decides). */
  contentChecker: ContentChecker | null;
}

export interface ReviewListQuery {
  status: TributeStatus;
  siteId?: string;
}

function keysOf(target: Pick<TributeTarget, 'siteId' | 'martyrId'>): CounterKey[] {
  const keys: CounterKey[] = [{ type: 'site', id: target.siteId }];
  if (target.martyrId) keys.push({ type: 'martyr', id: target.martyrId });
  return keys;
}

function counterKeyOf(ref: TargetRef): CounterKey {
  return 'martyrId' in ref ? { type: 'martyr', id: ref.martyrId } : { type: 'site', id: ref.siteId };
}

/** What a tribute request asked for, hashed: a repeat under the same Idempotency-Key must ask the same. */
export function tributeFingerprint(input: OfferInput, key: Buffer): string {
  const ref = 'martyrId' in input.target ? `martyr:${input.target.martyrId}` : `site:${input.target.siteId}`;
  return requestFingerprint('tribute', [ref, input.kind, input.message ?? ''], key);
}

function cacheKey(key: CounterKey): string {
  return `${key.type}:${key.id}`;
}

function statsEqual(a: TributeStats, b: TributeStats): boolean {
  return a.flower === b.flower && a.candle === b.candle && a.bow === b.bow && a.message === b.message && a.total === b.total;
}

function minus(a: TributeStats, b: TributeStats): TributeStats {
  return { flower: a.flower - b.flower, candle: a.candle - b.candle, bow: a.bow - b.bow, message: a.message - b.message, total: a.total - b.total };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Online tribute (网上祭扫): offering, moderation of messages, the public walls and counts, the review
 * queue and the reconciliation of counters.
 */
export class TributeService {
  private readonly repo: TributeRepository;
  private readonly counters: TributeCounterRepository;
  private readonly accounts: AccountRepository;
  private readonly statsCache = new Map<string, { at: number; stats: TributeStats }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: TributeServiceDeps,
  ) {
    this.repo = new TributeRepository(ctx.db);
    this.counters = new TributeCounterRepository(ctx.db);
    this.accounts = new AccountRepository(ctx.db);
  }

  get targets(): TributeTargets {
    return this.deps.targets;
  }

  /** A published site or martyr, or 404 NOT_FOUND. */
  async assertTarget(ref: TargetRef): Promise<TributeTarget> {
    const target = await this.deps.targets.find(ref);
    if (!target) throw notFound('martyrId' in ref ? '烈士' : '纪念设施');
    return target;
  }

  /**
   * POST /tributes: a flower, candle or bow counts at once; a message is screened first. With an
   * Idempotency-Key (shared/idempotency.ts) a repeat of the request answers the tribute it recorded
   * and counts nothing: the counters move only after a tribute's own first insert. A repeat is looked
   * up before the rate limits, since it writes nothing.
   */
  async offer(caller: Caller, input: OfferInput, idempotencyKey?: string): Promise<IdempotentResult<CreateTributeResponse>> {
    const fingerprint = tributeFingerprint(input, this.ctx.config.phoneKey);
    if (idempotencyKey !== undefined) {
      const earlier = await this.repo.findByIdempotencyKey(caller.id, idempotencyKey);
      if (earlier) return this.replay(earlier, fingerprint);
    }
    await this.deps.limiter.hit(TRIBUTE_RULE, caller.id);
    if (input.kind === 'message') await this.deps.limiter.hit(MESSAGE_RULE, caller.id);
    const target = await this.assertTarget(input.target);
    if (!target.open) throw new AppError('CONFLICT', '该纪念设施已闭馆，暂不接受网上祭扫');

    const outcome: ModerationOutcome =
      input.kind === 'message' ? await this.moderate(input.message ?? '', caller) : { status: 'published', moderation: { reasons: [] } };
    const now = this.ctx.now();
    const inserted = await this.repo.insert(
      {
        userId: caller.id,
        kind: input.kind,
        siteId: target.siteId,
        siteName: target.siteName,
        ...(target.martyrId ? { martyrId: target.martyrId, martyrName: target.martyrName } : {}),
        ...(input.kind === 'message' ? { message: input.message } : {}),
        status: outcome.status,
        moderation: outcome.moderation,
        createdAt: now,
        ...(outcome.status === 'published' ? { publishedAt: now } : {}),
        fingerprint,
      },
      idempotencyKey,
    );
    if ('duplicate' in inserted) {
      // The same key raced in from a second copy of the request and won: answer its tribute.
      const earlier = idempotencyKey !== undefined ? await this.repo.findByIdempotencyKey(caller.id, idempotencyKey) : null;
      if (!earlier) throw new AppError('CONFLICT', '献礼未能记录，请重试');
      return this.replay(earlier, fingerprint);
    }
    const { tribute } = inserted;
    const stats = outcome.status === 'published' ? await this.count(target, input.kind, 1) : await this.stats(targetRefOf(target));
    return { value: { id: tribute.id, status: outcome.status, stats }, replayed: false };
  }

  /** The answer to a repeated Idempotency-Key: the tribute it recorded, with the current counts. */
  private async replay(earlier: Tribute, fingerprint: string): Promise<IdempotentResult<CreateTributeResponse>> {
    replayOf(earlier, fingerprint, {
      message: '该 Idempotency-Key 已用于另一次献礼，请为新的献礼使用新的 Key',
      details: { tributeId: earlier.id },
    });
    const ref: TargetRef = earlier.martyrId ? { martyrId: earlier.martyrId } : { siteId: earlier.siteId };
    const stats = await this.counters.get(counterKeyOf(ref));
    // A message rejected since is still answered as the first answer put it: held for review.
    return { value: { id: earlier.id, status: earlier.status === 'published' ? 'published' : 'pending', stats }, replayed: true };
  }

  /**
   * Moderation of a message, in order: the local screen (word list, contacts, evasion) and then, when
   * WeChat is configured, `msgSecCheck`. Clean → published; anything doubtful, or a check that could
   * not be made → pending for a manager.
   */
  async moderate(text: string, caller: Caller): Promise<ModerationOutcome> {
    const local = screenMessage(text);
    if (local.verdict === 'doubtful') return { status: 'pending', moderation: { reasons: local.reasons } };
    const checker = this.deps.contentChecker;
    if (!checker) return { status: 'published', moderation: { reasons: [] } };

    const citizen = caller.kind === 'citizen' ? await this.accounts.findCitizenById(caller.id) : null;
    if (!citizen) return { status: 'pending', moderation: { reasons: [{ code: 'content_check_unavailable', match: 'no openid' }] } };
    try {
      const result = await checker.check(text, citizen.openid);
      if (result.suggest === 'pass') return { status: 'published', moderation: { reasons: [], suggest: 'pass', label: result.label } };
      const reason: ModerationReason = { code: 'content_security', match: `${result.suggest}${result.label ? `:${result.label}` : ''}` };
      return { status: 'pending', moderation: { reasons: [reason], suggest: result.suggest, label: result.label } };
    } catch (error) {
      this.ctx.logger.warn({ err: error, userId: caller.id }, 'content-security check failed; message held for review');
      return { status: 'pending', moderation: { reasons: [{ code: 'content_check_unavailable' }] } };
    }
  }

  /** Counts a published tribute on its site (and martyr); returns the counts of the tribute's own target. */
  private async count(target: Pick<TributeTarget, 'siteId' | 'martyrId' | 'type'>, kind: TributeKind, n: number): Promise<TributeStats> {
    const now = this.ctx.now();
    const keys = keysOf(target);
    // Independent single-document $inc operations: sent together (a real MongoDB runs them in parallel).
    const [counts] = await Promise.all([Promise.all(keys.map((key) => this.counters.add(key, kind, n, now))), this.deps.targets.addToDocuments(target, n)]);
    for (const key of keys) this.statsCache.delete(cacheKey(key));
    return counts[keys.findIndex((key) => key.type === target.type)] ?? emptyStats();
  }

  /** GET …/tribute-stats: published tributes per kind, from the counters (cached ≤ 4 s per instance). */
  async stats(ref: TargetRef): Promise<TributeStats> {
    const key = counterKeyOf(ref);
    const nowMs = this.ctx.now().getTime();
    const hit = this.statsCache.get(cacheKey(key));
    if (hit && nowMs - hit.at < STATS_CACHE_MS) return hit.stats;
    await this.assertTarget(ref);
    const stats = await this.counters.get(key);
    if (this.statsCache.size > 5000) this.statsCache.clear();
    this.statsCache.set(cacheKey(key), { at: nowMs, stats });
    return stats;
  }

  /** GET …/tributes: the public wall, published only, newest first. */
  async wall(ref: TargetRef, kind: TributeKind | undefined, limit: number, cursor?: string): Promise<Tribute[]> {
    await this.assertTarget(ref);
    return this.repo.listPublished(ref, kind, limit, cursor);
  }

  /** GET /tributes/mine: the caller's own tributes in every state. */
  mine(caller: Caller, limit: number, cursor?: string): Promise<Tribute[]> {
    return this.repo.listByUser(caller.id, limit, cursor);
  }

  /** GET /admin/tributes: admins see every site, site managers only theirs. */
  async reviewQueue(caller: Caller, query: ReviewListQuery, limit: number, cursor?: string): Promise<Tribute[]> {
    this.assertReviewer(caller);
    let siteIds: string[] | undefined;
    if (query.siteId !== undefined) {
      assertSiteAccess(caller, query.siteId, MANAGER_ROLES);
      siteIds = [query.siteId];
    } else if (!caller.roles.includes('admin')) {
      siteIds = caller.siteIds;
    }
    return this.repo.listForReview({ status: query.status, siteIds }, limit, cursor);
  }

  /** Publishes a pending message: counted, audited, and the author told. */
  async approve(caller: Caller, id: string): Promise<ReviewDecisionResponse> {
    const tribute = await this.assertReviewable(caller, id);
    const at = this.ctx.now();
    const before = await this.repo.decide(id, ['pending'], 'published', { by: this.actor(caller), at });
    if (!before) throw new AppError('CONFLICT', `该寄语已${tribute.status === 'published' ? '公开' : '被驳回'}，无需重复审核`);
    await this.count({ type: tribute.martyrId ? 'martyr' : 'site', siteId: tribute.siteId, martyrId: tribute.martyrId }, tribute.kind, 1);
    await this.deps.audit.record({
      actor: caller,
      action: 'tribute.approve',
      targetType: 'tribute',
      targetId: id,
      siteId: tribute.siteId,
      before: { status: before.status },
      after: { status: 'published' },
    });
    await this.deps.notifications.notify({
      userId: tribute.userId,
      template: 'tribute_approved',
      title: '寄语已通过审核',
      body: `您在${tribute.martyrName ? `${tribute.martyrName}烈士` : tribute.siteName}的寄语已公开展示`,
      page: tribute.martyrId ? PAGES.martyr(tribute.martyrId) : PAGES.site(tribute.siteId),
      data: { tributeId: id },
      dedupeKey: `tribute:${id}:published`,
    });
    return { id, status: 'published' };
  }

  /** Rejects a pending message, or takes down a published one (its count is taken back). */
  async reject(caller: Caller, id: string, reason: string): Promise<ReviewDecisionResponse> {
    const tribute = await this.assertReviewable(caller, id);
    const before = await this.repo.decide(id, ['pending', 'published'], 'rejected', { by: this.actor(caller), at: this.ctx.now(), reason });
    if (!before) throw new AppError('CONFLICT', '该寄语已被驳回');
    if (before.status === 'published') {
      await this.count({ type: tribute.martyrId ? 'martyr' : 'site', siteId: tribute.siteId, martyrId: tribute.martyrId }, tribute.kind, -1);
    }
    await this.deps.audit.record({
      actor: caller,
      action: 'tribute.reject',
      targetType: 'tribute',
      targetId: id,
      siteId: tribute.siteId,
      before: { status: before.status },
      after: { status: 'rejected' },
      note: reason,
    });
    await this.deps.notifications.notify({
      userId: tribute.userId,
      template: 'tribute_rejected',
      title: '寄语未能展示',
      body: `您的寄语未通过审核：${reason}`,
      page: PAGES.myTributes,
      data: { tributeId: id },
      dedupeKey: `tribute:${id}:rejected`,
    });
    return { id, status: 'rejected' };
  }

  /**
   * Recounts published tributes and compares them with the counters and the `tributeCount` fields of
   * sites and martyrs. With `fix`, a drift that is still the same after `settleMs` (so not a tribute
   * in flight between its insert and its `$inc`) is repaired by adding the difference.
   */
  async reconcile(options: { scope?: TargetRef; fix?: boolean; settleMs?: number; actor?: Caller } = {}): Promise<ReconcileReport> {
    const measured = options.scope ? [await this.measure(options.scope)] : await this.measureAll();
    let drifted = measured.filter((m) => m.drift);
    if (options.fix && drifted.length > 0) {
      await sleep(options.settleMs ?? 1000);
      const again = await Promise.all(drifted.map((d) => this.measure(d.ref)));
      drifted = again.filter((m, i) => m.drift && statsEqual(m.stored, drifted[i]!.stored) && statsEqual(m.actual, drifted[i]!.actual));
      const now = this.ctx.now();
      for (const d of drifted) {
        const key: CounterKey = 'martyrId' in d.ref ? { type: 'martyr', id: d.ref.martyrId } : { type: 'site', id: d.ref.siteId };
        const delta = minus(d.actual, d.stored);
        if (delta.total !== 0 || delta.flower || delta.candle || delta.bow || delta.message) await this.counters.addStats(key, delta, now);
        const docDelta = d.actual.total - d.documentTotal;
        if (docDelta !== 0) {
          if ('martyrId' in d.ref) await this.deps.targets.martyrs.incrementTributeCount(d.ref.martyrId, docDelta);
          else await this.deps.targets.sites.incrementTributeCount(d.ref.siteId, docDelta);
        }
        this.statsCache.delete(cacheKey(key));
      }
    }
    const report: CounterDrift[] = drifted.map((d) => ({
      target: 'martyrId' in d.ref ? { type: 'martyr', id: d.ref.martyrId } : { type: 'site', id: d.ref.siteId },
      stored: { ...d.stored, documentTotal: d.documentTotal },
      actual: d.actual,
    }));
    const fixed = !!options.fix && report.length > 0;
    if (fixed && options.actor) {
      await this.deps.audit.record({
        actor: options.actor,
        action: 'tribute.reconcile',
        targetType: 'tribute_counters',
        targetId: options.scope ? ('martyrId' in options.scope ? options.scope.martyrId : options.scope.siteId) : 'all',
        note: `repaired ${report.length} counter(s)`,
      });
    }
    return { checked: measured.length, drifted: report, fixed };
  }

  private async measure(ref: TargetRef): Promise<{ ref: TargetRef; stored: TributeStats; actual: TributeStats; documentTotal: number; drift: boolean }> {
    const key: CounterKey = 'martyrId' in ref ? { type: 'martyr', id: ref.martyrId } : { type: 'site', id: ref.siteId };
    // Read the counter on both sides of the recount; a change means tributes arrived meanwhile: measure again.
    for (let attempt = 0; ; attempt++) {
      const stored = await this.counters.get(key);
      const actual = await this.repo.countPublished(ref);
      const documentTotal = await this.documentTotal(ref);
      const storedAfter = await this.counters.get(key);
      if (statsEqual(stored, storedAfter) || attempt >= 4) {
        const drift = !statsEqual(storedAfter, actual) || documentTotal !== actual.total;
        return { ref, stored: storedAfter, actual, documentTotal, drift };
      }
    }
  }

  private async measureAll(): Promise<Array<{ ref: TargetRef; stored: TributeStats; actual: TributeStats; documentTotal: number; drift: boolean }>> {
    const counted = await this.repo.countAllPublished();
    const refs: TargetRef[] = [];
    const siteIds = new Set([...counted.sites.keys(), ...(await this.counters.all('site')).keys()]);
    const martyrIds = new Set([...counted.martyrs.keys(), ...(await this.counters.all('martyr')).keys()]);
    for (const siteId of siteIds) refs.push({ siteId });
    for (const martyrId of martyrIds) refs.push({ martyrId });
    const results = [];
    for (const ref of refs) results.push(await this.measure(ref));
    return results;
  }

  private async documentTotal(ref: TargetRef): Promise<number> {
    if ('martyrId' in ref) return (await this.deps.targets.martyrs.findById(ref.martyrId))?.tributeCount ?? 0;
    return (await this.deps.targets.sites.findById(ref.siteId))?.tributeCount ?? 0;
  }

  private assertReviewer(caller: Caller): void {
    if (!hasRole(caller, MANAGER_ROLES)) throw new AppError('FORBIDDEN', '仅管理员和纪念设施管理员可以审核寄语');
  }

  /** The tribute if the caller may review it: 403 for citizens and other sites' managers, 404 when unknown. */
  async assertReviewable(caller: Caller, id: string): Promise<Tribute> {
    this.assertReviewer(caller);
    const tribute = await this.repo.findById(id);
    if (!tribute) throw notFound('寄语');
    assertSiteAccess(caller, tribute.siteId, MANAGER_ROLES);
    if (tribute.kind !== 'message') throw new AppError('CONFLICT', '只有寄语需要审核');
    return tribute;
  }

  private actor(caller: Caller): { id: string; name: string } {
    return { id: caller.id, name: caller.username ?? caller.id };
  }
}
