import bcrypt from 'bcryptjs';

const ROUNDS = 10;
// Compared against when the username is unknown, so that both answers take the same time.
const DUMMY_HASH = bcrypt.hashSync('dummy-password-for-timing', ROUNDS);

/** A bcrypt hash of the password. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, ROUNDS);
}

/** Checks a password against a hash (or against a dummy one, to hide whether the user exists). */
export function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== undefined);
}

/** Password policy for new and reset passwords; returns a Vietnamese message or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
  if (password.length > 128) return 'Mật khẩu tối đa 128 ký tự.';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có cả chữ và số.';
  return null;
}
