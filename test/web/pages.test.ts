import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminEvent, CriteriaSet, Unit, User } from '../../entities';
import { DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { binary } from '../helpers/http';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { fieldValue, pageLogin, pageToken, postForm } from './page-session';

const as = async (t: TestApp, username: string) => {
  const agent = request.agent(t.app);
  await pageLogin(agent, username);
  return agent;
};

describe('pages: access, escaping, security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a visitor to the login page and back; never to another site after login', async () => {
    const res = await request(t.app).get('/dossiers?year=2026');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fdossiers%3Fyear%3D2026');
    const agent = request.agent(t.app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/login')).text)?.[1] ?? '';
    const login = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'admin', password: 'Demo@2025', next: '//evil.example/x' });
    expect(login.headers.location).toBe('/');
  });

  it('every page carries the CSP, loads one script file and has no inline script or style', async () => {
    const agent = await as(t, 'admin');
    for (const p of [
      '/',
      '/dossiers',
      '/admin/users',
      '/admin/units',
      '/admin/criteria',
      '/reports',
      '/login',
    ]) {
      const res = await agent.get(p);
      expect(res.status, p).toBeLessThan(400);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      const scripts = res.text.match(/<script[^>]*>/g) ?? [];
      expect(
        scripts.every((s) => /src="\/assets\/app\.js"/.test(s)),
        p,
      ).toBe(true);
      expect(res.text, p).not.toMatch(/<style|\sstyle="|\son[a-z]+="/i);
    }
  });

  it('escapes what users typed everywhere it is shown', async () => {
    const unit = await t.ds.getRepository(Unit).findOneByOrFail({ name: 'Xã Thượng Nông' });
    await t.ds
      .getRepository(Unit)
      .update({ id: unit.id }, { name: 'Xã <script>alert("x")</script> & "Nông"' });
    const flow = await new DossierFlow(t, { unit: 'thuongnong', district: 'nahang' }).open();
    const agent = await as(t, 'nahang');
    const list = await agent.get('/dossiers');
    expect(list.text).toContain(
      'Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Nông&quot;',
    );
    expect(list.text).not.toContain('<script>alert');
    const page = await agent.get(`/dossiers/${flow.id}`);
    expect(page.text).not.toContain('<script>alert');
    await t.ds.getRepository(Unit).update({ id: unit.id }, { name: unit.name });
  });

  it('answers by role and jurisdiction: 403 for the wrong role, 404 outside the jurisdiction', async () => {
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    const unitOfficer = await as(t, 'thuongnong');
    for (const p of ['/admin/users', '/admin/units', '/admin/criteria', '/decisions/new', '/reports']) {
      const res = await unitOfficer.get(p);
      expect(res.status, p).toBe(403);
      expect(res.text).toContain('Không có quyền truy cập');
    }
    expect((await unitOfficer.get(`/dossiers/${flow.id}`)).status).toBe(404); // another unit's dossier
    const otherDistrict = await as(t, 'lambinh');
    const res = await otherDistrict.get(`/dossiers/${flow.id}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('Không tìm thấy');
    expect(
      (
        await postForm(otherDistrict, `/dossiers/${flow.id}/events`, {
          type: 'RETURN',
          version: '1',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await (await as(t, 'chiemhoa')).get(`/dossiers/${flow.id}`)).status).toBe(200);
  });

  it('answers malformed page requests with a 4xx page in Vietnamese and changes nothing', async () => {
    const reviewer = await as(t, 'nahang');
    for (const q of ['year=abc', 'page=-1', 'state=a&state=b', 'unitType=planet', `q=${'x'.repeat(300)}`]) {
      const res = await reviewer.get(`/dossiers?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.text).toContain('Yêu cầu không hợp lệ');
    }
    const flow = await new DossierFlow(t, { unit: 'trungminh', district: 'yenson' }).advanceTo(
      'district_review',
    );
    const reviewerOfUnit = await as(t, 'yenson');
    const hostile: Record<string, string | string[]>[] = [
      { type: '__proto__', version: '3' },
      { type: ['FORWARD', 'RETURN'], version: '3' },
      { type: 'FORWARD', version: 'abc' },
      { type: 'RETURN', version: '3', reason: 'x'.repeat(5000) },
    ];
    for (const fields of hostile) {
      const res = await postForm(reviewerOfUnit, `/dossiers/${flow.id}/events`, fields);
      expect(res.status).toBe(303);
      expect((await reviewerOfUnit.get(`/dossiers/${flow.id}`)).text).toContain('flash error');
    }
    expect((await flow.get()).state).toBe('district_review');
    expect((await reviewer.get('/dossiers/khong-co')).status).toBe(404);
  });

  it('finds units without accents and shows overdue dossiers in the inbox', async () => {
    const flow = await new DossierFlow(t, { unit: 'yenlam', district: 'hamyen' }).advanceTo(
      'district_review',
    );
    const reviewer = await as(t, 'hamyen');
    const found = await reviewer.get('/dossiers?q=yen%20lam');
    expect(found.text).toContain('Xã Yên Lâm');
    expect((await reviewer.get('/dossiers?q=zzz')).text).toContain('Không có hồ sơ nào');
    const inbox = await reviewer.get('/');
    expect(inbox.text).toContain(`/dossiers/${flow.id}`);
    expect(inbox.text).not.toContain('quá hạn)');
    const now = t.now();
    t.setNow(new Date(now.getTime() + 90 * 86_400_000));
    try {
      const late = await reviewer.get('/');
      expect(late.text).toContain('(quá hạn)');
      expect(late.text).toMatch(/1 hồ sơ quá hạn/);
    } finally {
      t.setNow(now);
    }
  });
});

