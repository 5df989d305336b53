import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { binary } from '../helpers/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionStep, draftDecision, issueDecision, userIdOf } from '../helpers/decisions';
import { COMMUNE, DossierFlow, PDF_BYTES, PROVINCE_SCHOOL, type FlowActors } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { vnDate } from '../../src/calendar/time';

let t: TestApp;
// The business date (Vietnam), as the services read it: after 17:00 UTC it is already tomorrow there.
const today = () => vnDate(t.now());
const COMMUNES: FlowActors[] = [
  COMMUNE,
  { unit: 'linhphu', district: 'chiemhoa' },
  { unit: 'triphu', district: 'chiemhoa' },
  { unit: 'trungminh', district: 'yenson' },
  { unit: 'hungloi', district: 'yenson' },
  { unit: 'minhhuong', district: 'hamyen' },
  { unit: 'yenlam', district: 'hamyen' },
];
let ready: DossierFlow[];

beforeAll(async () => {
  t = await createTestApp();
  ready = [];
  for (const actors of [...COMMUNES, PROVINCE_SCHOOL])
    ready.push(await new DossierFlow(t, actors).advanceTo('awaiting_decision'));
});
afterAll(async () => {
  await t.close();
});

const proposal = () => ({ number: '15/TTr-SNV', date: today(), body: 'Sở Nội vụ' });
const post = async (username: string, body: Record<string, unknown>) =>
  (await t.as(username)).post('/api/decisions').send(body);
const send = async (username: string, id: string, body: Record<string, unknown>) =>
  (await t.as(username)).post(`/api/decisions/${id}/events`).send(body);
const read = async (username: string, id: string) =>
  (await (await t.as(username)).get(`/api/decisions/${id}`).expect(200)).body as {
    state: string;
    version: number;
    allowedEvents: string[];
    number: string | null;
  };

describe('drafting a decision', () => {
  it('only internal affairs drafts; the signer must be a leader of the province', async () => {
    const body = {
      kind: 'recognition',
      dossierIds: [ready[0].id],
      proposal: proposal(),
      signerId: await userIdOf(t, 'chutich'),
    };
    for (const username of ['bcd138', 'nahang', 'thuongnong', 'admin', 'chutich', 'vanthu']) {
      expect((await post(username, body)).status, username).toBe(403);
    }
    expect((await request(t.app).post('/api/decisions').send(body)).status).toBe(401);
    const wrongSigner = await post('noivu', { ...body, signerId: await userIdOf(t, 'vanthu') });
    expect(wrongSigner.status).toBe(422);
    expect(wrongSigner.body.error.details.fields[0].field).toBe('signerId');
    const noProposal = await post('noivu', { ...body, proposal: { number: '', date: today(), body: 'x' } });
    expect(noProposal.status).toBe(400);
  });

  it('makes a draft without number or date; nothing moves; the draft PDF is marked', async () => {
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[0].id] });
    expect(draft).toMatchObject({ state: 'draft', number: null, version: 1 });
    expect((await ready[0].get()).state).toBe('awaiting_decision');
    const pdf = await (await t.as('noivu')).get(`/api/decisions/${draft.id}/pdf`).buffer(true);
    expect(pdf.status).toBe(200);
    // A dossier is in at most one open decision, and cannot be returned meanwhile.
    const again = await post('noivu', {
      kind: 'recognition',
      dossierIds: [ready[0].id],
      proposal: proposal(),
      signerId: await userIdOf(t, 'chutich'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('dossier_in_open_decision');
    const ret = await ready[0].send('affairs', 'RETURN', { reason: 'Bổ sung' });
    expect(ret.status).toBe(409);
    expect(ret.body.error.code).toBe('dossier_in_open_decision');
    // Cancelling frees the dossier.
    await decisionStep(t, 'noivu', draft.id, 'CANCEL', { reason: 'Lập lại dự thảo' });
    expect((await read('noivu', draft.id)).state).toBe('cancelled');
  });
});

