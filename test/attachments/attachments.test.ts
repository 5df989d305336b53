import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE, DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let flow: DossierFlow;
beforeAll(async () => {
  t = await createTestApp({ config: { maxUploadBytes: 64 * 1024 } });
  flow = await new DossierFlow(t, COMMUNE).open();
  await flow.sendOk('unit', 'START', 'self_assessment');
});
afterAll(async () => {
  await t.close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const EXE = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');
const upload = async (buf: Buffer, filename: string, criterionCode?: string) => {
  const req = (await t.as('thuongnong')).post(`/api/dossiers/${flow.id}/attachments`);
  if (criterionCode) void req.field('criterionCode', criterionCode);
  return req.attach('file', buf, { filename, contentType: 'application/octet-stream' });
};

describe('evidence uploads', () => {
  it('stores a PDF under a generated key and gives back the same bytes', async () => {
    const name = 'Biên bản Ngày hội 19-8.pdf';
    const res = await upload(PDF_BYTES, name, 'XA-03');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: name.normalize('NFC'),
      size: PDF_BYTES.length,
      sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
      criterionCode: 'XA-03',
    });
    const download = await binary(
      (await t.as('nahang')).get(`/api/dossiers/${flow.id}/attachments/${res.body.id}`),
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.compare(download.body as Buffer, PDF_BYTES)).toBe(0);
  });

  it('shows a PDF or an image inline in the dossier page; other types always download', async () => {
    // General documents of the dossier (no criterion): the other tests count evidence per criterion.
    const pdf = (await upload(PDF_BYTES, 'bien-ban.pdf')).body as { id: string };
    const png = (await upload(PNG, 'anh.png')).body as { id: string };
    const xlsx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);
    const office = await upload(xlsx, 'so-lieu.xlsx');
    const get = async (id: string, q = '?view=inline') =>
      binary((await t.as('nahang')).get(`/api/dossiers/${flow.id}/attachments/${id}${q}`));
    for (const id of [pdf.id, png.id]) {
      const res = await get(id);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^inline;/);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
    if (office.status === 201) {
      const res = await get(office.body.id);
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect((await get(pdf.id, '')).headers['content-disposition']).toMatch(/^attachment;/);
    const page = (await (await t.as('thuongnong')).get(`/dossiers/${flow.id}`).expect(200)).text;
    const flat = page.replace(/\s+/g, ' ');
    const preview = (id: string, kind: string) =>
      `data-preview="/api/dossiers/${flow.id}/attachments/${id}?view=inline" data-kind="${kind}"`;
    expect(flat).toContain(preview(pdf.id, 'pdf'));
    expect(flat).toContain(preview(png.id, 'image'));
    expect(page.replace(/\s+/g, ' ')).toContain('mỗi tệp tối đa 64 KB');
  });

  it('never uses the original name as a path', async () => {
    const res = await upload(PDF_BYTES, '../../../etc/passwd.pdf');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd.pdf');
    const files = fs
      .readdirSync(path.join(t.ctx.config.dataDir, 'attachments'), { recursive: true })
      .map(String);
    expect(files.some((f) => f.includes('passwd'))).toBe(false);
  });

  it('accepts images and Office files by content; refuses disguised or unknown content', async () => {
    expect((await upload(PNG, 'anh-hien-truong.png')).status).toBe(201);
    const exe = await upload(EXE, 'bao-cao.pdf');
    expect(exe.status).toBe(422);
    expect(exe.body.error.code).toBe('unsupported_file_type');
    expect((await upload(PNG, 'khong-phai-pdf.pdf')).status).toBe(422);
    expect((await upload(PDF_BYTES, 'script.js')).status).toBe(422);
    expect((await upload(Buffer.alloc(0), 'rong.pdf')).status).toBe(422);
  });

  it('an oversized upload from the page form is a Vietnamese page naming the limit, never raw JSON', async () => {
    const unit = await t.as('thuongnong');
    const page = await unit.get(`/dossiers/${flow.id}`).expect(200);
    const token = /name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(70 * 1024, 0x20)]);
    const res = await unit
      .post(`/dossiers/${flow.id}/attachments?_csrf=${encodeURIComponent(token)}`)
      .attach('file', big, { filename: 'lon.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Tệp quá lớn');
    expect(res.text).toContain('tối đa 0.1 MB');
    expect(res.text).not.toContain('"error"');
  });

  it('refuses a file over the size limit with 413, a missing file with 400, an unknown criterion with 422', async () => {
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(70 * 1024, 0x20)]);
    const tooBig = await upload(big, 'lon.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    expect(tooBig.body.error.message).toContain('tối đa 0.1 MB');
    const none = await (
      await t.as('thuongnong')
    )
      .post(`/api/dossiers/${flow.id}/attachments`)
      .field('criterionCode', 'XA-01');
    expect(none.status).toBe(400);
    expect((await upload(PDF_BYTES, 'a.pdf', 'XA-99')).status).toBe(422);
  });

  it('only the unit uploads, only in its own dossier; removal is audited and stops counting', async () => {
    const district = await (
      await t.as('nahang')
    )
      .post(`/api/dossiers/${flow.id}/attachments`)
      .attach('file', PDF_BYTES, { filename: 'x.pdf' });
    expect(district.status).toBe(403);
    const other = await (
      await t.as('linhphu')
    )
      .post(`/api/dossiers/${flow.id}/attachments`)
      .attach('file', PDF_BYTES, { filename: 'x.pdf' });
    expect(other.status).toBe(404);

    const added = await upload(PDF_BYTES, 'xa01.pdf', 'XA-01');
    expect((await flow.get()).selfAssessment).toMatchObject({
      missingEvidence: expect.not.arrayContaining(['XA-01']),
    });
    await (
      await t.as('thuongnong')
    )
      .delete(`/api/dossiers/${flow.id}/attachments/${added.body.id}`)
      .expect(204);
    const after = (await flow.get()) as unknown as {
      selfAssessment: { missingEvidence: string[] };
      attachments: { id: string }[];
    };
    expect(after.selfAssessment.missingEvidence).toContain('XA-01');
    expect(after.attachments.map((a) => a.id)).not.toContain(added.body.id);
    const history = (await (await t.as('thuongnong')).get(`/api/dossiers/${flow.id}/history`)).body as {
      type: string;
    }[];
    expect(history.map((e) => e.type)).toContain('ATTACHMENT_REMOVED');
  });

  it('evidence is frozen once the dossier is submitted (409)', async () => {
    await flow.selfAssess();
    await flow.attachEvidence();
    await flow.sendOk('unit', 'SUBMIT', 'district_review');
    const res = await upload(PDF_BYTES, 'muon.pdf', 'XA-01');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'event_not_allowed',
      details: { state: 'district_review', event: 'CHANGE_EVIDENCE', allowedEvents: [] },
    });
    expect(res.body.error.message).toContain('Cấp huyện thẩm tra');
  });
});