describe('pages: forms keep what was typed and show errors beside the fields', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a score above the maximum is refused beside its criterion; the other values stay', async () => {
    const flow = await new DossierFlow(t, { unit: 'thuongnong', district: 'nahang' }).open();
    await flow.sendOk('unit', 'START', 'self_assessment');
    const agent = await as(t, 'thuongnong');
    const [first, second] = flow.items;
    const res = await postForm(agent, `/dossiers/${flow.id}/self-assessment`, {
      version: '2',
      [`points_${first?.code}`]: '999',
      [`points_${second?.code}`]: '3',
      report: 'Báo cáo dở dang',
    });
    expect(res.status).toBe(303);
    const page = await agent.get(`/dossiers/${flow.id}`);
    expect(page.text).toContain(`Nhập số nguyên từ 0 đến ${first?.maxPoints}`);
    expect(page.text).toMatch(
      new RegExp(`id="f-points_${first?.code}"[^>]*value="999"[^>]*aria-invalid="true"`),
    );
    expect(page.text).toContain('Báo cáo dở dang');
    const api = await (await t.as('thuongnong')).get(`/api/dossiers/${flow.id}`);
    expect(api.body.selfAssessment.scores).toEqual([]); // nothing was saved
  });

  it('submitting without evidence names each criterion that needs a file', async () => {
    const flow = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    await flow.sendOk('unit', 'START', 'self_assessment');
    await flow.selfAssess();
    const agent = await as(t, 'linhphu');
    const { version } = await flow.get();
    await postForm(agent, `/dossiers/${flow.id}/events`, { type: 'SUBMIT', version: String(version) });
    const page = await agent.get(`/dossiers/${flow.id}`);
    expect(page.text).toContain('Hồ sơ tự đánh giá chưa đầy đủ');
    const needing = flow.items.filter((i) => i.evidenceRequired);
    expect(page.text.match(/Tiêu chí này cần tệp minh chứng/g)?.length).toBe(needing.length);
    expect((await flow.get()).state).toBe('self_assessment');
  });

  it('a stale version is a clear conflict, not a silent overwrite', async () => {
    const flow = await new DossierFlow(t, { unit: 'triphu', district: 'chiemhoa' }).open();
    const agent = await as(t, 'triphu');
    await flow.sendOk('unit', 'START', 'self_assessment');
    await postForm(agent, `/dossiers/${flow.id}/events`, { type: 'WITHDRAW', version: '1' });
    const page = await agent.get(`/dossiers/${flow.id}`);
    expect(page.text).toContain('Hồ sơ đã được người khác thay đổi');
    expect((await flow.get()).state).toBe('self_assessment');
  });

  it("admin: extends a dossier's submission deadline from its page; nobody else may", async () => {
    const flow = await new DossierFlow(t, { unit: 'hungloi', district: 'lambinh' }).open();
    const before = await flow.get();
    const deadline = String(before.submissionDeadline);
    const later = new Date(Date.parse(deadline) + 30 * 86_400_000).toISOString().slice(0, 10);
    const unit = await as(t, 'hungloi');
    const refused = await postForm(unit, `/dossiers/${flow.id}/extension`, {
      until: later,
      reason: 'x',
      version: String(before.version),
    });
    expect(refused.status).toBe(403);
    expect((await flow.get()).submissionDeadline).toBe(deadline);
    const admin = await as(t, 'admin');
    const page = await admin.get(`/dossiers/${flow.id}`);
    expect(page.text).toContain('Gia hạn nộp hồ sơ');
    const ok = await postForm(admin, `/dossiers/${flow.id}/extension`, {
      until: later,
      reason: 'Đơn vị bị ảnh hưởng bởi bão lũ',
      version: String(before.version),
    });
    expect(ok.status).toBe(303);
    const after = await admin.get(`/dossiers/${flow.id}`);
    expect(after.text).toContain(`Đã gia hạn nộp hồ sơ đến ${later.split('-').reverse().join('/')}`);
    expect(after.text).toContain('Đơn vị bị ảnh hưởng bởi bão lũ'); // in the history
    expect(String((await flow.get()).submissionDeadline).slice(0, 10)).toBe(later);
  });

  it('admin: a weak password is refused beside the field; disabling a user ends their sessions', async () => {
    const admin = await as(t, 'admin');
    await postForm(admin, '/admin/users', {
      username: 'canbo.yeu',
      displayName: 'Cán bộ',
      password: '123',
      role: 'provincial_appraiser',
      province: 'TQ',
    });
    const page = await admin.get('/admin/users');
    expect(page.text).toMatch(/id="f-password"[^>]*aria-invalid="true"/);
    expect(page.text).toContain('value="canbo.yeu"'); // typed values kept, the password is not
    expect(await t.ds.getRepository(User).existsBy({ username: 'canbo.yeu' })).toBe(false);

    const victim = await t.as('dongtho');
    const row = await t.ds.getRepository(User).findOneByOrFail({ username: 'dongtho' });
    await postForm(admin, `/admin/users/${row.id}/disable`, {}).then((r) => expect(r.status).toBe(303));
    await victim.get('/api/session').expect(401);
    await postForm(admin, `/admin/users/${row.id}/enable`, {});
    await postForm(admin, `/admin/users/${row.id}/password`, {});
    const oneTime = /Mật khẩu dùng một lần của dongtho: ([A-Za-z0-9]{12})/.exec(
      (await admin.get('/admin/users')).text,
    )?.[1];
    await request(t.app).post('/api/session').send({ username: 'dongtho', password: oneTime }).expect(200);
    // Each change is in the administrative record, with who made it; the page lists them.
    const events = await t.ds
      .getRepository(AdminEvent)
      .find({ where: { targetId: row.id }, order: { at: 'ASC' } });
    expect(events.map((e) => e.action)).toEqual(['user.locked', 'user.unlocked', 'user.password_reset']);
    expect(events.every((e) => e.actorUsername === 'admin')).toBe(true);
    const audit = await admin.get('/admin/audit').expect(200);
    expect(audit.text).toContain('Đặt lại mật khẩu cho dongtho');
    expect((await (await as(t, 'yenphu')).get('/admin/audit')).status).toBe(403);
  });

  it('admin: a unit created on the page, a CSV import that refuses bad lines, a criteria version activated', async () => {
    const admin = await as(t, 'admin');
    await postForm(admin, '/admin/units', {
      province_code: 'TQ',
      district_code: '',
      code: 'CQ-MOI',
      name: 'Sở Thử Nghiệm',
      type: 'agency',
      managed_by: 'province',
      tags: '',
      block: 'Khối cơ quan tỉnh',
    }).then((r) => expect(r.status).toBe(303));
    expect(await t.ds.getRepository(Unit).existsBy({ code: 'CQ-MOI' })).toBe(true);
    const token =
      /name="csrf-token" content="([^"]+)"/.exec((await admin.get('/admin/units')).text)?.[1] ?? '';
    const bad =
      'province_code,district_code,code,name,type,managed_by,tags,block\nTQ,,X1,Đơn vị,planet,province,,\n';
    const refused = await admin
      .post(`/admin/units/import?_csrf=${encodeURIComponent(token)}`)
      .attach('file', Buffer.from(bad), { filename: 'units.csv', contentType: 'text/csv' })
      .expect(422);
    expect(refused.text).toMatch(/<td data-label="Dòng">2<\/td>/);
    expect(await t.ds.getRepository(Unit).existsBy({ code: 'X1' })).toBe(false);

    const set = JSON.parse(fs.readFileSync('src/demo/criteria/agency-9745.json', 'utf8')) as {
      version: number;
    };
    const preview = await admin
      .post(`/admin/criteria/import?_csrf=${encodeURIComponent(token)}`)
      .field('activate', '1')
      .attach('file', Buffer.from(JSON.stringify({ ...set, version: set.version + 1 })), {
        filename: 'set.json',
        contentType: 'application/json',
      })
      .expect(200);
    const hidden = fieldValue(preview.text, 'set');
    await postForm(admin, '/admin/criteria/import/confirm', { set: hidden, activate: '1' }).then((r) =>
      expect(r.status).toBe(303),
    );
    const sets = await t.ds
      .getRepository(CriteriaSet)
      .find({ where: { code: (set as unknown as { code: string }).code } });
    expect(sets.find((s) => s.active)?.version).toBe(set.version + 1);
    const old = sets.find((s) => s.version === set.version);
    await postForm(admin, `/admin/criteria/${old?.id}/activate`, {}).then((r) => expect(r.status).toBe(303));
    const again = await t.ds.getRepository(CriteriaSet).find({ where: { code: old?.code } });
    expect(again.find((s) => s.active)?.version).toBe(set.version);
    await admin
      .post(`/admin/criteria/import?_csrf=${encodeURIComponent(token)}`)
      .attach('file', Buffer.from('{not json'), { filename: 'x.json', contentType: 'application/json' })
      .expect(422)
      .then((r) => expect(r.text).toContain('Tệp không phải bảng tính Excel (.xlsx) hay JSON hợp lệ'));
  });
});