describe('the lifecycle: submit, sign or return, issue', () => {
  it('each step by its own person, refused to everyone else, versioned and audited', async () => {
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[0].id, ready[1].id] });
    // Nobody signs a draft that was not submitted (409 naming what they can do instead).
    const early = await send('chutich', draft.id, { type: 'SIGN', version: 1 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('event_not_allowed');
    expect((await send('noivu', draft.id, { type: 'SUBMIT', version: 7 })).status).toBe(409);
    await decisionStep(t, 'noivu', draft.id, 'SUBMIT');
    expect((await read('chutich', draft.id)).allowedEvents.sort()).toEqual(['RETURN', 'SIGN']);
    // Another leader, internal affairs and the clerk may not sign it.
    for (const username of ['phochutich', 'noivu', 'vanthu']) {
      const v = (await read(username, draft.id)).version;
      expect((await send(username, draft.id, { type: 'SIGN', version: v })).status, username).toBe(403);
    }
    const noReason = await send('chutich', draft.id, { type: 'RETURN', version: 3, reason: ' ' });
    expect(noReason.status).toBe(400);
    await decisionStep(t, 'chutich', draft.id, 'RETURN', { reason: 'Sửa trích yếu' });
    expect((await read('noivu', draft.id)).state).toBe('draft');
    await decisionStep(t, 'noivu', draft.id, 'SUBMIT');
    await decisionStep(t, 'chutich', draft.id, 'SIGN');
    const v = (await read('vanthu', draft.id)).version;
    expect((await send('noivu', draft.id, { type: 'ISSUE', version: v })).status).toBe(403);
    const issued = await decisionStep(t, 'vanthu', draft.id, 'ISSUE');
    expect(issued).toMatchObject({ state: 'issued', number: '01/QĐ-UBND' });
    expect(issued.items.every((i) => /^TQ-\d{4}-/.test(i.serial ?? ''))).toBe(true);
    for (const flow of [ready[0], ready[1]]) {
      const d = await flow.get();
      expect(d.state).toBe('recognized');
      expect(d.certificate).toMatchObject({ decisionNumber: '01/QĐ-UBND', issuedAt: today(), valid: true });
    }
    const history = (await (await t.as('thuongnong')).get(`/api/dossiers/${ready[0].id}/history`)).body;
    expect(history.at(-1)).toMatchObject({
      type: 'RECOGNIZE',
      to: 'recognized',
      actor: { username: 'vanthu' },
    });
    // Outside the province's jurisdiction the decision does not exist.
    expect((await (await t.as('dongtho')).get(`/api/decisions/${draft.id}`)).status).toBe(404);
  });

  it('notifies whoever must act next', async () => {
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[2].id] }, 'phochutich');
    await decisionStep(t, 'noivu', draft.id, 'SUBMIT');
    const notes = async (u: string) =>
      (
        (await (await t.as(u)).get('/api/notifications?unread=true').expect(200)).body.items as {
          message: string;
        }[]
      ).map((n) => n.message);
    expect((await notes('phochutich')).some((m) => m.includes('Chờ ký'))).toBe(true);
    expect((await notes('chutich')).some((m) => m.includes(draft.id.slice(0, 4)))).toBe(false);
    await decisionStep(t, 'phochutich', draft.id, 'SIGN');
    expect((await notes('vanthu')).some((m) => m.includes('chờ ban hành'))).toBe(true);
    await decisionStep(t, 'vanthu', draft.id, 'ISSUE');
  });
});

