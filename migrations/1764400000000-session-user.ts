import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idx, ref } from './columns';

/**
 * Sessions name their user in a column, so that a request reads its session and its user in one query
 * (and an account's sessions can be found without reading every session's data).
 */
export class SessionUser1764400000000 implements MigrationInterface {
  name = 'SessionUser1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumn('sessions', new TableColumn(ref('userId', true)));
    await q.createIndex('sessions', idx(['userId']));
    // Sessions open during the upgrade keep working either way; filling the column lets them use the join.
    const rows = (await q.query('SELECT "sid", "data" FROM "sessions"')) as { sid: string; data: string }[];
    for (const row of rows) {
      const userId = sessionUserId(row.data);
      if (userId) await q.manager.update('sessions', { sid: row.sid }, { userId });
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('sessions');
    const index = table?.indices.find((i) => i.columnNames.join(',') === 'userId');
    if (index) await q.dropIndex('sessions', index);
    await q.dropColumn('sessions', 'userId');
  }
}

/** The user id passport keeps in a session's data, if any. */
export function sessionUserId(data: string): string | null {
  try {
    // Sessions name their user as passport wrote it, or (since 2026-12) as `userId`.
    const parsed = JSON.parse(data) as { userId?: unknown; passport?: { user?: unknown } };
    const user = parsed.userId ?? parsed.passport?.user;
    return typeof user === 'string' ? user : null;
  } catch {
    return null;
  }
}
