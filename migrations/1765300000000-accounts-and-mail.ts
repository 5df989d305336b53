import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, idx, instant, int, ref, str, text } from './columns';

const USER_COLUMNS: [string, string][] = [
  ['email', 'varchar(254)'],
  ['mailKinds', "varchar(200) NOT NULL DEFAULT ''"],
  ['mailDigest', 'boolean NOT NULL DEFAULT false'],
  ['mustChangePassword', 'boolean NOT NULL DEFAULT false'],
  ['demo', 'boolean NOT NULL DEFAULT false'],
];

/** Accounts people look after themselves (e-mail, one-time passwords, reset links) and the mail outbox. */
export class AccountsAndMail1765300000000 implements MigrationInterface {
  name = 'AccountsAndMail1765300000000';

  public async up(q: QueryRunner): Promise<void> {
    // Plain ADD COLUMN: TypeORM rebuilds the table on SQLite for each added column.
    for (const [name, type] of USER_COLUMNS)
      await q.query(`ALTER TABLE "users" ADD COLUMN "${name}" ${type}`);
    await q.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          id(),
          ref('userId'),
          str('tokenHash', 64),
          instant('createdAt'),
          instant('expiresAt'),
          instant('usedAt', true),
        ],
        indices: [idx(['tokenHash'], true), idx(['userId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          id(),
          ref('userId', true),
          str('toAddress', 254),
          str('subject', 300),
          text('body'),
          str('link', 500, true),
          str('dedupeKey', 200, true),
          str('status', 16),
          { ...int('attempts'), default: 0 },
          instant('nextAttemptAt'),
          instant('expiresAt'),
          str('lastError', 500, true),
          instant('createdAt'),
          instant('sentAt', true),
        ],
        indices: [idx(['status', 'nextAttemptAt']), idx(['userId', 'dedupeKey'], true)],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mail_outbox');
    await q.dropTable('password_resets');
    for (const [name] of [...USER_COLUMNS].reverse())
      await q.query(`ALTER TABLE "users" DROP COLUMN "${name}"`);
  }
}
