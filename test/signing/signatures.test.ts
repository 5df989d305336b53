import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionEvent, Province } from '../../entities';
import { decisionStep, draftDecision } from '../helpers/decisions';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { pdfText } from '../helpers/pdf';
import { startRemoteSigningDouble } from '../helpers/remote-signing-double';
import { pdfsig, signAsToken, testCa } from '../helpers/signing';
import { createTestApp, type TestApp } from '../helpers/test-app';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signing-test-'));
const ca = testCa(dir);
const otherCa = testCa(dir, 'CA không được tin cậy');
const chairmanToken = ca.token('Nguyễn Văn Sơn');
let remote: Awaited<ReturnType<typeof startRemoteSigningDouble>>;
let t: TestApp;

beforeAll(async () => {
  remote = await startRemoteSigningDouble({ chutich: ca.token('Nguyễn Văn Sơn') });
  t = await createTestApp({
    config: {
      signing: {
        secret: 'bí mật của bộ thử',
        trustedRootsFile: ca.rootsFile,
        remote: { url: remote.url, timeoutMs: 600, pollMs: 40 },
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await remote.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const download = async (username: string, url: string) =>
  (await binary((await t.as(username)).get(url)).expect(200)).body as Buffer;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A decision awaiting the chairman's signature, for one unit of its own. */
async function submitted(unit: { unit: string; district: string | null }) {
  const flow = await new DossierFlow(t, unit).advanceTo('awaiting_decision');
  const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
  await decisionStep(t, 'noivu', draft.id, 'SUBMIT');
  return { flow, id: draft.id };
}

async function upload(id: string, bytes: Buffer, username = 'chutich') {
  return (await t.as(username))
    .post(`/api/decisions/${id}/signed`)
    .attach('file', bytes, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
}

async function stateOf(id: string) {
  return (await (await t.as('noivu')).get(`/api/decisions/${id}`).expect(200)).body as {
    state: string;
    version: number;
  };
}

describe('keys held by the server (the demo default)', () => {
  let id = '';
  let signedRevision: Buffer = Buffer.alloc(0);

  it('the leader signs: one valid signature in their name, visible, over the document with blank number', async () => {
    const s = await submitted(COMMUNE);
    id = s.id;
    await decisionStep(t, 'chutich', id, 'SIGN');
    signedRevision = await download('chutich', `/api/decisions/${id}/pdf`);
    const sigs = pdfsig(signedRevision);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ commonName: 'Nguyễn Văn Sơn', valid: true, total: true });
    expect(pdfText(signedRevision)).not.toContain('DỰ THẢO');
    const events = await t.ds.getRepository(DecisionEvent).findBy({ decisionId: id, type: 'SIGN' });
    expect(events[0]?.details).toMatchObject({ method: 'server', documentSha256: sha256(signedRevision) });
  });

  it('the văn thư issues: number and date written in, the seal added, both signatures valid, the first unchanged', async () => {
    const issued = await decisionStep(t, 'vanthu', id, 'ISSUE');
    const bytes = await download('noivu', `/api/decisions/${id}/pdf`);
    expect(bytes.subarray(0, signedRevision.length).equals(signedRevision)).toBe(true);
    const sigs = pdfsig(bytes);
    expect(sigs.map((s) => s.commonName)).toEqual(['Nguyễn Văn Sơn', 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG']);
    expect(sigs.every((s) => s.valid)).toBe(true);
    expect(sigs[0].total).toBe(false); // the leader's covers their revision only
    expect(sigs[1].total).toBe(true);
    expect(sigs[0].ranges).toContain(`[0 - `);
    const text = pdfText(bytes);
    expect(text).toContain(`Số: ${issued.number}`);
    expect(text).toMatch(/Tuyên Quang, ngày \d\d tháng \d+ năm \d{4}/);
    // The issued document's hash is in the ISSUE event, and the same bytes are served every time.
    const events = await t.ds.getRepository(DecisionEvent).findBy({ decisionId: id, type: 'ISSUE' });
    expect(events[0]?.details).toMatchObject({ documentSha256: sha256(bytes) });
    expect(sha256(await download('vanthu', `/api/decisions/${id}/pdf`))).toBe(sha256(bytes));
  });

  it('is never re-rendered: a later change of configuration leaves the issued bytes as they were', async () => {
    const before = await download('noivu', `/api/decisions/${id}/pdf`);
    const provinceId = (await t.ds.getRepository(Province).findOneByOrFail({ code: 'TQ' })).id;
    await (
      await t.as('admin')
    )
      .put('/api/legal-bases/recognition/authority')
      .send({ provinceId, collective: true })
      .expect(200);
    const after = await download('noivu', `/api/decisions/${id}/pdf`);
    await (
      await t.as('admin')
    )
      .put('/api/legal-bases/recognition/authority')
      .send({ provinceId, collective: false })
      .expect(200);
    expect(Buffer.compare(before, after)).toBe(0);
  });

  it('certificates are signed by the organization and served as kept', async () => {
    const decision = (await (await t.as('noivu')).get(`/api/decisions/${id}`).expect(200)).body as {
      items: { dossierId: string; serial: string }[];
    };
    const url = `/api/dossiers/${decision.items[0].dossierId}/certificate.pdf`;
    const first = await download('noivu', url);
    const sigs = pdfsig(first);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ commonName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG', valid: true });
    expect(pdfText(first)).toContain(decision.items[0].serial);
    expect(Buffer.compare(first, await download('thuongnong', url))).toBe(0);
  });

  it('the public verification names the signatures, who made them and that they check out', async () => {
    const decision = (await (await t.as('noivu')).get(`/api/decisions/${id}`).expect(200)).body as {
      items: { serial: string }[];
    };
    const v = await request(t.app).get(`/api/verify/${decision.items[0].serial}`).expect(200);
    expect(v.body.signatures).toEqual([
      expect.objectContaining({ signer: 'Nguyễn Văn Sơn', valid: true, kind: 'person' }),
      expect.objectContaining({
        signer: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
        valid: true,
        kind: 'organization',
      }),
    ]);
    expect(v.body.signatures[0].signedAt).toMatch(/\+07:00$/);
    const page = await request(t.app).get(`/verify/${decision.items[0].serial}`).expect(200);
    expect(page.text).toContain('Chữ ký số');
    expect(page.text).toContain('Nguyễn Văn Sơn');
    expect(page.text).toContain('hợp lệ');
  });
});

describe("the leader's own token (external signing)", () => {
  let id = '';

  it('signing.pdf is for the assigned signer only, the same bytes every time', async () => {
    ({ id } = await submitted({ unit: 'linhphu', district: 'chiemhoa' }));
    const a = await download('chutich', `/api/decisions/${id}/signing.pdf`);
    const b = await download('chutich', `/api/decisions/${id}/signing.pdf`);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(pdfText(a)).not.toContain('DỰ THẢO');
    expect((await (await t.as('phochutich')).get(`/api/decisions/${id}/signing.pdf`)).status).toBe(403);
    expect((await (await t.as('noivu')).get(`/api/decisions/${id}/signing.pdf`)).status).toBe(403);
  });

  it('refuses every bad upload with a Vietnamese reason and changes nothing', async () => {
    const prepared = await download('chutich', `/api/decisions/${id}/signing.pdf`);
    const before = await stateOf(id);
    const good = await signAsToken(prepared, chairmanToken, 'Nguyễn Văn Sơn');
    // A byte the signature covers, in what the signing added (a byte of the prepared part would make it
    // another document altogether).
    const tampered = Buffer.from(good);
    const at = good.indexOf('/Location <FEFF', prepared.length) + 16;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const cases: [string, Buffer, string][] = [
      ['tampered', tampered, 'signature_invalid'],
      ['someone else', await signAsToken(prepared, ca.token('Trần Văn Khác')), 'wrong_signer'],
      ['untrusted CA', await signAsToken(prepared, otherCa.token('Nguyễn Văn Sơn')), 'certificate_untrusted'],
      [
        'expired',
        await signAsToken(
          prepared,
          ca.token('Nguyễn Văn Sơn', { notBefore: new Date('2015-01-01T00:00:00Z'), years: 2 }),
        ),
        'certificate_expired',
      ],
      [
        'not an update of signing.pdf',
        await signAsToken(await download('chutich', `/api/decisions/${id}/pdf`), chairmanToken),
        'not_an_update',
      ],
      ['unsigned', prepared, 'not_an_update'],
      ['appended after signing', Buffer.concat([good, Buffer.from('\n% thêm\n')]), 'signature_incomplete'],
    ];
    for (const [what, bytes, code] of cases) {
      const res = await upload(id, bytes);
      expect(res.status, what).toBe(422);
      expect(res.body.error.code, what).toBe(code);
      expect(res.body.error.message, what).toMatch(/[ăâđêôơư]/);
    }
    expect((await upload(id, good, 'phochutich')).status).toBe(403);
    expect(await stateOf(id)).toEqual(before);
  });

  it('accepts the chairman’s token signature as SIGN; a second SIGN is a conflict', async () => {
    const prepared = await download('chutich', `/api/decisions/${id}/signing.pdf`);
    const good = await signAsToken(prepared, chairmanToken, 'Nguyễn Văn Sơn');
    const res = await upload(id, good);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('signed');
    expect((await upload(id, good)).status).toBe(409);
    const again = await (
      await t.as('chutich')
    )
      .post(`/api/decisions/${id}/events`)
      .send({ type: 'SIGN', version: res.body.version });
    expect(again.status).toBe(409);
    await decisionStep(t, 'vanthu', id, 'ISSUE');
    const issued = await download('noivu', `/api/decisions/${id}/pdf`);
    expect(issued.subarray(0, good.length).equals(good)).toBe(true);
    const sigs = pdfsig(issued);
    expect(sigs.map((s) => [s.commonName, s.valid])).toEqual([
      ['Nguyễn Văn Sơn', true],
      ['ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG', true],
    ]);
  });

  it('an upload for a decision not awaiting signature is a conflict', async () => {
    const flow = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    const draft = await draftDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    const res = await upload(draft.id, Buffer.from('%PDF-1.7\n'));
    expect(res.status).toBe(409);
    expect((await stateOf(draft.id)).state).toBe('draft');
  });
});

describe('remote signing (against a local stand-in for the provider)', () => {
  it('waits for the leader’s confirmation and signs with the provider’s key', async () => {
    remote.state.behaviour = 'approve';
    const { id } = await submitted({ unit: 'trungminh', district: 'yenson' });
    const version = (await stateOf(id)).version;
    const res = await (await t.as('chutich')).post(`/api/decisions/${id}/remote-signing`).send({ version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('signed');
    expect(remote.state.requests.at(-1)?.user).toBe('chutich');
    const sigs = pdfsig(await download('chutich', `/api/decisions/${id}/pdf`));
    expect(sigs).toEqual([expect.objectContaining({ commonName: 'Nguyễn Văn Sơn', valid: true })]);
    const events = await t.ds.getRepository(DecisionEvent).findBy({ decisionId: id, type: 'SIGN' });
    expect(events[0]?.details).toMatchObject({ method: 'remote' });
  });

  it('a refusal and a time-out are 422 and leave the decision awaiting signature', async () => {
    const { id } = await submitted({ unit: 'hungloi', district: 'yenson' });
    const before = await stateOf(id);
    for (const [behaviour, code] of [
      ['refuse', 'remote_signing_refused'],
      ['never', 'remote_signing_timeout'],
    ] as const) {
      remote.state.behaviour = behaviour;
      const res = await (
        await t.as('chutich')
      )
        .post(`/api/decisions/${id}/remote-signing`)
        .send({ version: before.version });
      expect(res.status, behaviour).toBe(422);
      expect(res.body.error.code).toBe(code);
    }
    expect(await stateOf(id)).toEqual(before);
    remote.state.behaviour = 'approve';
  });
});
