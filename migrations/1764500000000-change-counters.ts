import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, str } from './columns';

/*
 * Change counters on dossiers, kept by triggers so that every writer counts — the server, the CLI, another
 * instance, a hand-run statement. Each insert, update or delete of a dossier adds one to the counter of its
 * province and of its district (old and new, if it moved). A list total computed at counter value n is
 * still exact while the counter reads n (src/db/change-counters.ts).
 *
 * SQLite drops a table's triggers with the table: a later migration that rebuilds `dossiers` (TypeORM does
 * so on SQLite for most column changes) must create them again; test/db/change-counters.test.ts fails if
 * they are missing.
 */

/** The statements counting one dossier row's change, in SQL that SQLite and PL/pgSQL both accept. */
function counting(dialect: 'sqlite' | 'postgres') {
  // A new counter starts at a random value, so that a counter deleted and created again does not repeat
  // values a cache may still hold.
  const start =
    dialect === 'postgres' ? 'floor(random() * 1000000000)::integer' : 'abs(random() % 1000000000)';
  const bump = (scope: string, condition: string) =>
    `INSERT INTO "change_counters" ("scope", "seq") SELECT ${scope}, ${start} WHERE ${condition} ` +
    `ON CONFLICT ("scope") DO UPDATE SET "seq" = "change_counters"."seq" + 1;`;
  const province = (row: Row) => `'dossiers/province/' || ${row}."provinceId"`;
  const district = (row: Row) => `'dossiers/district/' || ${row}."districtId"`;
  return {
    /** The row's province and district. */
    row: (row: Row) => [bump(province(row), 'true'), bump(district(row), `${row}."districtId" IS NOT NULL`)],
    /** The new province and district of a row that moved. */
    moved: () => [
      bump(province('NEW'), 'NEW."provinceId" IS DISTINCT FROM OLD."provinceId"'),
      bump(
        district('NEW'),
        'NEW."districtId" IS NOT NULL AND NEW."districtId" IS DISTINCT FROM OLD."districtId"',
      ),
    ],
  };
}
type Row = 'NEW' | 'OLD';

const SQLITE_TRIGGERS = ['dossiers_counted_insert', 'dossiers_counted_update', 'dossiers_counted_delete'];

export class ChangeCounters1764500000000 implements MigrationInterface {
  name = 'ChangeCounters1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({ name: 'change_counters', columns: [{ ...str('scope', 64), isPrimary: true }, int('seq')] }),
    );
    if (q.connection.options.type === 'postgres') {
      const c = counting('postgres');
      await q.query(`CREATE FUNCTION dossiers_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${c.row('NEW').join('\n    ')}
  ELSE
    ${c.row('OLD').join('\n    ')}
  END IF;
  IF TG_OP = 'UPDATE' THEN
    ${c.moved().join('\n    ')}
  END IF;
  RETURN NULL;
END $$`);
      await q.query(
        'CREATE TRIGGER dossiers_counted AFTER INSERT OR UPDATE OR DELETE ON "dossiers" ' +
          'FOR EACH ROW EXECUTE FUNCTION dossiers_counted()',
      );
    } else {
      const c = counting('sqlite');
      const bodies = [
        ['AFTER INSERT', c.row('NEW')],
        ['AFTER UPDATE', [...c.row('OLD'), ...c.moved()]],
        ['AFTER DELETE', c.row('OLD')],
      ] as const;
      for (const [i, [when, body]] of bodies.entries()) {
        await q.query(
          `CREATE TRIGGER "${SQLITE_TRIGGERS[i]}" ${when} ON "dossiers" BEGIN ${body.join(' ')} END`,
        );
      }
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS dossiers_counted ON "dossiers"');
      await q.query('DROP FUNCTION IF EXISTS dossiers_counted()');
    } else {
      for (const name of SQLITE_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS "${name}"`);
    }
    await q.dropTable('change_counters');
  }
}
