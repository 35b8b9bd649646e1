import type { AppServices } from '../app.js';
import type { Caller } from '../http/context.js';
import { shanghaiDate } from './dates.js';
import { DEFAULT_RULES } from './rules.js';
import type { SlotTemplateInput } from './schemas.js';

/** Qingming (清明) falls on April 4 or 5; the demo's peak-day override goes on the next one. */
const QINGMING: Record<number, string> = { 2025: '04-04', 2026: '04-05', 2027: '04-05', 2028: '04-04', 2029: '04-04', 2030: '04-05' };

/** The seed acts as a city-wide administrator (recorded as such in the audit log). */
const SEED_ACTOR: Caller = { id: 'seed', kind: 'staff', roles: ['admin'], siteIds: [], username: 'seed' };

/** A plausible template: four visiting slots every day, a larger Qingming peak, the default rules. */
export function demoTemplate(today: string): SlotTemplateInput {
  const year = Number(today.slice(0, 4));
  const qingming = [year, year + 1].map((y) => (QINGMING[y] ? `${y}-${QINGMING[y]}` : null)).find((d) => d !== null && d >= today);
  return {
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    slots: [
      { start: '08:30', end: '10:00', capacity: 60 },
      { start: '10:00', end: '11:30', capacity: 60 },
      { start: '14:00', end: '15:30', capacity: 60 },
      { start: '15:30', end: '17:00', capacity: 40 },
    ],
    overrides: qingming
      ? [
          {
            date: qingming,
            note: '清明祭扫高峰，请按预约时段入园',
            slots: [
              { start: '07:30', end: '09:00', capacity: 200 },
              { start: '09:00', end: '10:30', capacity: 200 },
              { start: '10:30', end: '12:00', capacity: 200 },
              { start: '13:30', end: '15:00', capacity: 200 },
              { start: '15:00', end: '16:30', capacity: 150 },
            ],
          },
        ]
      : [],
    bookingWindowDays: DEFAULT_RULES.bookingWindowDays,
    cancelCutoffMinutes: DEFAULT_RULES.cancelCutoffMinutes,
    maxCompanions: DEFAULT_RULES.maxCompanions,
    group: { ...DEFAULT_RULES.group },
  };
}

/**
 * Gives every published demo site marked bookable a slot template (skipping sites that have one), so
 * that booked visits can be tried at once. Returns how many templates were created. Never in production.
 */
export async function seedDemoBookings(services: AppServices, log: (message: string) => void = () => {}): Promise<number> {
  if (services.ctx.config.isProduction) throw new Error('demo data is never seeded in production');
  const today = shanghaiDate(services.ctx.now());
  let created = 0;
  let after: string | undefined;
  for (;;) {
    const page = await services.sites.repository.list({ status: 'published' }, after, 100);
    for (const site of page) {
      if (!site.bookable || !site.sample) continue;
      if (await services.bookings.templates.findBySite(site.id)) continue;
      await services.bookings.putTemplate(SEED_ACTOR, site.id, demoTemplate(today));
      created++;
    }
    if (page.length < 100) break;
    after = page.at(-1)!.sortKey;
  }
  log(`booking templates: ${created} created`);
  return created;
}
