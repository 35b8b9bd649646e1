import { randomBytes, randomUUID } from 'node:crypto';
import { signToken } from '../../src/accounts/tokens.js';
import { addDays, shanghaiDate } from '../../src/bookings/dates.js';
import type { Site } from '../../src/sites/repository.js';
import type { Martyr } from '../../src/sites/martyr-repository.js';
import { formWith, makePng } from '../files/images.js';
import { startApi, uniqueName, type ApiResponse, type TestApi } from '../helpers.js';

/** Every kind of caller the authorisation matrix tries on every route. */
export const CALLERS = ['anonymous', 'citizenA', 'citizenB', 'otherSiteStaff', 'siteStaff', 'siteManager', 'admin', 'disabledStaff', 'expiredToken'] as const;
export type CallerName = (typeof CALLERS)[number];

/** 08:00 in Shanghai: today's 09:00 slot is still bookable and check-in is for today's bookings. */
export const WORLD_START = new Date('2026-12-01T08:00:00+08:00');

export class Clock {
  current = new Date(WORLD_START);
  readonly now = () => this.current;
}

export interface Person {
  token: string;
  id: string;
}

/**
 * A small world for the hardening tests: two published sites (site 1 with a martyr and a slot template),
 * two citizens, staff of each site, site 1's manager, an admin, a disabled manager of site 1 and an
 * admin's token that has expired.
 */
export interface World {
  api: TestApi;
  clock: Clock;
  site1: Site;
  site2: Site;
  martyr: Martyr;
  tokens: Record<CallerName, string | undefined>;
  people: Record<Exclude<CallerName, 'anonymous' | 'expiredToken'>, Person & { username?: string }>;
  today: string;
  /** A date `n` days after today (Shanghai). */
  day(n: number): string;
  /** The id of site 1's 09:00 slot on `date`. */
  slot(date: string, start?: string): string;
  /** A new citizen (through the account service: the sign-in rate limit is not what these tests are about). */
  someone(): Promise<Person>;
  request(method: string, path: string, options?: Parameters<TestApi['request']>[2]): Promise<ApiResponse>;
  /** Fails loudly when a fixture request does not give the expected status. */
  must(status: number, method: string, path: string, options?: Parameters<TestApi['request']>[2]): Promise<any>;
  booking(owner: Person, date: string, start?: string): Promise<{ id: string; code: string }>;
  sweep(owner: Person): Promise<{ id: string }>;
  sweepIn(state: 'submitted' | 'accepted' | 'in_progress' | 'completed', owner?: Person): Promise<{ id: string; photoId?: string }>;
  pendingTribute(): Promise<{ id: string }>;
  upload(owner: Person): Promise<{ id: string; url: string }>;
  completeBody(photoId: string): Record<string, unknown>;
  close(): Promise<void>;
}

export const SLOT_TEMPLATE = {
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  slots: [
    { start: '09:00', end: '10:00', capacity: 200 },
    { start: '14:00', end: '15:00', capacity: 200 },
    { start: '16:00', end: '17:00', capacity: 1 },
  ],
};