describe('decision downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('all certificates of a decision come as one PDF (a page each) and as a ZIP that is the same every time', async () => {
    const flows = [
      await new DossierFlow(t, { unit: 'thuongnong', district: 'nahang' }).advanceTo('awaiting_decision'),
      await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).advanceTo('awaiting_decision'),
    ];
    const affairs = await as(t, 'noivu');
    const chairman = await t.ds.getRepository(User).findOneByOrFail({ username: 'chutich' });
    const drafted = await postForm(affairs, '/decisions', {
      kind: 'recognition',
      dossierIds: flows.map((f) => f.id),
      proposalNumber: '15/TTr-SNV',
      proposalDate: t.now().toISOString().slice(0, 10),
      proposalBody: 'Sở Nội vụ',
      signerId: chairman.id,
    });
    expect(drafted.status).toBe(303);
    const decisionPath = drafted.headers.location as string;
    // Each step from its own person's page: submit, sign, issue.
    const step = async (agent: Awaited<ReturnType<typeof as>>, type: string, version: number) => {
      const res = await postForm(agent, `${decisionPath}/events`, { type, version: String(version) });
      expect(res.status).toBe(303);
    };
    await step(affairs, 'SUBMIT', 1);
    // The assigned signer's queue holds the draft, and its page shows the draft itself; the other
    // leader's queue is empty.
    const signer = await as(t, 'chutich');
    const signerQueue = (await signer.get('/decisions').expect(200)).text;
    expect(signerQueue).toContain('Chờ bạn xử lý (1)');
    expect(signerQueue).toContain(`href="${decisionPath}"`);
    expect((await (await as(t, 'phochutich')).get('/decisions').expect(200)).text).toContain(
      'Không có quyết định nào chờ bạn.',
    );
    const draftPage = (await signer.get(decisionPath).expect(200)).text;
    expect(draftPage).toContain(`<iframe src="/api${decisionPath}/pdf"`);
    const framed = await signer.get(`/api${decisionPath}/pdf`).expect(200);
    expect(framed.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(framed.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    await step(signer, 'SIGN', 2);
    const clerk = await as(t, 'vanthu');
    expect((await clerk.get('/decisions').expect(200)).text).toContain('Chờ bạn xử lý (1)');
    await step(clerk, 'ISSUE', 3);
    expect((await clerk.get('/decisions').expect(200)).text).toContain('Chờ bạn xử lý (0)');
    const page = await affairs.get(decisionPath).expect(200);
    expect(page.text).toContain('Quyết định số 01/QĐ-UBND');
    expect(page.text).not.toContain('Đính kèm bản quét'); // the văn thư's step only
    // The văn thư attaches the paper-signed scan from the page; a file of another kind is refused.
    expect((await clerk.get(decisionPath).expect(200)).text).toContain('Đính kèm bản quét văn bản đã ký');
    const token = await pageToken(clerk, decisionPath);
    const refused = await clerk
      .post(`${decisionPath}/scan?_csrf=${encodeURIComponent(token)}`)
      .attach('file', Buffer.from('không phải PDF'), {
        filename: 'scan.pdf',
        contentType: 'application/pdf',
      });
    expect(refused.status).toBe(303);
    expect((await clerk.get(decisionPath).expect(200)).text).toContain('Bản quét phải là tệp PDF hoặc ảnh.');
    const scanned = await clerk
      .post(`${decisionPath}/scan?_csrf=${encodeURIComponent(token)}`)
      .attach('file', PDF_BYTES, { filename: 'ban-quet-da-ky.pdf', contentType: 'application/pdf' });
    expect(scanned.status).toBe(303);
    const withScan = (await affairs.get(decisionPath).expect(200)).text;
    expect(withScan).toContain('Bản quét đã đính kèm');
    expect(withScan).toContain('ban-quet-da-ky.pdf');
    const all = await binary(affairs.get(`${decisionPath}/certificates.pdf`)).expect(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    fs.writeFileSync(path.join(dir, 'all.pdf'), all.body as Buffer);
    expect(execFileSync('pdfinfo', [path.join(dir, 'all.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    const text = execFileSync('pdftotext', [path.join(dir, 'all.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Xã Thượng Nông');
    expect(text).toContain('Xã Linh Phú');
    const zip1 = await binary(affairs.get(`${decisionPath}/certificates.zip`)).expect(200);
    const zip2 = await binary(affairs.get(`${decisionPath}/certificates.zip`)).expect(200);
    expect(zip1.headers['content-type']).toBe('application/zip');
    expect(Buffer.compare(zip1.body as Buffer, zip2.body as Buffer)).toBe(0);
    fs.writeFileSync(path.join(dir, 'all.zip'), zip1.body as Buffer);
    execFileSync('unzip', ['-q', '-t', path.join(dir, 'all.zip')]); // CRCs check out
    const listing = execFileSync('unzip', ['-Z1', path.join(dir, 'all.zip')], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toHaveLength(2);
    fs.rmSync(dir, { recursive: true, force: true });
    // Other roles in the province can read the decision page but not issue one.
    const appraiser = await as(t, 'bcd138');
    expect((await appraiser.get(decisionPath)).status).toBe(200);
    expect(
      (await postForm(appraiser, '/decisions', { kind: 'recognition', dossierIds: flows[0]?.id ?? '' }))
        .status,
    ).toBe(403);
  });
});

describe('plan pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('everyone reads the plans; the admin edits one, and a bad edit is explained and changes nothing', async () => {
    const reviewer = await as(t, 'nahang');
    const list = await reviewer.get('/plans').expect(200);
    const planPath = /href="(\/plans\/[^"/]+)">[^<]*<\/a>\s*\(2023–2025/.exec(list.text)?.[1] ?? '';
    expect(planPath).not.toBe('');
    const view = await reviewer.get(planPath).expect(200);
    expect(view.text).toContain('Năm 2023');
    expect(view.text).not.toContain('Sửa kế hoạch');
    expect((await reviewer.get(`${planPath}/edit`)).status).toBe(403);

    const admin = await as(t, 'admin');
    const edit = await admin.get(`${planPath}/edit`).expect(200);
    expect(edit.text).not.toContain('JSON');
    const version = /name="version" value="(\d+)"/.exec(edit.text)?.[1] ?? '';
    const period = { startYear: '2023', endYear: '2025' };
    const bad = await postForm(admin, `${planPath}/edit`, {
      ...period,
      version,
      title: '',
      reference: '120/KH-UBND',
    });
    expect(bad.headers.location).toBe(`${planPath}/edit`);
    const refused = (await admin.get(`${planPath}/edit`)).text;
    expect(refused).toMatch(/id="f-title"[^>]*aria-invalid="true"/);
    expect(refused).toMatch(/id="f-reference"[^>]*value="120\/KH-UBND"/);
    const ok = await postForm(admin, `${planPath}/edit`, {
      ...period,
      version,
      title: 'Kế hoạch đã sửa',
      reference: '',
    });
    expect(ok.headers.location).toBe(planPath);
    expect((await reviewer.get(planPath)).text).toContain('Kế hoạch đã sửa');
  });

  it("the admin moves a year's deadlines with date fields; a refused date is marked beside its field", async () => {
    const year = Number(t.now().toISOString().slice(0, 4));
    const api = await t.as('admin');
    const [plan] = (await api.get(`/api/plans?year=${year}`).expect(200)).body.items as {
      id: string;
      version: number;
      years: { year: number; submissionDeadline: string; registrationDeadline: string | null }[];
    }[];
    expect(plan).toBeDefined();
    const py = plan?.years.find((y) => y.year === year);
    const admin = await as(t, 'admin');
    const page = await admin.get(`/plans/${plan?.id}`).expect(200);
    expect(page.text).toContain(`id="f-y${year}_submissionDeadline"`);
    expect((await (await as(t, 'nahang')).get(`/plans/${plan?.id}`)).text).not.toContain('Lưu các hạn');

    const later = `${year + 1}-01-15`;
    const fields = { version: String(plan?.version), [`y${year}_submissionDeadline`]: later };
    if (py?.registrationDeadline) fields[`y${year}_registrationDeadline`] = py.registrationDeadline;
    const ok = await postForm(admin, `/plans/${plan?.id}/deadlines`, fields);
    expect(ok.status).toBe(303);
    const after = (await api.get(`/api/plans/${plan?.id}`).expect(200)).body as typeof plan;
    expect(after?.years.find((y) => y.year === year)?.submissionDeadline).toBe(later);

    await postForm(admin, `/plans/${plan?.id}/deadlines`, {
      version: String(after?.version),
      [`y${year}_submissionDeadline`]: '2099-02-30',
    });
    const refused = await admin.get(`/plans/${plan?.id}`);
    expect(refused.text).toMatch(new RegExp(`id="f-y${year}_submissionDeadline"[^>]*aria-invalid="true"`));
    expect(refused.text).toContain('value="2099-02-30"');
  });
});
