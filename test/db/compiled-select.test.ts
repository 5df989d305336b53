import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { Attachment, District, Dossier, Score, Session, Unit, User } from '../../entities';
import { compiledSql, hydrate, queryRows, selectColumns, tableOf } from '../../src/db/compiled-select';
import { inTransaction } from '../../src/db/transactions';
import { countQueries } from '../helpers/query-count';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Hand-written SELECTs must give back exactly what TypeORM's own queries give: every column, every type
// (simple-json parsed, booleans, nulls), on SQLite and on PostgreSQL.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await new DossierFlow(t, COMMUNE).advanceTo('district_review'); // scores, evidence, a session
  await t.as('admin');
});
afterAll(async () => {
  await t.close();
});

const targets: [string, EntityTarget<ObjectLiteral>][] = [
  ['Session', Session],
  ['User', User],
  ['Dossier', Dossier],
  ['Unit', Unit],
  ['District', District],
  ['Score', Score],
  ['Attachment', Attachment],
];

describe('compiled selects', () => {
  it.each(targets)('hydrate %s rows as TypeORM does', async (_name, target) => {
    const expected = await t.ds.manager.find(target, { take: 500 });
    expect(expected.length).toBeGreaterThan(0);
    const sql = compiledSql(
      t.ds,
      `test:${t.ds.getMetadata(target).tableName}`,
      () => `SELECT ${selectColumns(t.ds, target, 'x')} FROM ${tableOf(t.ds, target)} x`,
    );
    const rows = await queryRows(t.ds, sql, []);
    expect(rows).toEqual(await t.ds.query(sql)); // the same rows as TypeORM's own query hands over
    const byId = new Map(rows.map((r) => hydrate(t.ds, target, r, 'x')).map((e) => [idOf(e), e]));
    for (const entity of expected) {
      const mine = byId.get(idOf(entity));
      expect(mine).toBeInstanceOf(target as new () => unknown);
      expect(mine).toStrictEqual(entity);
    }
  });

  it('a row whose columns under the alias are all null is no entity (a LEFT JOIN that found nothing)', () => {
    const row = Object.fromEntries(
      t.ds.getMetadata(District).columns.map((c) => [`x_${c.databaseName}`, null]),
    );
    expect(hydrate(t.ds, District, row, 'x')).toBeNull();
  });

  it('numbers placeholders for PostgreSQL and leaves them for SQLite, once per data source', () => {
    const sql = compiledSql(t.ds, 'test:placeholders', () => 'SELECT 1 WHERE ? = ? AND ? = 1');
    if (t.ds.options.type === 'postgres') expect(sql).toBe('SELECT 1 WHERE $1 = $2 AND $3 = 1');
    else expect(sql).toBe('SELECT 1 WHERE ? = ? AND ? = 1');
    expect(compiledSql(t.ds, 'test:placeholders', () => 'other')).toBe(sql);
  });

  it('run on the connection of the transaction they are part of, and are reported like any statement', async () => {
    const sql = compiledSql(
      t.ds,
      'test:unit-name',
      () => `SELECT u.name AS name FROM ${tableOf(t.ds, Unit)} u WHERE u.id = ?`,
    );
    const unit = await t.ds.getRepository(Unit).findOneByOrFail({});
    const seen = await inTransaction(t.ds, async (em) => {
      await em.update(Unit, { id: unit.id }, { name: 'Tên chưa lưu' });
      const inside = await queryRows<{ name: string }>(em, sql, [unit.id]);
      await em.update(Unit, { id: unit.id }, { name: unit.name });
      return inside[0]?.name;
    });
    expect(seen).toBe('Tên chưa lưu'); // the transaction's own write, so the same connection
    const { result, queries } = await countQueries(t.ds, () =>
      queryRows<{ name: string }>(t.ds, sql, [unit.id]),
    );
    expect(result).toEqual([{ name: unit.name }]);
    expect(queries).toEqual([sql]);
    // A bad statement fails as TypeORM's queries fail.
    await expect(queryRows(t.ds, 'SELECT nope FROM nowhere', [])).rejects.toThrow(/nowhere|nope/);
  });
});

function idOf(entity: ObjectLiteral | null): string {
  if (!entity) throw new Error('no entity');
  return String(entity.id ?? entity.sid);
}