export async function buildWorld(env: Record<string, string> = {}): Promise<World> {
  const clock = new Clock();
  const api = await startApi({ now: clock.now, env });
  const newSite = (name: string, lat: number) =>
    api.services.sites.createSite({
      code: `HD-${randomBytes(4).toString('hex').toUpperCase()}`,
      name,
      level: 'municipal',
      category: 'cemetery',
      district: '洪山区',
      address: '武汉市洪山区测试路 1 号',
      location: { lat, lng: 114.36 },
      status: 'published',
    });
  const site1 = await newSite('硬化测试烈士陵园', 30.54);
  const site2 = await newSite('另一处烈士纪念碑', 30.64);
  const martyr = await api.services.martyrs.addMartyr({ siteId: site1.id, name: '张英', hometown: '湖北黄陂', deathYear: 1938, gravePosition: '一区三排五号' });

  const citizenA = await api.citizen();
  const citizenB = await api.citizen();
  const otherSiteStaff = await api.staff(['staff'], [site2.id]);
  const siteStaff = await api.staff(['staff'], [site1.id]);
  const siteManager = await api.staff(['site_manager'], [site1.id]);
  const admin = await api.staff(['admin']);
  const disabledStaff = await api.staff(['site_manager'], [site1.id]);
  const disabled = await api.request('PATCH', `/admin/staff/${disabledStaff.id}`, { token: admin.token, body: { disabled: true } });
  if (disabled.status !== 200) throw new Error(`could not disable staff: ${disabled.status} ${disabled.text}`);
  const expiredToken = await signToken(
    { sub: admin.id, kind: 'staff', roles: ['admin'], siteIds: [] },
    api.config.jwtSecret,
    3600,
    new Date(WORLD_START.getTime() - 2 * 86_400_000),
  );

  const template = await api.request('PUT', `/admin/sites/${site1.id}/slot-template`, { token: admin.token, body: SLOT_TEMPLATE });
  if (template.status !== 200) throw new Error(`template not saved: ${template.status} ${template.text}`);

  const today = shanghaiDate(clock.now());
  const request: World['request'] = (method, path, options) => api.request(method, path, options);
  const must: World['must'] = async (status, method, path, options) => {
    const res = await api.request(method, path, options);
    if (res.status !== status) throw new Error(`fixture ${method} ${path}: expected ${status}, got ${res.status} ${res.text}`);
    return res.body;
  };
  let phoneSeq = 0;
  const phone = () => `139${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`;
  const someone = async () => {
    const auth = await api.services.accounts.signInDev(uniqueName('someone'));
    return { token: auth.token, id: auth.user.id };
  };
  const slot = (date: string, start = '09:00') => `${site1.id}_${date.replace(/-/g, '')}_${start.replace(':', '')}`;
  const admins = admin;

  const world: World = {
    api,
    clock,
    site1,
    site2,
    martyr,
    tokens: {
      anonymous: undefined,
      citizenA: citizenA.token,
      citizenB: citizenB.token,
      otherSiteStaff: otherSiteStaff.token,
      siteStaff: siteStaff.token,
      siteManager: siteManager.token,
      admin: admin.token,
      disabledStaff: disabledStaff.token,
      expiredToken,
    },
    people: { citizenA, citizenB, otherSiteStaff, siteStaff, siteManager, admin, disabledStaff },
    today,
    day: (n) => addDays(today, n),
    slot,
    someone,
    request,
    must,
    async booking(owner, date, start = '09:00') {
      const body = await must(201, 'POST', '/bookings', {
        token: owner.token,
        body: { slotId: slot(date, start), partySize: 1, contactName: '张三', contactPhone: phone() },
        headers: { 'Idempotency-Key': randomUUID() },
      });
      return { id: body.id, code: body.code };
    },
    async sweep(owner) {
      const body = await must(201, 'POST', '/proxy-sweeps', {
        token: owner.token,
        body: {
          siteId: site1.id,
          martyrId: martyr.id,
          services: ['clean_headstone', 'offer_flowers'],
          preferredDate: addDays(today, 3),
          message: '爷爷，我们都很想念您。',
          relationship: '孙女',
          contactPhone: phone(),
        },
      });
      return { id: body.id };
    },
    async sweepIn(state, owner) {
      const s = await world.sweep(owner ?? (await someone()));
      if (state === 'submitted') return s;
      await must(200, 'POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: admins.token, body: { assigneeId: siteStaff.id } });
      if (state === 'accepted') return s;
      await must(200, 'POST', `/admin/proxy-sweeps/${s.id}/start`, { token: admins.token });
      if (state === 'in_progress') return s;
      const photo = await world.upload(siteStaff);
      await must(200, 'POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: siteStaff.token, body: world.completeBody(photo.id) });
      return { ...s, photoId: photo.id };
    },
    async pendingTribute() {
      const author = await someone();
      const body = await must(201, 'POST', '/tributes', { token: author.token, body: { siteId: site1.id, kind: 'message', message: '缅怀先烈 www.example.com' } });
      if (body.status !== 'pending') throw new Error(`tribute not held for review: ${JSON.stringify(body)}`);
      return { id: body.id };
    },
    async upload(owner) {
      const body = await must(201, 'POST', '/uploads', { token: owner.token, raw: formWith(makePng(16, 16, ++phoneSeq)) });
      return { id: body.id, url: body.url };
    },
    completeBody(photoId) {
      return {
        photos: [photoId],
        takenAt: clock.now().toISOString(),
        location: { lat: 30.54, lng: 114.36 },
        checklist: ['wipe_headstone', 'lay_flowers', 'message_card', 'phone_family'],
      };
    },
    close: () => api.close(),
  };
  return world;
}
