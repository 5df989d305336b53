/** How mail leaves: SMTP_* and MAIL_FROM from the environment; unset SMTP_HOST means no mail at all. */
export interface MailConfig {
  host: string;
  port: number;
  /**
   * `implicit`: TLS from the first byte (port 465); `starttls`: STARTTLS required; `opportunistic`:
   * STARTTLS when offered; `none`: plain (a relay on the same host only).
   */
  tls: 'implicit' | 'starttls' | 'opportunistic' | 'none';
  user: string | undefined;
  password: string | undefined;
  from: string;
  /** How often the worker looks at the outbox. */
  pollMs: number;
}

const TLS_MODES = ['implicit', 'starttls', 'opportunistic', 'none'] as const;

/** The mail settings, or null when SMTP_HOST is unset (then nothing is sent and nothing fails). */
export function readMailConfig(env: NodeJS.ProcessEnv): MailConfig | null {
  const host = env.SMTP_HOST?.trim();
  if (!host) return null;
  const tls = TLS_MODES.find((m) => m === env.SMTP_TLS?.trim()) ?? 'opportunistic';
  const port = Number(env.SMTP_PORT) > 0 ? Number(env.SMTP_PORT) : tls === 'implicit' ? 465 : 587;
  return {
    host,
    port,
    tls,
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
    from: env.MAIL_FROM?.trim() || `Điển hình <no-reply@${host}>`,
    pollMs: Number(env.MAIL_POLL_SECONDS) > 0 ? Number(env.MAIL_POLL_SECONDS) * 1000 : 30_000,
  };
}
