import type { StatsDay, StatsSection } from '../contracts/admin.js';
import { SWEEP_STATUSES } from '../contracts/proxy-sweeps.js';
import type { BookingRepository } from '../bookings/repository.js';
import type { PatrolRepository } from '../patrols/repository.js';
import type { ProxySweepRepository } from '../proxy-sweeps/repository.js';
import type { TributeRepository } from '../tributes/repository.js';
import { addDays, daysBetween, shanghaiDayStart } from './days.js';

/**
 * One section of the statistics, read from its domain's repository. `fill` adds the section's figures
 * to every day of `days` (keyed by date); `siteIds` undefined means city-wide.
 */
export interface StatsSource {
  section: StatsSection;
  fill(days: Map<string, StatsDay>, from: string, to: string, siteIds: readonly string[] | undefined): Promise<void>;
}

export function bookingsSource(repo: BookingRepository): StatsSource {
  return {
    section: 'bookings',
    async fill(days, from, to, siteIds) {
      for (const day of days.values()) Object.assign(day, { bookings: 0, visitors: 0, checkIns: 0 });
      for (const row of await repo.countByDate(from, to, siteIds)) {
        const day = days.get(row.date);
        if (!day || row.status === 'cancelled') continue;
        day.bookings! += row.bookings;
        day.visitors! += row.seats;
        if (row.status === 'checked_in') day.checkIns! += row.bookings;
      }
    },
  };
}

/** Tributes carry no date field: one count per Shanghai day, over the id range of that day. */
export function tributesSource(repo: TributeRepository): StatsSource {
  return {
    section: 'tributes',
    async fill(days, from, to, siteIds) {
      for (const date of daysBetween(from, to)) {
        const day = days.get(date);
        if (!day) continue;
        const { flower, candle, bow, message } = await repo.countPublishedBetween(shanghaiDayStart(date), shanghaiDayStart(addDays(date, 1)), siteIds);
        day.tributes = { flower, candle, bow, message };
      }
    },
  };
}

export function sweepsSource(repo: ProxySweepRepository): StatsSource {
  return {
    section: 'sweeps',
    async fill(days, from, to, siteIds) {
      for (const day of days.values()) day.sweeps = Object.fromEntries(SWEEP_STATUSES.map((s) => [s, 0]));
      for (const row of await repo.countByDateAndStatus(from, to, siteIds)) {
        const day = days.get(row.date);
        if (day?.sweeps) day.sweeps[row.status] = (day.sweeps[row.status] ?? 0) + row.count;
      }
    },
  };
}

export function patrolsSource(repo: PatrolRepository): StatsSource {
  return {
    section: 'patrols',
    async fill(days, from, to, siteIds) {
      const counts = await repo.countByDay(from, to, siteIds);
      for (const [date, day] of days) day.patrols = counts.get(date) ?? 0;
    },
  };
}
