import type {
  AdminMartyr,
  AdminMartyrList,
  AdminSite,
  AdminSiteList,
  HistoryList,
  ImportReport,
  MartyrWrite,
  OverdueList,
  Patrol,
  PatrolCreate,
  PatrolList,
  SitePatchWrite,
  SiteStatus,
  SiteWrite,
  StaffCreate,
  StaffList,
  StaffUpdate,
  StaffView,
  StatsReport,
} from '@/types/api';
import { request, requestRaw } from './request';

const site = (id: string) => `/admin/sites/${encodeURIComponent(id)}`;

/** GET /admin/sites: the caller's sites (admins: all), any status. */
export function listAdminSites(options: { q?: string; status?: SiteStatus; cursor?: string; limit?: number } = {}): Promise<AdminSiteList> {
  return request<AdminSiteList>('/admin/sites', { query: { q: options.q, status: options.status, cursor: options.cursor, limit: options.limit } });
}

/** GET /admin/sites/:id: the full record (一处一档) with its version and last patrol. */
export function getAdminSite(id: string): Promise<AdminSite> {
  return request<AdminSite>(site(id));
}

/** POST /admin/sites (admins). */
export function createAdminSite(body: SiteWrite): Promise<AdminSite> {
  return request<AdminSite>('/admin/sites', { method: 'POST', body });
}

/**
 * PATCH /admin/sites/:id with the version the editor loaded (`If-Match`); a stale version answers
 * 409 CONFLICT (`details.currentVersion`) and nothing is saved.
 */
export function updateAdminSite(id: string, version: number, patch: SitePatchWrite): Promise<AdminSite> {
  return request<AdminSite>(site(id), { method: 'PATCH', body: patch, headers: { 'If-Match': `"${version}"` } });
}

/** GET /admin/sites/:id/history: who changed what, newest first. */
export function getSiteHistory(id: string, cursor?: string): Promise<HistoryList> {
  return request<HistoryList>(`${site(id)}/history`, { query: { cursor } });
}

/** GET /admin/audit (admins): every manager write, filterable. */
export function getAuditLog(filter: { action?: string; targetType?: string; from?: string; to?: string; cursor?: string } = {}): Promise<HistoryList> {
  return request<HistoryList>('/admin/audit', { query: filter });
}

/** POST /admin/import/sites | martyrs: a CSV (UTF-8) or XLSX file, answered with the row-by-row report. */
export function importTable(kind: 'sites' | 'martyrs', bytes: ArrayBuffer, fileName: string): Promise<ImportReport> {
  const xlsx = /\.xlsx$/i.test(fileName);
  return request<ImportReport>(`/admin/import/${kind}`, {
    method: 'POST',
    rawBody: bytes,
    contentType: xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    timeoutMs: 120_000,
  });
}

/** POST /admin/sites/:id/patrols: a custody patrol with position (GCJ-02), condition and photos. */
export function logPatrol(siteId: string, body: PatrolCreate): Promise<Patrol> {
  return request<Patrol>(`${site(siteId)}/patrols`, { method: 'POST', body });
}

export function listPatrols(siteId: string, cursor?: string): Promise<PatrolList> {
  return request<PatrolList>(`${site(siteId)}/patrols`, { query: { cursor } });
}

/** GET /admin/patrols/overdue: scattered graves not patrolled within `days` days. */
export function listOverdue(days = 90): Promise<OverdueList> {
  return request<OverdueList>('/admin/patrols/overdue', { query: { days } });
}

export function listStaff(options: { q?: string; cursor?: string } = {}): Promise<StaffList> {
  return request<StaffList>('/admin/staff', { query: { q: options.q, cursor: options.cursor } });
}

export function createStaff(body: StaffCreate): Promise<StaffView> {
  return request<StaffView>('/admin/staff', { method: 'POST', body });
}

export function updateStaff(id: string, body: StaffUpdate): Promise<StaffView> {
  return request<StaffView>(`/admin/staff/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function resetStaffPassword(id: string, password: string): Promise<StaffView> {
  return request<StaffView>(`/admin/staff/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } });
}

export interface StatsQuery {
  from?: string;
  to?: string;
  siteId?: string;
}

export function getStatistics(query: StatsQuery): Promise<StatsReport> {
  return request<StatsReport>('/admin/statistics', { query: { ...query } });
}

/** GET /admin/statistics.csv: the same report as CSV text (with a BOM for Excel). */
export async function getStatisticsCsv(query: StatsQuery): Promise<string> {
  const res = await requestRaw<string>('/admin/statistics.csv', { query: { ...query }, responseType: 'text', headers: { Accept: 'text/csv' } });
  return typeof res.data === 'string' ? res.data : String(res.data);
}

/** GET /admin/sites/:id/martyrs: the site's martyrs with their versions. */
export function listAdminMartyrs(siteId: string, options: { q?: string; cursor?: string } = {}): Promise<AdminMartyrList> {
  return request<AdminMartyrList>(`${site(siteId)}/martyrs`, { query: { q: options.q, cursor: options.cursor } });
}

export function createMartyr(siteId: string, body: MartyrWrite): Promise<AdminMartyr> {
  return request<AdminMartyr>(`${site(siteId)}/martyrs`, { method: 'POST', body });
}

/** PATCH /admin/martyrs/:id with If-Match; `siteId` moves the martyr to another site. */
export function updateMartyr(id: string, version: number, patch: Partial<Record<keyof MartyrWrite | 'siteId', unknown>>): Promise<AdminMartyr> {
  return request<AdminMartyr>(`/admin/martyrs/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch, headers: { 'If-Match': `"${version}"` } });
}
