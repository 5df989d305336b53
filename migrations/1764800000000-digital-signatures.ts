import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, id, idx, instant, ref, str, text } from './columns';

/**
 * Digital signatures: the leaders' and the organization's signing identities, the trusted roots, and the
 * signed documents kept as issued (the signed revision, the issued decision, each certificate).
 */
export class DigitalSignatures1764800000000 implements MigrationInterface {
  name = 'DigitalSignatures1764800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'signing_identities',
        columns: [
          id(),
          ref('provinceId'),
          str('holder', 16),
          ref('userId', true),
          text('chainPem'),
          str('fingerprint', 64),
          text('pkcs12', true),
          text('imagePng', true),
          bool('sample', false),
          instant('createdAt'),
        ],
        indices: [idx(['provinceId', 'holder', 'userId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'trusted_roots',
        columns: [
          id(),
          text('certificatePem'),
          { ...str('fingerprint', 64), isUnique: true },
          str('subject', 300),
          bool('sample', false),
          instant('createdAt'),
        ],
      }),
    );
    await q.addColumns('decisions', [
      new TableColumn(str('signedDocumentKey', 120, true)),
      new TableColumn(text('signingLayout', true)),
      new TableColumn(str('issuedDocumentKey', 120, true)),
    ]);
    await q.addColumn('decision_items', new TableColumn(str('documentKey', 120, true)));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('decision_items', 'documentKey');
    for (const c of ['issuedDocumentKey', 'signingLayout', 'signedDocumentKey'])
      await q.dropColumn('decisions', c);
    await q.dropTable('trusted_roots');
    await q.dropTable('signing_identities');
  }
}
