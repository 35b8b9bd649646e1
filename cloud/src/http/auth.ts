import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../contracts/auth.js';
import { AppError } from '../errors.js';
import type { Caller } from './context.js';

export type CallerResolver = (token: string) => Promise<Caller | null>;

/** Reads `Authorization: Bearer …` when present; a bad or expired token is 401 even on public routes. */
export function authenticate(resolve: CallerResolver): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S{1,4096})$/i.exec(header);
    if (!match) return next(new AppError('UNAUTHENTICATED', '登录凭证格式不正确'));
    const caller = await resolve(match[1]!);
    if (!caller) return next(new AppError('UNAUTHENTICATED', '登录已过期或无效，请重新登录'));
    req.caller = caller;
    next();
  };
}

/** Throws 401 unless someone is signed in; returns the caller. */
export function assertCaller(req: Request): Caller {
  if (!req.caller) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.caller;
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  assertCaller(req);
  next();
};

export function hasRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}

/** Express guard: signed in and holding one of the roles, else 401/403. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const caller = assertCaller(req);
    if (!hasRole(caller, roles)) throw new AppError('FORBIDDEN', '无权执行此操作');
    next();
  };
}

/** Staff roles ordered by reach; a guard for "staff and up". */
export const STAFF_ROLES: readonly Role[] = ['admin', 'site_manager', 'staff'];
export const MANAGER_ROLES: readonly Role[] = ['admin', 'site_manager'];

/** True when the caller may act on the site with one of the roles: admins everywhere, others on their sites. */
export function canActOnSite(caller: Caller, siteId: string, roles: readonly Role[] = STAFF_ROLES): boolean {
  if (caller.roles.includes('admin') && roles.includes('admin')) return true;
  return hasRole(caller, roles.filter((r) => r !== 'admin')) && caller.siteIds.includes(siteId);
}

/** Throws 403 unless the caller may act on the site with one of the roles. */
export function assertSiteAccess(caller: Caller, siteId: string, roles: readonly Role[] = STAFF_ROLES): void {
  if (!canActOnSite(caller, siteId, roles)) throw new AppError('FORBIDDEN', '无权管理该纪念设施');
}
