import { Router } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { District, Province, Unit } from '../../entities';
import { ROLE_LABELS } from '../../machines/domain';
import type { AppContext } from '../app-context';
import { compiledSql, queryRows, tableOf } from '../db/compiled-select';
import { parseWith } from '../http/validate';
import type { CurrentUser } from './current-user';
import { currentUser, requireUser } from './require-user';
import { logIn, logOut } from './login';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

type Row = Record<string, string | null>;

/** The names of the user's unit, district and province (null where the user has none), one statement. */
async function scopeNames(ctx: AppContext, user: CurrentUser): Promise<Row> {
  const ds = ctx.ds;
  const sql = compiledSql(ds, 'scope-names', () => {
    const nameIn = (table: string) => `(SELECT t.name FROM ${table} t WHERE t.id = ?)`;
    return (
      `SELECT ${nameIn(tableOf(ds, Unit))} AS "unitName", ${nameIn(tableOf(ds, District))} AS "districtName", ` +
      `${nameIn(tableOf(ds, Province))} AS "provinceName"`
    );
  });
  const rows = await queryRows<Row>(ds, sql, [user.unitId, user.districtId, user.provinceId]);
  return rows[0] ?? {};
}

/** The user as `GET /api/session` shows it, with the names of their scope. */
export async function sessionUserView(ctx: AppContext, user: CurrentUser) {
  const names = await scopeNames(ctx, user);
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    displayName: user.displayName,
    ...(user.unitId ? { unitId: user.unitId, unitName: names.unitName ?? null } : {}),
    ...(user.districtId ? { districtId: user.districtId, districtName: names.districtName ?? null } : {}),
    ...(user.provinceId ? { provinceId: user.provinceId, provinceName: names.provinceName ?? null } : {}),
  };
}

/** POST/GET/DELETE /api/session: log in, who am I, log out. */
export function sessionRoutes(ctx: AppContext, passport: PassportStatic): Router {
  const router = Router();
  router.post('/', async (req, res, next) => {
    req.body = parseWith(LoginBody, req.body, 'Thông tin đăng nhập');
    const user = await logIn(ctx, passport, req, res, next);
    res.json({ user: await sessionUserView(ctx, user) });
  });
  router.get('/', requireUser, async (req, res) => {
    res.json({ user: await sessionUserView(ctx, currentUser(req)) });
  });
  router.delete('/', requireUser, async (req, res) => {
    await logOut(req);
    res.status(204).end();
  });
  return router;
}
