import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { User } from '../../entities';
import { toCurrentUser, type CurrentUser } from './current-user';
import { verifyPassword } from './passwords';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting Express's own namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- passport's user is our CurrentUser
    interface User extends CurrentUser {}
  }
}

/** passport's `info.message` for the right password of a locked account. */
export const LOCKED = 'account_locked';

/** A passport instance that checks credentials (the local strategy); sessions are src/auth/session.ts's. */
export function createPassport(ds: DataSource): passport.PassportStatic {
  const instance = new passport.Passport() as unknown as passport.PassportStatic;
  instance.use(
    new LocalStrategy((username, password, done) => {
      ds.getRepository(User)
        .findOne({ where: { username: username.trim().toLowerCase() } })
        .then(async (user) => {
          const ok = await verifyPassword(password, user?.passwordHash);
          if (!user || !ok) return done(null, false);
          // Said only to whoever knows the password: a guess learns nothing about the account.
          if (!user.active) return done(null, false, { message: LOCKED });
          return done(null, toCurrentUser(user));
        })
        .catch((err: unknown) => done(err));
    }),
  );
  return instance;
}
