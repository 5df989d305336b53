import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

import { int, str } from './columns';

/** Numbered decisions, the units they name (with certificate serials), and gap-free counters. */
export class Decisions1764100000000 implements MigrationInterface {
  name = 'Decisions1764100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.addColumns('provinces', [
      new TableColumn({ ...str('issuerName', 200), default: "''" }),
      new TableColumn({ ...str('decisionNumberPattern', 64), default: "'{n}/QĐ-UBND'" }),
    ]);
    await q.createTable(
      new Table({
        name: 'decisions',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('provinceId', 36),
          str('kind', 16),
          int('year'),
          int('number'),
          str('numberText', 64),
          int('achievementYear'),
          str('signedAt', 10),
          str('signerName', 200),
          str('signerTitle', 200),
          str('revokesDecisionId', 36, true),
          { name: 'reason', type: 'text', isNullable: true },
          str('createdById', 36),
          str('createdAt', 32),
        ],
        indices: [new TableIndex({ columnNames: ['provinceId', 'year', 'number'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'decision_items',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('decisionId', 36),
          str('dossierId', 36),
          int('position'),
          str('unitName', 300),
          str('districtName', 200, true),
          str('unitType', 20),
          { ...str('serial', 40, true), isUnique: true },
          int('registerNumber', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['decisionId', 'position'], isUnique: true }),
          new TableIndex({ columnNames: ['dossierId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'number_sequences',
        columns: [{ ...str('key', 120), isPrimary: true }, int('value')],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropTable('number_sequences');
    await q.dropTable('decision_items');
    await q.dropTable('decisions');
    await q.dropColumn('provinces', 'decisionNumberPattern');
    await q.dropColumn('provinces', 'issuerName');
  }
}
