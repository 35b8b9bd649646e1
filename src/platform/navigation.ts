import Taro, { useRouter } from '@tarojs/taro';

/** Main-package pages and subpackage pages, by the path used in app.config.ts. */
export const Routes = {
  home: '/pages/index/index',
  site: '/pages/site/index',
  martyr: '/pages/martyr/index',
  my: '/pages/my/index',
  myTributes: '/pages/my-tributes/index',
  booking: '/pages/booking/index',
  bookingVoucher: '/pages/booking-voucher/index',
  myBookings: '/pages/my-bookings/index',
  adminLogin: '/packages/admin/pages/login/index',
  adminSites: '/packages/admin/pages/sites/index',
  adminTributes: '/packages/admin/pages/tributes/index',
  adminNotice: '/packages/admin/pages/notice/index',
  adminSweeps: '/packages/admin/pages/sweeps/index',
  adminSweep: '/packages/admin/pages/sweep/index',
  adminCheckIn: '/packages/admin/pages/check-in/index',
  adminBookingDay: '/packages/admin/pages/booking-day/index',
  adminAssistedBooking: '/packages/admin/pages/assisted-booking/index',
  adminRecords: '/packages/admin/pages/records/index',
  adminRecord: '/packages/admin/pages/record/index',
  adminHistory: '/packages/admin/pages/history/index',
  adminImport: '/packages/admin/pages/import/index',
  adminPatrol: '/packages/admin/pages/patrol/index',
  adminStaff: '/packages/admin/pages/staff/index',
  adminStats: '/packages/admin/pages/stats/index',
  adminMartyrs: '/packages/admin/pages/martyrs/index',
  adminSlotTemplate: '/packages/admin/pages/slot-template/index',
  familyRequest: '/packages/family/pages/request/index',
  familySweeps: '/packages/family/pages/list/index',
  familySweep: '/packages/family/pages/detail/index',
} as const;

const TAB_PAGES: readonly string[] = [Routes.home, Routes.my];

function withQuery(path: string, params?: Record<string, string>): string {
  const query = Object.entries(params ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

export function navigateTo(path: string, params?: Record<string, string>): void {
  if (TAB_PAGES.includes(path)) {
    void Taro.switchTab({ url: path }).catch(() => undefined);
    return;
  }
  void Taro.navigateTo({ url: withQuery(path, params) }).catch(() =>
    // The page stack is full (10 pages in WeChat): replace the current page instead.
    Taro.redirectTo({ url: withQuery(path, params) }).catch(() => undefined),
  );
}

export function redirectTo(path: string, params?: Record<string, string>): void {
  void Taro.redirectTo({ url: withQuery(path, params) }).catch(() => undefined);
}

export function navigateBack(): void {
  void Taro.navigateBack().catch(() => Taro.switchTab({ url: Routes.home }).catch(() => undefined));
}

/** Query parameters of the current page (`?id=` etc.), decoded. */
export function usePageParams(): Record<string, string> {
  const params = useRouter().params;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string') {
      try {
        out[k] = decodeURIComponent(v);
      } catch {
        out[k] = v;
      }
    }
  }
  return out;
}

export function setPageTitle(title: string): void {
  void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
}
