import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';
import { PATROL_CONDITIONS } from '../contracts/admin.js';
import { COORD_SYSTEMS, LatLngBody } from '../site-admin/schemas.js';

export const PatrolCreateBody = z.object({
  location: LatLngBody,
  coordSystem: z.enum(COORD_SYSTEMS).default('gcj02'),
  martyrId: objectIdString('烈士').optional(),
  condition: z.enum(PATROL_CONDITIONS).default('good'),
  note: z.string().trim().min(1).max(500).optional(),
  photos: z.array(objectIdString('照片')).max(9).default([]),
});

export const PatrolListQuery = z.object({
  cursor: objectIdString().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const OverdueQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(90),
});