describe('the register (sổ đăng ký văn bản đi)', () => {
  it('numbers in order, takes a number the register already gave, refuses a taken one (409)', async () => {
    const a = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[3].id] });
    await decisionStep(t, 'noivu', a.id, 'SUBMIT');
    const signedA = await decisionStep(t, 'chutich', a.id, 'SIGN');
    const taken = await send('vanthu', a.id, { type: 'ISSUE', version: signedA.version, number: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('number_taken');
    const given = await decisionStep(t, 'vanthu', a.id, 'ISSUE', { number: 9 });
    expect(given.number).toBe('09/QĐ-UBND');
    // The register moves past a number given by hand: the next one is 10, never 9 again.
    const b = await issueDecision(t, { kind: 'recognition', dossierIds: [ready[4].id] });
    expect(b.number).toBe('10/QĐ-UBND');
    const register = (await (await t.as('vanthu')).get('/api/register').expect(200)).body as {
      entries: { numberText: string; issuedAt: string }[];
    };
    expect(register.entries.map((e) => e.numberText)).toEqual([
      '01/QĐ-UBND',
      '02/QĐ-UBND',
      '09/QĐ-UBND',
      '10/QĐ-UBND',
    ]);
    const csv = await (await t.as('vanthu')).get('/api/register.csv').expect(200);
    expect(csv.text).toContain('10/QĐ-UBND');
    const xlsx = await binary((await t.as('vanthu')).get('/api/register.xlsx')).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer as ArrayBuffer);
    const numbers = book.worksheets[0].getColumn(2).values.filter((v) => typeof v === 'string');
    expect(numbers).toEqual(['Số, ký hiệu', '01/QĐ-UBND', '02/QĐ-UBND', '09/QĐ-UBND', '10/QĐ-UBND']);
    expect((await (await t.as('thuongnong')).get('/api/register')).status).toBe(403);
  });

  it('refuses dates in the future, before the signature, before the dossiers were ready, out of order', async () => {
    const d = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[5].id] });
    await decisionStep(t, 'noivu', d.id, 'SUBMIT');
    const signed = await decisionStep(t, 'chutich', d.id, 'SIGN');
    const issue = (extra: Record<string, unknown>) =>
      send('vanthu', d.id, { type: 'ISSUE', version: signed.version, ...extra });
    const future = await issue({ issuedAt: '2099-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('issued_in_future');
    const backdated = await issue({ issuedAt: '2000-01-01' });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.code).toBe('issued_before_signed');
    expect((await issue({ issuedAt: `${today()}<script>` })).status).toBe(400);
    // A number below the register's last, dated after the next number's date: out of order.
    t.setNow(new Date(t.now().getTime() + 2 * 24 * 3600 * 1000));
    const later = new Date(t.now().getTime()).toISOString().slice(0, 10);
    const outOfOrder = await issue({ number: 5, issuedAt: later });
    expect(outOfOrder.status).toBe(422);
    expect(outOfOrder.body.error.code).toBe('register_out_of_order');
    expect((await read('vanthu', d.id)).state).toBe('signed');
    const ok = await decisionStep(t, 'vanthu', d.id, 'ISSUE');
    expect(ok.number).toBe('11/QĐ-UBND');
  });
});

describe('a decision signed on paper', () => {
  it('keeps the generated document’s hash and the văn thư’s scan beside it', async () => {
    const issued = (await (await t.as('vanthu')).get('/api/decisions?state=issued').expect(200)).body
      .items[0] as { id: string; documentSha256: string };
    expect(issued.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await binary((await t.as('vanthu')).get(`/api/decisions/${issued.id}/pdf`)).expect(200);
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(issued.documentSha256);
    const scan = Buffer.concat([PDF_BYTES, Buffer.from('% ban quet co chu ky va dau\n')]);
    const upload = (who: string, bytes: Buffer, name: string, id = issued.id) =>
      t.as(who).then((a) => a.post(`/api/decisions/${id}/scan`).attach('file', bytes, name));
    expect((await upload('noivu', scan, 'ban-quet.pdf')).status).toBe(403);
    expect((await upload('vanthu', Buffer.from('MZ...'), 'ban-quet.pdf')).status).toBe(422);
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [ready[6].id] });
    expect((await upload('vanthu', scan, 'ban-quet.pdf', draft.id)).status).toBe(409);
    const ok = await upload('vanthu', scan, 'Bản quét QĐ.pdf');
    expect(ok.status).toBe(200);
    expect(ok.body.scan).toEqual({
      fileName: 'Bản quét QĐ.pdf',
      sha256: createHash('sha256').update(scan).digest('hex'),
    });
    const back = await binary((await t.as('noivu')).get(`/api/decisions/${issued.id}/scan`)).expect(200);
    expect(Buffer.compare(back.body as Buffer, scan)).toBe(0);
    await decisionStep(t, 'noivu', draft.id, 'CANCEL', { reason: 'Không dùng' });
  });
});

