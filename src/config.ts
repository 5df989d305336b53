import path from 'node:path';
import { readMailConfig, type MailConfig } from './mail/mail-config';

/** Runtime configuration, read once from the environment. */
export interface AppConfig {
  port: number;
  /** `sqlite:<path>`, `postgres://…`, or unset for `<dataDir>/dienhinh.sqlite`. */
  databaseUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  maxUploadBytes: number;
  /** Public base URL used in QR codes and links, e.g. https://dienhinh.tuyenquang.gov.vn */
  publicUrl: string;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  /** Public holidays (YYYY-MM-DD) excluded from working-day deadlines, besides weekends. */
  holidays: string[];
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client (TRUST_PROXY). */
  trustProxy: string;
  /** Failed logins one client address may make in 15 minutes, whatever the names it tries. */
  maxLoginFailuresPerClient: number;
  /**
   * Digital signatures. `secret` (SIGNING_KEYS_SECRET) derives the passwords of the PKCS#12 stores kept in
   * the database; unset, a random one is kept in `<dataDir>/signing.secret` (fine for a demo only).
   * `trustedRootsFile` (SIGNING_TRUSTED_ROOTS): a PEM bundle of roots signatures must chain to, such as
   * the government CA's. `remote`: the remote signing service (REMOTE_SIGNING_URL) and how long to wait
   * for the signer's confirmation.
   */
  /** Outgoing e-mail (SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER, SMTP_PASSWORD, MAIL_FROM); null: none. */
  mail: MailConfig | null;
  signing: {
    secret: string | undefined;
    trustedRootsFile: string | undefined;
    remote: { url: string | undefined; timeoutMs: number; pollMs: number };
  };
}

function intFrom(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** Reads the configuration from `env` (defaults documented in README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = intFrom(env.PORT, 3000);
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demoData: env.DEMO_DATA !== '0',
    maxUploadBytes: intFrom(env.MAX_UPLOAD_MB, 20) * 1024 * 1024,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    secureCookies: env.SECURE_COOKIES === '1',
    holidays: (env.HOLIDAYS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s)),
    trustProxy: env.TRUST_PROXY?.trim() || 'loopback',
    maxLoginFailuresPerClient: intFrom(env.LOGIN_MAX_FAILURES_PER_CLIENT, 20),
    mail: readMailConfig(env),
    signing: {
      secret: env.SIGNING_KEYS_SECRET || undefined,
      trustedRootsFile: env.SIGNING_TRUSTED_ROOTS || undefined,
      remote: {
        url: env.REMOTE_SIGNING_URL?.replace(/\/+$/, '') || undefined,
        timeoutMs: intFrom(env.REMOTE_SIGNING_TIMEOUT_SECONDS, 120) * 1000,
        pollMs: intFrom(env.REMOTE_SIGNING_POLL_MS, 2000),
      },
    },
  };
}
