import fs from 'node:fs';
import { issueDecision } from '../helpers/decisions';
import { binary } from '../helpers/http';
import { pdfLines } from '../helpers/pdf';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Province, Unit, User } from '../../entities';
import { toPkcs12 } from '../../src/signing/pki';
import { sampleSignaturePng } from '../../src/signing/sample-images';
import { serverKey } from '../../src/signing/signing-keys';
import { testCa } from '../helpers/signing';
import { runCommand } from '../../src/cli/index';
import { COMMUNE, DossierFlow } from '../helpers/dossier-flow';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCommand(t.ds, argv, (l) => lines.push(l), t.ctx.clock, t.ctx.config);
  return { code, out: lines.join('\n') };
}
const file = (name: string, content: string): string => {
  const p = path.join(t.ctx.config.dataDir, name);
  fs.writeFileSync(p, content);
  return p;
};

describe('admin CLI', () => {
  it('creates a user who can log in; refuses weak passwords, taken names and scopes that do not fit', async () => {
    const r = await cli(
      'user:create',
      '--username',
      'cb.phanthiet',
      '--password',
      'Matkhau2025',
      '--display-name',
      'Trần Thị B',
      '--role',
      'unit_officer',
      '--province',
      'TQ',
      '--unit',
      'TP-PHANTHIET',
    );
    expect(r).toMatchObject({ code: 0 });
    const login = await request(t.app)
      .post('/api/session')
      .send({ username: 'cb.phanthiet', password: 'Matkhau2025' });
    expect(login.body.user).toMatchObject({ role: 'unit_officer', unitName: 'Phường Phan Thiết' });
    await expect(
      cli('user:create', '--username', 'yeu', '--password', '123', '--display-name', 'X', '--role', 'admin'),
    ).rejects.toMatchObject({ code: 'weak_password' });
    await expect(
      cli(
        'user:create',
        '--username',
        'cb.phanthiet',
        '--password',
        'Matkhau2025',
        '--display-name',
        'X',
        '--role',
        'admin',
      ),
    ).rejects.toMatchObject({ code: 'username_taken' });
    await expect(
      cli(
        'user:create',
        '--username',
        'cb.x',
        '--password',
        'Matkhau2025',
        '--display-name',
        'X',
        '--role',
        'district_reviewer',
        '--province',
        'TQ',
      ),
    ).rejects.toMatchObject({ code: 'invalid_scope' });
  });

  it('imports units from CSV all-or-nothing, with errors by line', async () => {
    const bad = file(
      'bad.csv',
      '\uFEFFprovince_code,district_code,code,name,type,managed_by,tags,block\nTQ,NH,NH-SINHLONG,Xã Sinh Long,commune,district,ntm,\nTQ,XX,NH-KHAU,Xã Khâu Tinh,village,district,,\n',
    );
    const refused = await cli('units:import', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Dòng 3/);
    expect(await t.ds.getRepository(Unit).count({ where: { code: 'NH-SINHLONG' } })).toBe(0);

    const good = file(
      'good.csv',
      'province_code,district_code,code,name,type,managed_by,tags,block\nTQ,NH,NH-SINHLONG,Xã Sinh Long,commune,district,ntm;an_toan_antt,\nTQ,,T-BVDK,Bệnh viện Đa khoa tỉnh Tuyên Quang,agency,province,,Khối cơ quan\n',
    );
    expect(await cli('units:import', good)).toMatchObject({
      code: 0,
      out: expect.stringContaining('2 đơn vị mới'),
    });
    const unit = await t.ds.getRepository(Unit).findOneByOrFail({ code: 'NH-SINHLONG' });
    expect(unit).toMatchObject({
      name: 'Xã Sinh Long',
      searchName: 'xa sinh long',
      tags: ['ntm', 'an_toan_antt'],
    });
    expect(await cli('units:import', good)).toMatchObject({
      code: 0,
      out: expect.stringContaining('cập nhật 2'),
    });
  });

  it('imports a new criteria-set version; new dossiers use it, an open dossier keeps its own', async () => {
    const before = await new DossierFlow(t, COMMUNE).open();
    const official = {
      code: 'QD9745-XA',
      version: 2,
      title: 'Bộ tiêu chí chính thức (34 tiêu chí, đạt/không đạt)',
      unitTypes: ['commune', 'ward', 'town', 'special_zone'],
      passingScore: 34,
      items: Array.from({ length: 34 }, (_, i) => ({
        code: `TC-${String(i + 1).padStart(2, '0')}`,
        title: `Tiêu chí ${i + 1}`,
        maxPoints: 1,
        mandatory: false,
        evidenceRequired: false,
      })),
    };
    const r = await cli('criteria:import', file('set.json', JSON.stringify(official)), '--activate');
    expect(r.out).toMatch(/phiên bản 2 \(đang áp dụng\)/);
    const current = (
      await (await t.as('linhphu')).get('/api/criteria-sets/current?unitType=commune').expect(200)
    ).body;
    expect(current).toMatchObject({ version: 2, passingScore: 34, maxTotal: 34 });
    expect(current.items).toHaveLength(34);
    const after = await new DossierFlow(t, { unit: 'linhphu', district: 'chiemhoa' }).open();
    expect(after.items).toHaveLength(34);
    expect((await before.get()).criteriaSet).toMatchObject({ version: 1 });
    await expect(cli('criteria:import', file('set.json', JSON.stringify(official)))).rejects.toMatchObject({
      code: 'criteria_set_exists',
    });
    await expect(
      cli('criteria:import', file('bad.json', JSON.stringify({ ...official, version: 3, passingScore: 99 }))),
    ).rejects.toMatchObject({ code: 'invalid_criteria_set' });
  });

  it('prints a dossier with its history and verifies the audit chain', async () => {
    const shown = await cli('dossier:show', `NH-THUONGNONG:${t.now().getFullYear()}`);
    expect(shown.out).toMatch(/Xã Thượng Nông/);
    expect(shown.out).toMatch(/#1 .* thuongnong \(unit_officer\) Đăng ký xây dựng điển hình/);
    expect(await cli('audit:verify')).toMatchObject({ code: 0, out: expect.stringMatching(/Toàn vẹn/) });
    await expect(cli('dossier:show', 'KHONGCO:2026')).rejects.toMatchObject({ code: 'dossier_not_found' });
  });
});

describe('province configuration', () => {
  it('changes the decision number pattern for later decisions', async () => {
    const r = await cli('province:configure', '--province', 'TQ', '--decision-pattern', '{n}/QĐ-CT');
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('{n}/QĐ-CT') });
    const flow = await new DossierFlow(t, { unit: 'dongtho', district: 'sonduong' }).advanceTo(
      'awaiting_decision',
    );
    const issued = await issueDecision(t, { kind: 'recognition', dossierIds: [flow.id] });
    expect(issued.number).toBe('01/QĐ-CT');
    await expect(
      cli('province:configure', '--province', 'TQ', '--decision-pattern', 'QĐ-UBND'),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('makes a kind of decision the collective act: authority line and "TM. ỦY BAN NHÂN DÂN" over the position', async () => {
    const r = await cli('province:configure', '--province', 'TQ', '--collective-kinds', 'recognition');
    expect(r.out).toContain('tập thể quyết định: recognition');
    const flow = await new DossierFlow(t, { unit: 'tanthanh', district: 'hamyen' }).advanceTo(
      'awaiting_decision',
    );
    const issued = await issueDecision(
      t,
      { kind: 'recognition', dossierIds: [flow.id] },
      { signer: 'phochutich' },
    );
    const pdf = await binary((await t.as('noivu')).get(`/api/decisions/${issued.id}/pdf`)).expect(200);
    const lines = pdfLines(pdf.body as Buffer);
    const text = lines.join('\n');
    expect(text).not.toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG');
    const tm = lines.findIndex((l) => l.includes('TM. ỦY BAN NHÂN DÂN'));
    expect(tm).toBeGreaterThan(0);
    // Three lines in order: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH (beside "Nơi nhận").
    const kt = lines.findIndex((l, i) => i > tm && l.includes('KT. CHỦ TỊCH'));
    const vice = lines.findIndex((l, i) => i > kt && l.includes('PHÓ CHỦ TỊCH'));
    expect(kt).toBeGreaterThan(tm);
    expect(lines[kt]).not.toContain('PHÓ CHỦ TỊCH');
    expect(vice).toBeGreaterThan(kt);
    await expect(
      cli('province:configure', '--province', 'TQ', '--collective-kinds', 'bogus'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await cli('province:configure', '--province', 'TQ', '--collective-kinds', '');
  });
});

describe('signing identities (signing:import)', () => {
  it("registers a leader's PKCS#12 from the CA with their signature image; the next signature is made with it", async () => {
    const dir = t.ctx.config.dataDir;
    const ca = testCa(dir, 'CA của tỉnh');
    const token = ca.token('Hoàng Việt Phương');
    const p12 = path.join(dir, 'phochutich.p12');
    fs.writeFileSync(p12, toPkcs12(token, 'mật khẩu', 'phochutich'));
    const png = path.join(dir, 'chu-ky.png');
    fs.writeFileSync(png, sampleSignaturePng('Hoàng Việt Phương'));
    await expect(
      cli(
        'signing:import',
        '--province',
        'TQ',
        '--user',
        'phochutich',
        '--p12',
        p12,
        '--p12-password',
        'sai',
      ),
    ).rejects.toThrow('Không mở được tệp PKCS#12');
    await expect(
      cli(
        'signing:import',
        '--province',
        'TQ',
        '--user',
        'noivu',
        '--p12',
        p12,
        '--p12-password',
        'mật khẩu',
      ),
    ).rejects.toThrow('không phải người ký');
    const ok = await cli(
      'signing:import',
      '--province',
      'TQ',
      '--user',
      'phochutich',
      '--p12',
      p12,
      '--p12-password',
      'mật khẩu',
      '--image',
      png,
    );
    expect(ok, ok.out).toMatchObject({ code: 0 });
    expect(ok.out).toContain('Hoàng Việt Phương: đã đăng ký khóa ký (máy chủ giữ) và ảnh chữ ký');
    const province = await t.ds.getRepository(Province).findOneByOrFail({ code: 'TQ' });
    const leader = await t.ds.getRepository(User).findOneByOrFail({ username: 'phochutich' });
    const key = await serverKey(t.ctx, t.ds.manager, {
      provinceId: province.id,
      holder: 'person',
      userId: leader.id,
    });
    expect(key?.chainPem[0]).toBe(token.chainPem[0]);
  });
});

describe('the body that issues the province’s reports (province:configure --reporting-body)', () => {
  it('is configuration: the report PDF carries the configured header', async () => {
    const r = await cli(
      'province:configure',
      '--province',
      'TQ',
      '--reporting-body',
      'UBND TỈNH TUYÊN QUANG|BAN CHỈ ĐẠO 138 TỈNH',
    );
    expect(r.code).toBe(0);
    const year = t.now().getUTCFullYear();
    const pdf = await binary((await t.as('bcd138')).get(`/api/reports/progress.pdf?year=${year}`)).expect(
      200,
    );
    const text = pdfLines(pdf.body as Buffer).join('\n');
    expect(text).toContain('UBND TỈNH TUYÊN QUANG');
    expect(text).toContain('BAN CHỈ ĐẠO 138 TỈNH');
    expect(text).not.toContain('CÔNG AN TỈNH TUYÊN QUANG');
  });
});
