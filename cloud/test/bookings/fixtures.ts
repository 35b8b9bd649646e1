import { randomBytes, randomUUID } from 'node:crypto';
import type { TestApi } from '../helpers.js';
import { uniqueName } from '../helpers.js';
import type { Site } from '../../src/sites/repository.js';

/** A published site with a slot template set by its manager through the API. */
export interface BookableSite {
  site: Site;
  manager: { token: string; id: string };
}

export const DEFAULT_TEMPLATE = {
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  slots: [
    { start: '09:00', end: '10:00', capacity: 20 },
    { start: '14:00', end: '15:00', capacity: 5 },
  ],
};

export async function bookableSite(api: TestApi, template: Record<string, unknown> = DEFAULT_TEMPLATE): Promise<BookableSite> {
  const site = await api.services.sites.createSite({
    code: `BK-${randomBytes(4).toString('hex').toUpperCase()}`,
    name: '预约测试烈士陵园',
    level: 'municipal',
    category: 'cemetery',
    district: '测试区',
    address: '测试路 1 号',
    location: { lat: 30.5 + Math.random(), lng: 114.3 + Math.random() },
    status: 'published',
  });
  const manager = await api.staff(['site_manager'], [site.id]);
  const res = await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token: manager.token, body: template });
  if (res.status !== 200) throw new Error(`template not saved: ${res.status} ${res.text}`);
  return { site, manager };
}

/** A signed-in citizen made through the account service (no sign-in rate limit in the way of bursts). */
export async function citizen(api: TestApi): Promise<{ token: string; id: string }> {
  const auth = await api.services.accounts.signInDev(uniqueName('citizen'));
  return { token: auth.token, id: auth.user.id };
}

export function slotId(siteId: string, date: string, start: string): string {
  return `${siteId}_${date.replace(/-/g, '')}_${start.replace(':', '')}`;
}

let phoneCounter = 0;
/** A distinct, valid mainland mobile number per call. */
export function phone(): string {
  phoneCounter++;
  return `139${String(Date.now() % 10_000).padStart(4, '0')}${String(phoneCounter % 10_000).padStart(4, '0')}`;
}

export interface BookOptions {
  key?: string;
  partySize?: number;
  contactName?: string;
  contactPhone?: string;
  organization?: string;
  path?: string;
}

export function book(api: TestApi, token: string, slot: string, options: BookOptions = {}) {
  const body: Record<string, unknown> = {
    slotId: slot,
    partySize: options.partySize ?? 1,
    contactName: options.contactName ?? '张三',
    contactPhone: options.contactPhone ?? phone(),
  };
  if (options.organization) body.organization = options.organization;
  return api.request('POST', options.path ?? '/bookings', { token, body, headers: { 'Idempotency-Key': options.key ?? randomUUID() } });
}

export async function slotOf(api: TestApi, siteId: string, date: string, start: string) {
  const res = await api.request('GET', `/sites/${siteId}/slots?date=${date}`);
  return (res.body.items as Array<{ id: string; start: string; capacity: number; remaining: number }>).find((s) => s.start === start);
}

/** A clock the app reads through `now`; tests move it. */
export class Clock {
  constructor(public current: Date) {}
  readonly now = () => this.current;
  set(iso: string): void {
    this.current = new Date(iso);
  }
}
