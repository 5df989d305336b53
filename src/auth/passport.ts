import type { Request } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { User } from '../../entities';
import type { CurrentUser } from './current-user';
import { verifyPassword } from './passwords';
import { userLoadedWithSession } from './session-store';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting Express's own namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- passport's user is our CurrentUser
    interface User extends CurrentUser {}
  }
}

/** The session-safe view of a user row. */
export function toCurrentUser(u: User): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    displayName: u.displayName,
    provinceId: u.provinceId,
    districtId: u.districtId,
    unitId: u.unitId,
  };
}

/** A passport instance with the local strategy and session (de)serialization on the given database. */
export function createPassport(ds: DataSource): passport.PassportStatic {
  const instance = new passport.Passport() as unknown as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ session: true }, (username, password, done) => {
      ds.getRepository(User)
        .findOne({ where: { username: username.trim().toLowerCase() } })
        .then(async (user) => {
          const ok = await verifyPassword(password, user?.passwordHash);
          if (!user || !ok || !user.active) return done(null, false);
          return done(null, toCurrentUser(user));
        })
        .catch((err: unknown) => done(err));
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  // A disabled or deleted account loses its sessions at the next request.
  const fromRow = (user: User | null) => (user && user.active ? toCurrentUser(user) : false);
  instance.deserializeUser(
    (req: Request, id: string, done: (err: unknown, user?: CurrentUser | false) => void) => {
      const loaded = userLoadedWithSession(req);
      if (loaded !== undefined && (loaded === null || loaded.id === id)) return done(null, fromRow(loaded));
      ds.getRepository(User)
        .findOne({ where: { id } })
        .then((user) => done(null, fromRow(user)))
        .catch((err: unknown) => done(err));
    },
  );
  return instance;
}
