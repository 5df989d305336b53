import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { Unit } from '../../entities';
import { contentDisposition } from '../../src/http/downloads';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { binary } from '../helpers/http';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';

describe('Content-Disposition for any file name (RFC 6266 / 5987)', () => {
  it('keeps plain names as they are', () => {
    expect(contentDisposition('inline', 'quyet-dinh-1-2026.pdf')).toBe(
      'inline; filename="quyet-dinh-1-2026.pdf"',
    );
  });
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'bang-cham-diem-RT-ĐÔNG-2026.pdf')).toBe(
      'attachment; filename="bang-cham-diem-RT-DONG-2026.pdf"; filename*=UTF-8\'\'bang-cham-diem-RT-%C4%90%C3%94NG-2026.pdf',
    );
  });
  it('never lets quotes or line breaks into the header', () => {
    const header = contentDisposition('attachment', 'a"b\r\nSet-Cookie: x.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
  });
});

describe('downloads of documents named after a unit with Vietnamese letters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the score sheet of unit "RT-ĐÔNG" downloads (was a 500)', async () => {
    const flow = await new DossierFlow(t, COMMUNE).open();
    await t.ds.getRepository(Unit).update({ id: (await flow.get()).unitId as string }, { code: 'RT-ĐÔNG' });
    const res = await binary((await t.as('thuongnong')).get(`/api/dossiers/${flow.id}/score-sheet.pdf`));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''bang-cham-diem-RT-%C4%90%C3%94NG");
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