describe('awards and revocations', () => {
  it('an award decision gives a Bằng khen with a register number; it verifies publicly', async () => {
    const flow = ready[2];
    await flow.proposeAward();
    const issued = await issueDecision(t, { kind: 'award', dossierIds: [flow.id] });
    expect(issued.items[0]).toMatchObject({ registerNumber: 1 });
    const d = (await flow.get()) as unknown as { state: string; award: { serial: string } };
    expect(d.state).toBe('awarded');
    const v = await request(t.app).get(`/api/verify/${d.award.serial}`).expect(200);
    expect(v.body).toMatchObject({
      kind: 'award',
      valid: true,
      issuer: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      signer: { name: 'Nguyễn Văn Sơn', position: 'Chủ tịch' },
    });
    // Typed from paper: lower case, without dashes.
    const typed = d.award.serial.toLowerCase().replace(/-/g, '');
    expect((await request(t.app).get(`/api/verify/${typed}`).expect(200)).body.serial).toBe(d.award.serial);
    const page = await request(t.app).get(`/verify/${typed}`).expect(200);
    expect(page.text).toContain('Hình thức khen thưởng');
    expect(page.text).toContain('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh');
    expect(page.text).not.toContain('Danh hiệu');
    expect(page.text).toContain('Chủ tịch Nguyễn Văn Sơn');
    // /verify without a serial is a lookup form; its query goes to the serial's own page.
    const form = await request(t.app).get('/verify').expect(200);
    expect(form.text).toContain('<form method="get" action="/verify"');
    const found = await request(t.app)
      .get(`/verify?serial=${encodeURIComponent(` ${typed} `)}`)
      .expect(303);
    expect(found.headers.location).toBe(`/verify/${d.award.serial}`);
  });

  it('a revocation names the decision it revokes and exactly its units; the certificate verifies as revoked', async () => {
    const granting = (
      await (await t.as('noivu')).get('/api/decisions?state=issued&kind=recognition').expect(200)
    ).body.items as { id: string; number: string; dossierIds: string[] }[];
    const first = granting.find((g) => g.number === '01/QĐ-UBND');
    if (!first) throw new Error('no first decision');
    const serial = ((await ready[0].get()) as unknown as { certificate: { serial: string } }).certificate
      .serial;
    const outsider = await post('noivu', {
      kind: 'revocation',
      dossierIds: [ready[5].id],
      revokes: first.id,
      ground: 'ceased_to_meet',
      reason: 'Để xảy ra vụ án nghiêm trọng',
      proposal: proposal(),
      signerId: await userIdOf(t, 'chutich'),
    });
    expect(outsider.status).toBe(422);
    const reason = 'Để xảy ra vụ án giết người nghiêm trọng trên địa bàn';
    const revocation = await issueDecision(t, {
      kind: 'revocation',
      dossierIds: [ready[0].id],
      revokes: first.id,
      ground: 'ceased_to_meet',
      reason,
    });
    expect((await ready[0].get()).state).toBe('revoked');
    expect((await ready[1].get()).state).toBe('recognized'); // partial: the other unit keeps it
    const v = await request(t.app).get(`/api/verify/${serial}`).expect(200);
    expect(v.body).toMatchObject({
      valid: false,
      revocationDecisionNumber: revocation.number,
    });
    expect(v.body.revocationReason).toContain(reason);
  });

  it('answers 404 for unknown serials, without listing anything', async () => {
    expect((await request(t.app).get('/api/verify/TQ-2026-0000-0000-0000')).status).toBe(404);
    const page = await request(t.app).get('/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('<script>');
    expect([401, 404]).toContain((await request(t.app).get('/api/verify/')).status);
  });
});
