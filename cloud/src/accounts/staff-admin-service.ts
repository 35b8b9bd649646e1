import type { StaffCreate, StaffRole, StaffUpdate, StaffView } from '../contracts/admin.js';
import type { AuditService } from '../audit/service.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext, Caller } from '../http/context.js';
import { hashPassword } from './passwords.js';
import { AccountRepository, type StaffAccount, type StaffFilter } from './repository.js';

/** What the audit log keeps of an account: everything but the password hash. */
function auditView(account: StaffAccount): Record<string, unknown> {
  return {
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    siteIds: account.siteIds,
    disabled: account.disabled,
  };
}

export function toStaffView(account: StaffAccount): StaffView {
  return {
    id: account.id,
    username: account.username,
    ...(account.displayName ? { displayName: account.displayName } : {}),
    roles: account.roles,
    siteIds: account.siteIds,
    disabled: account.disabled,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/**
 * Site assignments only mean something for managers and staff; an admin reaches every site. Returns the
 * ids to store (de-duplicated) or throws 400 when a non-admin has none.
 */
export function normaliseAssignment(roles: readonly StaffRole[], siteIds: readonly string[]): string[] {
  if (roles.includes('admin')) return [];
  const unique = [...new Set(siteIds)];
  if (unique.length === 0) {
    throw new AppError('VALIDATION_FAILED', '管理员以外的账号须至少分配一处纪念设施', {
      details: [{ path: 'siteIds', message: '请至少选择一处纪念设施' }],
    });
  }
  return unique;
}

/**
 * An admin may not lock themself out: disabling their own account or dropping their own admin role
 * would leave the console without the person making the change.
 */
export function assertNotSelfLockout(caller: Caller, targetId: string, changes: StaffUpdate): void {
  if (caller.id !== targetId) return;
  if (changes.disabled === true) throw new AppError('CONFLICT', '不能停用自己的账号');
  if (changes.roles && !changes.roles.includes('admin')) throw new AppError('CONFLICT', '不能取消自己的管理员权限');
}

export interface StaffAdminDeps {
  audit: AuditService;
  /** The ids among `ids` that name existing sites. */
  existingSiteIds(ids: readonly string[]): Promise<string[]>;
}

/** Staff account management by admins: create, assign sites, reset passwords, disable. Every write is audited. */
export class StaffAdminService {
  private readonly repo: AccountRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: StaffAdminDeps,
  ) {
    this.repo = new AccountRepository(ctx.db);
  }

  async list(filter: StaffFilter, after: string | undefined, limit: number): Promise<{ items: StaffAccount[]; nextCursor?: string }> {
    const found = await this.repo.listStaff(filter, after, limit + 1);
    const items = found.slice(0, limit);
    return found.length > limit ? { items, nextCursor: items.at(-1)!.username } : { items };
  }

  async get(id: string): Promise<StaffAccount> {
    const account = await this.repo.findStaffById(id);
    if (!account) throw notFound('账号');
    return account;
  }

  async getByUsername(username: string): Promise<StaffAccount> {
    const account = await this.repo.findStaffByUsername(username);
    if (!account) throw notFound(`账号 ${username} `);
    return account;
  }

  async create(caller: Caller, input: StaffCreate): Promise<StaffAccount> {
    const siteIds = normaliseAssignment(input.roles, input.siteIds ?? []);
    await this.assertSitesExist(siteIds);
    const passwordHash = await hashPassword(input.password);
    const created = await this.repo.insertStaff(
      { username: input.username, passwordHash, roles: [...input.roles], siteIds, ...(input.displayName ? { displayName: input.displayName } : {}) },
      this.ctx.now(),
    );
    if (!created) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`);
    await this.deps.audit.record({ actor: caller, action: 'staff.create', targetType: 'staff', targetId: created.id, before: null, after: auditView(created) });
    return created;
  }

  async update(caller: Caller, id: string, changes: StaffUpdate): Promise<StaffAccount> {
    const before = await this.get(id);
    assertNotSelfLockout(caller, id, changes);
    const roles = (changes.roles ?? before.roles) as StaffRole[];
    let siteIds: string[] | undefined;
    if (changes.roles !== undefined || changes.siteIds !== undefined) {
      siteIds = normaliseAssignment(roles, changes.siteIds ?? before.siteIds);
      await this.assertSitesExist(siteIds.filter((s) => !before.siteIds.includes(s)));
    }
    const after = await this.repo.updateStaff(
      id,
      { roles: changes.roles, siteIds, displayName: changes.displayName, disabled: changes.disabled },
      this.ctx.now(),
    );
    if (!after) throw notFound('账号');
    const action = changes.disabled === true && !before.disabled ? 'staff.disable' : changes.disabled === false && before.disabled ? 'staff.enable' : 'staff.update';
    await this.deps.audit.record({ actor: caller, action, targetType: 'staff', targetId: id, before: auditView(before), after: auditView(after) });
    return after;
  }

  /** Sets a new password chosen by the admin; tokens issued before now stop working at once. */
  async resetPassword(caller: Caller, id: string, password: string): Promise<StaffAccount> {
    const passwordHash = await hashPassword(password);
    const after = await this.repo.setPassword(id, passwordHash, this.ctx.now());
    if (!after) throw notFound('账号');
    await this.deps.audit.record({ actor: caller, action: 'staff.reset_password', targetType: 'staff', targetId: id, note: '重置密码' });
    return after;
  }

  private async assertSitesExist(siteIds: readonly string[]): Promise<void> {
    if (siteIds.length === 0) return;
    const found = new Set(await this.deps.existingSiteIds(siteIds));
    const missing = siteIds.filter((s) => !found.has(s));
    if (missing.length > 0) {
      throw new AppError('VALIDATION_FAILED', '分配的纪念设施不存在', {
        details: missing.map((s) => ({ path: `siteIds.${siteIds.indexOf(s)}`, message: `纪念设施 ${s} 不存在` })),
      });
    }
  }
}
