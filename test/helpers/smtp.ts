import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { MailConfig } from '../../src/mail/mail-config';

export interface TestSmtp {
  /** What arrived, parsed (subject and text decoded). */
  received: ParsedMail[];
  config: MailConfig;
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process on a free port. `refuse` answers every recipient with that code
 * (550: permanent, 451: try later) instead of taking the mail.
 */
export async function startTestSmtp(options: { refuse?: 550 | 451; port?: number } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuse) return callback();
      const err = Object.assign(new Error(`Hộp thư ${address.address} không nhận thư`), {
        responseCode: options.refuse,
      });
      callback(err);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((e: unknown) => callback(e as Error));
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    received,
    config: smtpConfig(port),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The app's mail settings for a server on this port (plain SMTP: it is on this host). */
export const smtpConfig = (port: number): MailConfig => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  user: undefined,
  password: undefined,
  from: 'Điển hình Tuyên Quang <no-reply@tuyenquang.gov.vn>',
  pollMs: 60_000,
});

/** A port nothing listens on (bound, then closed): a server that is down. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
