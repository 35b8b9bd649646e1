import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, uniqueName, type TestApi } from '../helpers.js';
import { adminCreateSite } from './fixtures.js';

describe('staff account management (admins)', () => {
  let api: TestApi;
  let admin: { token: string; id: string; username: string };
  let siteId: string;

  const signIn = (username: string, password: string) => api.request('POST', '/auth/staff', { body: { username, password } });

  beforeAll(async () => {
    api = await startApi();
    admin = await api.staff(['admin']);
    siteId = (await adminCreateSite(api, admin.token)).id;
  });
  afterAll(() => api.close());

  it('creates a site manager who can sign in with the sites assigned, never storing or returning the password', async () => {
    const username = uniqueName('mgr');
    const res = await api.request('POST', '/admin/staff', { token: admin.token, body: { username, password: 'first-password-1', roles: ['site_manager'], siteIds: [siteId], displayName: '王经理' } });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username, roles: ['site_manager'], siteIds: [siteId], disabled: false, displayName: '王经理' });
    expect(JSON.stringify(res.body)).not.toContain('first-password-1');
    expect(res.body.passwordHash).toBeUndefined();
    const login = await signIn(username, 'first-password-1');
    expect(login.status).toBe(200);
    expect(login.body.user.siteIds).toEqual([siteId]);
    const audit = await api.db.collection('audit_log').findOne({ action: 'staff.create', targetId: res.body.id });
    expect(audit?.actor.name).toBe(admin.username);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('refuses a taken username (409), an unknown site (400), and a manager with no site (400)', async () => {
    const username = uniqueName('dup');
    const body = { username, password: 'password-123', roles: ['staff'], siteIds: [siteId] };
    expect((await api.request('POST', '/admin/staff', { token: admin.token, body })).status).toBe(201);
    expect((await api.request('POST', '/admin/staff', { token: admin.token, body })).status).toBe(409);
    const unknown = await api.request('POST', '/admin/staff', { token: admin.token, body: { ...body, username: uniqueName('u'), siteIds: ['0123456789abcdef01234567'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('siteIds.0');
    expect((await api.request('POST', '/admin/staff', { token: admin.token, body: { ...body, username: uniqueName('u'), siteIds: [] } })).status).toBe(400);
  });

  it('is for admins only: a site manager and a citizen get 403', async () => {
    const manager = await api.staff(['site_manager'], [siteId]);
    const citizen = await api.citizen();
    const body = { username: uniqueName('x'), password: 'password-123', roles: ['admin'] };
    expect((await api.request('POST', '/admin/staff', { token: manager.token, body })).status).toBe(403);
    expect((await api.request('GET', '/admin/staff', { token: citizen.token })).status).toBe(403);
    expect(await api.db.collection('staff_accounts').countDocuments({ username: body.username })).toBe(0);
  });

  it('reassigns sites, which takes effect on the staff member’s very next request', async () => {
    const other = await adminCreateSite(api, admin.token);
    const staff = await api.staff(['site_manager'], [siteId]);
    expect((await api.request('GET', `/admin/sites/${other.id}`, { token: staff.token })).status).toBe(403);

    const res = await api.request('PATCH', `/admin/staff/${staff.id}`, { token: admin.token, body: { siteIds: [siteId, other.id] } });

    expect(res.status).toBe(200);
    expect(res.body.siteIds).toEqual([siteId, other.id]);
    expect((await api.request('GET', `/admin/sites/${other.id}`, { token: staff.token })).status).toBe(200);
  });

  it('disabling an account stops its existing token at once (401) and its sign-in; enabling restores sign-in', async () => {
    const staff = await api.staff(['staff'], [siteId]);
    expect((await api.request('GET', '/me', { token: staff.token })).status).toBe(200);

    const res = await api.request('PATCH', `/admin/staff/${staff.id}`, { token: admin.token, body: { disabled: true } });

    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await api.request('GET', '/me', { token: staff.token })).status).toBe(401);
    expect((await api.request('GET', `/admin/sites/${siteId}`, { token: staff.token })).status).toBe(401);
    expect((await signIn(staff.username, 'test-password-123')).status).toBe(401);
    expect(await api.db.collection('audit_log').countDocuments({ action: 'staff.disable', targetId: staff.id })).toBe(1);

    await api.request('PATCH', `/admin/staff/${staff.id}`, { token: admin.token, body: { disabled: false } });
    expect((await signIn(staff.username, 'test-password-123')).status).toBe(200);
  });

  it('resetting a password makes the old password and the tokens issued before it stop working', async () => {
    const staff = await api.staff(['staff'], [siteId]);
    await new Promise((r) => setTimeout(r, 1100)); // tokens carry whole seconds: the reset must fall in a later second

    const res = await api.request('POST', `/admin/staff/${staff.id}/password`, { token: admin.token, body: { password: 'brand-new-pass-9' } });

    expect(res.status).toBe(200);
    expect((await api.request('GET', '/me', { token: staff.token })).status).toBe(401);
    expect((await signIn(staff.username, 'test-password-123')).status).toBe(401);
    const fresh = await signIn(staff.username, 'brand-new-pass-9');
    expect(fresh.status).toBe(200);
    expect((await api.request('GET', '/me', { token: fresh.body.token })).status).toBe(200);
    expect((await api.request('POST', `/admin/staff/${staff.id}/password`, { token: admin.token, body: { password: 'short' } })).status).toBe(400);
  });

  it('does not let an admin disable themself or drop their own admin role (409)', async () => {
    const me = await api.staff(['admin']);
    expect((await api.request('PATCH', `/admin/staff/${me.id}`, { token: me.token, body: { disabled: true } })).status).toBe(409);
    expect((await api.request('PATCH', `/admin/staff/${me.id}`, { token: me.token, body: { roles: ['staff'], siteIds: [siteId] } })).status).toBe(409);
    expect(await api.db.collection('staff_accounts').findOne({ username: me.username })).toMatchObject({ disabled: false, roles: ['admin'] });
  });

  it('lists accounts with search and paging', async () => {
    const tag = uniqueName('list');
    for (const n of [1, 2, 3]) {
      await api.request('POST', '/admin/staff', { token: admin.token, body: { username: `${tag}_${n}`, password: 'password-123', roles: ['staff'], siteIds: [siteId] } });
    }
    const first = await api.request('GET', `/admin/staff?q=${tag}&limit=2`, { token: admin.token });
    expect(first.body.items.map((s: { username: string }) => s.username)).toEqual([`${tag}_1`, `${tag}_2`]);
    const second = await api.request('GET', `/admin/staff?q=${tag}&limit=2&cursor=${first.body.nextCursor}`, { token: admin.token });
    expect(second.body.items.map((s: { username: string }) => s.username)).toEqual([`${tag}_3`]);
    expect(second.body.nextCursor).toBeUndefined();
  });
});
