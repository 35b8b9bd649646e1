import type { FollowState, FollowTargetType } from '../contracts/tributes.js';
import type { AuditService } from '../audit/service.js';
import { notFound } from '../errors.js';
import { assertSiteAccess, MANAGER_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { NotificationService } from '../notifications/service.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit.js';
import type { TargetRef, TributeTarget, TributeTargets } from '../tributes/targets.js';
import { PAGES } from '../tributes/service.js';
import { FollowRepository, NoticeRepository, type Follow, type SiteNotice } from './repository.js';

/** Following and unfollowing is cheap but still a write: generous, per user. */
export const FOLLOW_RULE: RateLimitRule = { name: 'follow', limit: 60, windowSeconds: 60, message: '操作过于频繁，请稍后再试' };
/** Notices reach every follower's phone: a manager posts a few an hour at most. */
export const NOTICE_RULE: RateLimitRule = { name: 'site-notice', limit: 10, windowSeconds: 3600, message: '公告发布过于频繁，请稍后再试' };

const FANOUT_PAGE = 500;

export interface FollowServiceDeps {
  targets: TributeTargets;
  notifications: NotificationService;
  audit: AuditService;
  limiter: RateLimiter;
}

function typeOf(ref: TargetRef): FollowTargetType {
  return 'martyrId' in ref ? 'martyr' : 'site';
}

function idOf(ref: TargetRef): string {
  return 'martyrId' in ref ? ref.martyrId : ref.siteId;
}

/**
 * Follows of sites and martyrs, and the notices managers post on a site. Followers are told of notices
 * through the notification outbox (WeChat subscribe messages in production, the in-app inbox always).
 */
export class FollowService {
  private readonly follows: FollowRepository;
  private readonly notices: NoticeRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: FollowServiceDeps,
  ) {
    this.follows = new FollowRepository(ctx.db);
    this.notices = new NoticeRepository(ctx.db);
  }

  private async assertTarget(ref: TargetRef): Promise<TributeTarget> {
    const target = await this.deps.targets.find(ref);
    if (!target) throw notFound('martyrId' in ref ? '烈士' : '纪念设施');
    return target;
  }

  async state(caller: Caller, ref: TargetRef): Promise<FollowState> {
    await this.assertTarget(ref);
    const [following, followers] = await Promise.all([
      this.follows.exists(caller.id, typeOf(ref), idOf(ref)),
      this.follows.countFollowers(typeOf(ref), idOf(ref)),
    ]);
    return { following, followers };
  }

  /** Idempotent: following twice is one follow. */
  async follow(caller: Caller, ref: TargetRef): Promise<FollowState> {
    await this.deps.limiter.hit(FOLLOW_RULE, caller.id);
    const target = await this.assertTarget(ref);
    await this.follows.insert({
      userId: caller.id,
      targetType: typeOf(ref),
      targetId: idOf(ref),
      siteId: target.siteId,
      name: target.martyrName ?? target.siteName,
      createdAt: this.ctx.now(),
    });
    return { following: true, followers: await this.follows.countFollowers(typeOf(ref), idOf(ref)) };
  }

  /** Idempotent: unfollowing what one does not follow is fine. */
  async unfollow(caller: Caller, ref: TargetRef): Promise<FollowState> {
    await this.deps.limiter.hit(FOLLOW_RULE, caller.id);
    await this.assertTarget(ref);
    await this.follows.remove(caller.id, typeOf(ref), idOf(ref));
    return { following: false, followers: await this.follows.countFollowers(typeOf(ref), idOf(ref)) };
  }

  mine(caller: Caller, limit: number, cursor?: string): Promise<Follow[]> {
    return this.follows.listByUser(caller.id, limit, cursor);
  }

  /**
   * Posts a notice on a site (admin, or a manager of that site), audits it and tells everyone who
   * follows the site or one of its martyrs (a family following a grave wants to hear that the cemetery
   * closes for Qingming). The fan-out writes one outbox entry per user with a dedupe key, so a user
   * following both, or a retried fan-out, is told once.
   */
  async postNotice(caller: Caller, siteId: string, input: { title: string; body: string }): Promise<SiteNotice> {
    assertSiteAccess(caller, siteId, MANAGER_ROLES);
    await this.deps.limiter.hit(NOTICE_RULE, caller.id);
    const target = await this.assertTarget({ siteId });
    const notice = await this.notices.insert({
      siteId,
      title: input.title,
      body: input.body,
      author: { id: caller.id, name: caller.username ?? caller.id },
      createdAt: this.ctx.now(),
      notified: 0,
    });
    await this.deps.audit.record({
      actor: caller,
      action: 'site.notice',
      targetType: 'site_notice',
      targetId: notice.id,
      siteId,
      after: { title: input.title, body: input.body },
    });
    let notified = 0;
    let after: string | undefined;
    for (;;) {
      const followers = await this.follows.siteFollowsAfter(siteId, after, FANOUT_PAGE);
      for (const f of followers) {
        const created = await this.deps.notifications.notify({
          userId: f.userId,
          template: 'site_notice',
          title: `${target.siteName}发布公告`,
          body: input.title,
          page: PAGES.site(siteId),
          data: { noticeId: notice.id, siteId },
          dedupeKey: `notice:${notice.id}:${f.userId}`,
        });
        if (created) notified++;
      }
      if (followers.length < FANOUT_PAGE) break;
      after = followers.at(-1)!.id;
    }
    await this.notices.setNotified(notice.id, notified);
    return { ...notice, notified };
  }

  async listNotices(siteId: string, limit: number, cursor?: string): Promise<SiteNotice[]> {
    await this.assertTarget({ siteId });
    return this.notices.listBySite(siteId, limit, cursor);
  }
}
