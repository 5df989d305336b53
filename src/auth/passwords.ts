import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';
import { COMMON_PASSWORDS } from './common-passwords';

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

/**
 * Password policy for a password a person chooses; a Vietnamese message or null when acceptable.
 * `username` is refused as (part of) the password.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
  if (password.length > 128) return 'Mật khẩu tối đa 128 ký tự.';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có cả chữ và số.';
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    return 'Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}

// No 0/O, 1/l/I: a one-time password is read aloud or copied by hand.
const OTP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random one-time password (12 characters, letters and digits), which passes passwordProblem. */
export function oneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => OTP_ALPHABET[crypto.randomInt(OTP_ALPHABET.length)]);
    const candidate = chars.join('');
    if (passwordProblem(candidate) === null) return candidate;
  }
}
