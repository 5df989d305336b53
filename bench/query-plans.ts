import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/db/data-source';

/** The hot queries of lists, inbox, overdue list, report and history, as the services issue them. */
const QUERIES: { name: string; sql: string }[] = [
  {
    name: 'list (province, newest first, units and districts joined)',
    sql: `SELECT "d"."id", "lu"."name", "ld"."name" FROM "dossiers" "d" LEFT JOIN "units" "lu" ON "lu"."id" = "d"."unitId" LEFT JOIN "districts" "ld" ON "ld"."id" = "lu"."districtId" WHERE "d"."provinceId" = :p ORDER BY "d"."updatedAt" DESC, "d"."id" ASC LIMIT 20`,
  },
  { name: 'list count', sql: `SELECT COUNT(*) FROM "dossiers" WHERE "provinceId" = :p` },
  {
    name: 'inbox (province, state)',
    sql: `SELECT "id" FROM "dossiers" WHERE "provinceId" = :p AND "state" = 'provincial_appraisal' ORDER BY "updatedAt" DESC, "id" ASC LIMIT 20`,
  },
  {
    name: 'district list (district, state)',
    sql: `SELECT "id" FROM "dossiers" WHERE "districtId" = :d AND "state" = 'district_review' ORDER BY "updatedAt" DESC, "id" ASC LIMIT 20`,
  },
  {
    name: 'filter by year',
    sql: `SELECT "id" FROM "dossiers" WHERE "provinceId" = :p AND "year" = :y ORDER BY "updatedAt" DESC, "id" ASC LIMIT 20`,
  },
  {
    name: 'overdue (province, due date)',
    sql: `SELECT "id" FROM "dossiers" WHERE "provinceId" = :p AND "dueAt" < '2100-01-01' ORDER BY "dueAt" ASC LIMIT 50`,
  },
  {
    name: 'report (province, years)',
    sql: `SELECT "unitId", "state" FROM "dossiers" WHERE "provinceId" = :p AND "year" BETWEEN :y0 AND :y`,
  },
  {
    name: 'history (dossier)',
    sql: `SELECT * FROM "audit_events" WHERE "dossierId" = :id ORDER BY "seq" ASC`,
  },
  {
    name: 'list total still held? (change counter)',
    sql: `SELECT "seq" FROM "change_counters" WHERE "scope" = 'dossiers/province/' || :p`,
  },
  {
    name: 'dossier read: dossier, unit, district, scores and evidence in one statement',
    sql: `SELECT "d"."id", "u"."name", "di"."name", (SELECT json_group_array(json_array("s"."stage", "s"."points")) FROM "scores" "s" WHERE "s"."dossierId" = "d"."id"), (SELECT json_group_array("a"."id") FROM "attachments" "a" WHERE "a"."dossierId" = "d"."id" AND "a"."removedAt" IS NULL) FROM "dossiers" "d" LEFT JOIN "units" "u" ON "u"."id" = "d"."unitId" LEFT JOIN "districts" "di" ON "di"."id" = "u"."districtId" WHERE "d"."id" = :id`,
  },
  {
    name: 'session with its user',
    sql: `SELECT * FROM "sessions" "s" LEFT JOIN "users" "u" ON "u"."id" = "s"."userId" WHERE "s"."sid" = 'x'`,
  },
];

/** EXPLAIN QUERY PLAN of each hot query on a SQLite benchmark database. */
export async function queryPlans(dataDir: string): Promise<{ name: string; plan: string }[]> {
  const ds = new DataSource(dataSourceOptions(undefined, dataDir));
  await ds.initialize();
  try {
    const [{ provinceId, districtId, id, year }] = await ds.query(
      `SELECT "provinceId", "districtId", "id", "year" FROM "dossiers" WHERE "districtId" IS NOT NULL LIMIT 1`,
    );
    const out: { name: string; plan: string }[] = [];
    for (const q of QUERIES) {
      const sql = q.sql
        .replace(/:p/g, `'${provinceId}'`)
        .replace(/:d/g, `'${districtId}'`)
        .replace(/:id/g, `'${id}'`)
        .replace(/:y0/g, String(year - 1))
        .replace(/:y/g, String(year));
      const rows: { detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${sql}`);
      out.push({ name: q.name, plan: rows.map((r) => r.detail).join('; ') });
    }
    return out;
  } finally {
    await ds.destroy();
  }
}
