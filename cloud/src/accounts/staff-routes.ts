import { Router } from 'express';
import { requireRole, assertCaller } from '../http/auth.js';
import { parse } from '../http/validate.js';
import { PasswordResetBody, StaffCreateBody, StaffIdParam, StaffListQuery, StaffUpdateBody } from './schemas.js';
import { toStaffView, type StaffAdminService } from './staff-admin-service.js';

/** Staff account management (admins only). */
export function staffAdminRouter(staff: StaffAdminService): Router {
  const router = Router();
  const adminOnly = requireRole('admin');

  router.get('/admin/staff', adminOnly, async (req, res) => {
    const { q, role, siteId, cursor, limit } = parse(StaffListQuery, req.query);
    const page = await staff.list({ q, role, siteId }, cursor, limit);
    res.json({ items: page.items.map(toStaffView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.post('/admin/staff', adminOnly, async (req, res) => {
    const body = parse(StaffCreateBody, req.body);
    res.status(201).json(toStaffView(await staff.create(assertCaller(req), body)));
  });

  router.get('/admin/staff/:id', adminOnly, async (req, res) => {
    const { id } = parse(StaffIdParam, req.params);
    res.json(toStaffView(await staff.get(id)));
  });

  router.patch('/admin/staff/:id', adminOnly, async (req, res) => {
    const { id } = parse(StaffIdParam, req.params);
    const body = parse(StaffUpdateBody, req.body);
    res.json(toStaffView(await staff.update(assertCaller(req), id, body)));
  });

  router.post('/admin/staff/:id/password', adminOnly, async (req, res) => {
    const { id } = parse(StaffIdParam, req.params);
    const { password } = parse(PasswordResetBody, req.body);
    res.json(toStaffView(await staff.resetPassword(assertCaller(req), id, password)));
  });

  return router;
}
