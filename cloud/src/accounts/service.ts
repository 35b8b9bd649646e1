import type { AuthResponse, MeResponse, Role } from '../contracts/auth.js';
import { AppError } from '../errors.js';
import type { AppContext, Caller } from '../http/context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { AccountRepository, type StaffAccount } from './repository.js';
import { signToken, verifyToken } from './tokens.js';
import { exchangeLoginCode } from './wechat.js';

// Verified against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export class AccountService {
  private readonly repo: AccountRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new AccountRepository(ctx.db);
  }

  async signInWithWechat(code: string): Promise<AuthResponse> {
    const { wechat } = this.ctx.config;
    const session = await exchangeLoginCode(code, { ...wechat, fetch: this.ctx.fetch });
    return this.issueCitizen(session.openid);
  }

  async signInDev(openid: string): Promise<AuthResponse> {
    if (!this.ctx.config.devLoginEnabled) throw new AppError('NOT_FOUND', '接口不存在');
    return this.issueCitizen(`dev:${openid}`);
  }

  async signInStaff(username: string, password: string): Promise<AuthResponse> {
    const account = await this.repo.findStaffByUsername(username);
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok || account.disabled) {
      throw new AppError('UNAUTHENTICATED', account?.disabled && ok ? '该账号已停用' : '用户名或密码错误');
    }
    const token = await this.sign({ sub: account.id, kind: 'staff', roles: account.roles, siteIds: account.siteIds });
    return {
      token,
      expiresIn: this.ctx.config.tokenTtlSeconds,
      user: { id: account.id, roles: account.roles, siteIds: account.siteIds },
    };
  }

  /**
   * Turns a bearer token into the caller. Staff accounts are read on every request so that a disabled
   * account or a changed site assignment takes effect at once.
   */
  async resolveCaller(token: string): Promise<Caller | null> {
    const claims = await verifyToken(token, this.ctx.config.jwtSecret, this.ctx.now());
    if (!claims) return null;
    if (claims.kind === 'citizen') return { id: claims.sub, kind: 'citizen', roles: ['citizen'], siteIds: [] };
    const account = await this.repo.findStaffById(claims.sub);
    if (!account || account.disabled) return null;
    if (account.tokensValidAfter && (claims.issuedAt ?? 0) < Math.floor(account.tokensValidAfter.getTime() / 1000)) return null;
    return { id: account.id, kind: 'staff', roles: account.roles, siteIds: account.siteIds, username: account.username };
  }

  me(caller: Caller): MeResponse {
    return { id: caller.id, roles: caller.roles, siteIds: caller.siteIds, username: caller.username };
  }

  /** Creates a staff account (seed, admin console); 409 when the username is taken. */
  async createStaff(input: { username: string; password: string; roles: Role[]; siteIds: string[]; displayName?: string }): Promise<StaffAccount> {
    const passwordHash = await hashPassword(input.password);
    const created = await this.repo.insertStaff(
      { username: input.username, passwordHash, roles: input.roles, siteIds: input.siteIds, displayName: input.displayName },
      this.ctx.now(),
    );
    if (!created) throw new AppError('CONFLICT', '用户名已存在');
    return created;
  }

  async countStaff(): Promise<number> {
    return this.repo.countStaff();
  }

  private async issueCitizen(openid: string): Promise<AuthResponse> {
    const citizen = await this.repo.upsertCitizen(openid, this.ctx.now());
    const roles: Role[] = ['citizen'];
    const token = await this.sign({ sub: citizen.id, kind: 'citizen', roles, siteIds: [] });
    return { token, expiresIn: this.ctx.config.tokenTtlSeconds, user: { id: citizen.id, roles } };
  }

  private sign(claims: Parameters<typeof signToken>[0]): Promise<string> {
    return signToken(claims, this.ctx.config.jwtSecret, this.ctx.config.tokenTtlSeconds, this.ctx.now());
  }
}
