import type { AppServices } from '../app.js';
import type { Role } from '../contracts/auth.js';
import { AppError } from '../errors.js';
import { seedDemoBookings } from '../bookings/demo-seed.js';
import { demoMartyrsFor, WUHAN_DEMO_SITES } from './wuhan-sites.js';

/** Password of the demo staff accounts (never present in production: seeding refuses to run there). */
export const DEMO_PASSWORD = 'demo-password-2025';

export interface SeedReport {
  sitesCreated: number;
  martyrsCreated: number;
  accountsCreated: string[];
}

const METRES_PER_DEGREE_LAT = 111_195;

/**
 * Loads the Wuhan demo data: sites and their sample martyrs (only into an empty `sites` collection,
 * idempotent by site code), then the demo staff accounts `admin`, `manager1` and `staff1` (the latter
 * two scoped to the first two demo sites by code), skipping accounts that exist. Never in production.
 */
export async function seedDemo(services: AppServices, log: (message: string) => void = () => {}): Promise<SeedReport> {
  if (services.ctx.config.isProduction) throw new Error('demo data is never seeded in production');
  const report: SeedReport = { sitesCreated: 0, martyrsCreated: 0, accountsCreated: [] };
  const { sites, martyrs, accounts } = services;

  if ((await sites.repository.count()) === 0) {
    for (const [index, demo] of WUHAN_DEMO_SITES.entries()) {
      if (await sites.repository.findByCode(demo.code)) continue;
      const site = await sites.createSite({
        code: demo.code,
        name: demo.name,
        level: demo.level,
        category: demo.category,
        district: demo.district,
        address: demo.address,
        location: { lat: demo.lat, lng: demo.lng },
        ...(demo.openingHours ? { openingHours: demo.openingHours } : {}),
        intro: demo.intro,
        ...(demo.visitorNotice ? { visitorNotice: demo.visitorNotice } : {}),
        status: 'published',
        bookable: demo.bookable,
        sample: true,
      });
      report.sitesCreated++;
      const list = demoMartyrsFor(demo, index).map(({ graveOffset, ...m }) => ({
        ...m,
        sample: true,
        ...(graveOffset
          ? {
              graveLocation: {
                lat: demo.lat + graveOffset.north / METRES_PER_DEGREE_LAT,
                lng: demo.lng + graveOffset.east / (METRES_PER_DEGREE_LAT * Math.cos((demo.lat * Math.PI) / 180)),
              },
            }
          : {}),
      }));
      report.martyrsCreated += (await martyrs.addMartyrs(site.id, list)).length;
    }
    log(`sites: ${report.sitesCreated} created, martyrs: ${report.martyrsCreated} created`);
  } else {
    log('sites already present; demo sites not loaded');
  }
  await seedDemoBookings(services, log);

  const [first, second] = [...WUHAN_DEMO_SITES].sort((a, b) => a.code.localeCompare(b.code));
  const scoped = (await Promise.all([first!, second!].map((d) => sites.repository.findByCode(d.code)))).filter((s) => s !== null);
  const siteIds = scoped.map((s) => s.id);
  const wanted: Array<{ username: string; roles: Role[]; siteIds: string[]; displayName: string }> = [
    { username: 'admin', roles: ['admin'], siteIds: [], displayName: '演示管理员' },
  ];
  // Site-scoped accounts only make sense when the demo sites are there.
  if (siteIds.length === 2) {
    wanted.push({ username: 'manager1', roles: ['site_manager'], siteIds, displayName: '演示纪念设施管理员' });
    wanted.push({ username: 'staff1', roles: ['staff'], siteIds, displayName: '演示工作人员' });
  }
  for (const account of wanted) {
    try {
      await accounts.createStaff({ ...account, password: DEMO_PASSWORD });
      report.accountsCreated.push(account.username);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
  log(`staff accounts created: ${report.accountsCreated.join(', ') || 'none (already present)'}`);
  return report;
}
