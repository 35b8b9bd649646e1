import type { AdminMartyr, AdminSite, AdminSiteSummary, HistoryEntry, LastPatrol } from '../contracts/admin.js';
import type { AuditEntry } from '../audit/service.js';
import type { Martyr } from '../sites/martyr-repository.js';
import type { Site } from '../sites/repository.js';
import { siteDescription } from '../sites/responses.js';

export function toAdminSite(site: Site, lastPatrol?: LastPatrol): AdminSite {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    level: site.level,
    category: site.category,
    district: site.district,
    city: site.city,
    address: site.address,
    location: site.location,
    coordSystem: 'gcj02',
    status: site.status,
    ...siteDescription(site),
    bookable: site.bookable,
    ...(site.custody ? { custody: site.custody } : {}),
    ...(site.archive ? { archive: site.archive } : {}),
    martyrCount: site.martyrCount,
    tributeCount: site.tributeCount,
    version: site.version,
    createdAt: site.createdAt.toISOString(),
    updatedAt: site.updatedAt.toISOString(),
    ...(lastPatrol ? { lastPatrol } : {}),
  };
}

export function toAdminSiteSummary(site: Site): AdminSiteSummary {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    level: site.level,
    category: site.category,
    district: site.district,
    address: site.address,
    status: site.status,
    location: site.location,
    version: site.version,
    updatedAt: site.updatedAt.toISOString(),
  };
}

export function toAdminMartyr(m: Martyr): AdminMartyr {
  return {
    id: m.id,
    siteId: m.siteId,
    ...(m.code ? { code: m.code } : {}),
    name: m.name,
    ...(m.gender ? { gender: m.gender } : {}),
    ...(m.birthYear !== undefined ? { birthYear: m.birthYear } : {}),
    ...(m.deathYear !== undefined ? { deathYear: m.deathYear } : {}),
    ...(m.hometown ? { hometown: m.hometown } : {}),
    ...(m.unit ? { unit: m.unit } : {}),
    ...(m.deeds ? { deeds: m.deeds } : {}),
    ...(m.gravePosition ? { gravePosition: m.gravePosition } : {}),
    ...(m.graveLocation ? { graveLocation: m.graveLocation } : {}),
    tributeCount: m.tributeCount,
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toHistoryEntry(e: AuditEntry): HistoryEntry {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    ...(e.siteId ? { siteId: e.siteId } : {}),
    ...(e.changes ? { changes: e.changes } : {}),
    ...(e.note ? { note: e.note } : {}),
  };
}

/**
 * What the audit log compares for a site: the editable fields, with the custody and archive records
 * spread into `custody:x` / `archive:x` (no dots: they are document keys in the log) so that history shows exactly which part of the file changed.
 */
export function siteAuditView(site: Omit<Site, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'tributeCount' | 'martyrCount' | 'sortKey' | 'sample'>): Record<string, unknown> {
  const view: Record<string, unknown> = {
    code: site.code,
    name: site.name,
    level: site.level,
    category: site.category,
    district: site.district,
    city: site.city,
    address: site.address,
    location: site.location,
    status: site.status,
    openingHours: site.openingHours,
    phone: site.phone,
    intro: site.intro,
    photos: site.photos,
    visitorNotice: site.visitorNotice,
    bookable: site.bookable,
  };
  for (const [key, value] of Object.entries(site.custody ?? {})) view[`custody:${key}`] = value;
  for (const [key, value] of Object.entries(site.archive ?? {})) view[`archive:${key}`] = value;
  return view;
}

export function martyrAuditView(m: Omit<Martyr, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'tributeCount' | 'sample'>): Record<string, unknown> {
  return {
    siteId: m.siteId,
    code: m.code,
    name: m.name,
    gender: m.gender,
    birthYear: m.birthYear,
    deathYear: m.deathYear,
    hometown: m.hometown,
    unit: m.unit,
    deeds: m.deeds,
    gravePosition: m.gravePosition,
    graveLocation: m.graveLocation,
  };
}
