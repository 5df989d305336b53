/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierFlow, PDF_BYTES } from '../helpers/dossier-flow';
import { daysLater, setUpCouncil } from '../helpers/councils';
import {
  ARTIFACTS,
  dialogsOf,
  expectAccessible,
  guidePicture,
  haveChromium,
  logIn,
  openSite,
  snap,
  type Site,
} from './browser';
import { pdfsig } from '../helpers/signing';
import { createMailTransport, deliverDueMail } from '../../src/mail/mail-worker';

// One real browser walks the whole flow, five roles, login to certificate, as people would click it.
describe.skipIf(!haveChromium)('the web interface in Chromium', { timeout: 240_000 }, () => {
  let site: Site;
  let dossierPath = '';
  let decisionPath = '';
  beforeAll(async () => {
    site = await openSite();
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  const pdfText = (bytes: Buffer): string => {
    const file = path.join(ARTIFACTS, `tmp-${process.pid}.pdf`);
    fs.writeFileSync(file, bytes);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).normalize('NFC');
    } finally {
      fs.rmSync(file);
    }
  };

  /** Fills this user's score column with every criterion's maximum. */
  async function scoreEverything(page: Page) {
    const inputs = page.locator('input.points');
    const n = await inputs.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      await input.fill((await input.getAttribute('data-max')) ?? '0');
    }
    await expect.poll(() => page.locator('[data-running]').textContent()).toContain('Đạt yêu cầu');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lưu điểm' }).click()]);
    await expect.poll(() => page.locator('.flash.ok').textContent()).toMatch(/Đã lưu/);
  }

  async function act(page: Page, button: string) {
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    const flash = await page
      .locator('.flash')
      .first()
      .textContent({ timeout: 5_000 })
      .catch(async (err: unknown) => {
        await snap(page, `debug-${button}`);
        console.log('DEBUG', page.url(), (await page.locator('main').innerText()).slice(0, 600));
        throw err;
      });
    expect(flash).toContain(`Đã thực hiện: ${button}`);
  }

  it('logs in with the keyboard alone and says who is logged in; a wrong password is explained', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${site.base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible(page, 'login');
    await snap(page, '01-login');
    await page.keyboard.type('thuongnong'); // the name field has focus on arrival
    await page.keyboard.press('Tab');
    await page.keyboard.type('sai mật khẩu');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.getByLabel('Mật khẩu').fill('Demo@2025');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.waitForURL(`${site.base}/`);
    const header = (await page.locator('header.top').textContent()) ?? '';
    expect(header).toContain('Cán bộ'); // role label
    expect(header).toContain('Xã Thượng Nông'); // scope
    await context.close();
  });

  it('unit officer: registers, scores with a running total, uploads evidence, submits', async () => {
    const page = await logIn(site, 'thuongnong');
    await expectAccessible(page, 'inbox (unit)');
    await snap(page, '02-inbox-unit');
    await guidePicture(page, 'unit-inbox.jpg');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    dossierPath = new URL(page.url()).pathname;
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Đã đăng ký');
    // Before the self-assessment starts there is nothing to type scores into (nothing typed can be lost).
    expect(await page.locator('input.points').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('để nhập điểm tự chấm');
    await act(page, 'Bắt đầu tự đánh giá');
    // Scores first, then the evidence: every upload reloads the page and the scores stay.
    await scoreEverything(page);
    const typed = await page
      .locator('input.points')
      .evaluateAll((inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).value, i.getAttribute('data-max')]),
      );
    expect(typed.every(([value, max]) => value === max)).toBe(true);

    // Evidence for each criterion that requires it, through the enhanced upload (progress bar, API).
    const rows = page.locator('tr[data-code]');
    const codes = await rows.evaluateAll((trs) =>
      trs
        .filter((tr) => tr.textContent?.includes('cần minh chứng'))
        .map((tr) => tr.getAttribute('data-code') ?? ''),
    );
    expect(codes.length).toBeGreaterThan(3);
    // The files appear in place: the page is not reloaded (a mark set now survives the uploads).
    await page.evaluate(() => Object.assign(window, { uploadMark: 'still here' }));
    for (const [i, code] of codes.entries()) {
      const row = page.locator(`tr[data-code="${code}"]`);
      await row.locator('summary', { hasText: 'Thêm minh chứng' }).click();
      // The first criterion gets two files at once (the script lets the control take several).
      const files = [`minh-chung-${code}.pdf`, ...(i === 0 ? [`phu-luc-${code}.pdf`] : [])];
      await row
        .locator('input[type=file]')
        .setInputFiles(files.map((name) => ({ name, mimeType: 'application/pdf', buffer: PDF_BYTES })));
      await row.getByRole('button', { name: 'Tải lên' }).click();
      for (const name of files) {
        await expect
          .poll(() => page.locator(`tr[data-code="${code}"] ul.files`).textContent())
          .toContain(name);
      }
    }
    expect(await page.evaluate(() => (window as unknown as { uploadMark?: string }).uploadMark)).toBe(
      'still here',
    );
    const kept = await page
      .locator('input.points')
      .evaluateAll((inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).value, i.getAttribute('data-max')]),
      );
    expect(kept).toEqual(typed);
    // A score over the maximum is marked beside its field and not counted.
    const first = page.locator('input.points').first();
    const max = Number(await first.getAttribute('data-max'));
    await first.fill(String(max + 5));
    await expect.poll(() => page.locator('[data-running]').textContent()).toContain('Điểm không hợp lệ');
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await first.getAttribute('id')}-range`).textContent()).toContain(
      `từ 0 đến ${max}`,
    );
    await first.fill(String(max));
    await expect.poll(() => page.locator('[data-running]').textContent()).toContain('Đạt yêu cầu');
    expect(await first.getAttribute('aria-invalid')).toBeNull();
    // Removing evidence asks first, saying what happens; declining changes nothing.
    const files = await page.locator('ul.files li').count();
    dialogsOf(page).accept = false;
    await page.locator('ul.files button').first().click();
    dialogsOf(page).accept = true;
    expect(dialogsOf(page).messages.at(-1)).toMatch(
      /^Gỡ tệp minh chứng “(minh-chung|phu-luc)-.*\.pdf” khỏi hồ sơ\?/,
    );
    expect(await page.locator('ul.files li').count()).toBe(files);
    await expectAccessible(page, 'dossier (self-assessment)');
    await snap(page, '03-dossier-self-assessment');
    await guidePicture(page, 'unit-self-assessment.jpg');
    await act(page, 'Nộp hồ sơ');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Cấp huyện thẩm tra');
    // The receipt is one click away, with the dossier's code.
    const code = (await page.locator('dl.facts dd strong').first().textContent()) ?? '';
    expect(code).toMatch(/^TQ-\d{4}-\d{6}$/);
    const receipt = await page.request.get(
      `${site.base}${await page.getByRole('link', { name: 'Phiếu tiếp nhận (PDF)' }).getAttribute('href')}`,
    );
    expect(pdfText(await receipt.body())).toContain(`Mã hồ sơ: ${code}`);
    await page.context().close();
  });

  it('district reviewer: a return needs a reason; then scores and forwards', async () => {
    const page = await logIn(site, 'nahang');
    await page.getByRole('link', { name: 'Xã Thượng Nông' }).click();
    await page.waitForURL(`${site.base}${dossierPath}`);
    expect(await page.locator('.facts').textContent()).toContain('Hạn giai đoạn');
    // The reason box is required in the browser; the server says the same beside the field.
    await page.locator('summary', { hasText: 'Trả lại hồ sơ' }).click();
    // With script the page says it beside the field and sends nothing.
    await page.getByRole('button', { name: 'Xác nhận: Trả lại hồ sơ' }).click();
    expect(await page.locator('.js-required').textContent()).toBe('Vui lòng nêu lý do.');
    expect(await page.locator('#f-reason_RETURN').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Cấp huyện thẩm tra');
    // Without the browser's check, the server answers the same beside the field.
    await page.locator('#f-reason_RETURN').evaluate((el) => el.removeAttribute('required'));
    await page.getByRole('button', { name: 'Xác nhận: Trả lại hồ sơ' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.field-error').first().textContent()).toContain('Vui lòng nêu lý do');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Cấp huyện thẩm tra');
    // "Lấy điểm của đơn vị" starts the reviewer's column from the unit's scores, saved only on "Lưu điểm".
    await page.getByRole('link', { name: 'Lấy điểm của đơn vị' }).click();
    await page.waitForLoadState();
    const filled = await page
      .locator('input.points')
      .evaluateAll((inputs) =>
        inputs.map((i) => (i as HTMLInputElement).value === i.getAttribute('data-max')),
      );
    expect(filled.length).toBeGreaterThan(0);
    expect(filled.every(Boolean)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('chưa có gì được lưu');
    await scoreEverything(page);
    await expectAccessible(page, 'dossier (district review)');
    await snap(page, '04-dossier-district-review');
    await guidePicture(page, 'district-review.jpg');
    await act(page, 'Chuyển cấp tỉnh thẩm định');
    await page.context().close();
  });

  it('provincial appraiser: lists and searches without accents, scores, proposes recognition', async () => {
    const page = await logIn(site, 'bcd138');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByLabel('Tên đơn vị hoặc mã hồ sơ').fill('thuong nong');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForLoadState();
    expect(await page.locator('table.list tbody tr').count()).toBe(1);
    await expectAccessible(page, 'dossier list');
    await snap(page, '05-dossier-list');
    await guidePicture(page, 'appraiser-list.jpg');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải danh sách (Excel, theo bộ lọc)' }).click(),
    ]);
    await page.getByLabel('Tên bộ lọc hiện tại').fill('Thượng Nông');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lưu bộ lọc' }).click()]);
    expect(await page.locator('.flash.ok').textContent()).toContain('Đã lưu bộ lọc "Thượng Nông"');
    expect(await page.getByRole('link', { name: 'Thượng Nông', exact: true }).getAttribute('href')).toBe(
      '/dossiers?q=thuong+nong',
    );
    expect(download.suggestedFilename()).toMatch(/^danh-sach-ho-so-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByRole('link', { name: 'Xã Thượng Nông' }).click();
    await scoreEverything(page);
    // Proposed from the inbox: ticked, then passed with the others ticked (one result each).
    await page.getByRole('link', { name: 'Việc cần xử lý' }).click();
    await page.getByLabel('Chọn Xã Thượng Nông').check();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Đề nghị công nhận các hồ sơ đã chọn' }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain('Đề nghị công nhận: 1/1 hồ sơ.');
    await expectAccessible(page, 'inbox after a bulk step');
    await page.context().close();
  });

  /** Takes a decision step on its page as `username` and checks the flash that follows. */
  async function decisionStep(
    username: string,
    decisionPath: string,
    button: string,
    fill?: () => Promise<void>,
  ) {
    const page = await logIn(site, username);
    await page.goto(`${site.base}${decisionPath}`);
    if (fill) await fill.call(page);
    // Signing and issuing render and sign PDFs: on a busy two-core machine that can pass ten seconds.
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    expect(await page.locator('.flash').first().textContent()).toContain('Quyết định đã chuyển sang bước');
    return page;
  }

  it('internal affairs drafts, the Chairman signs, the văn thư issues; certificates and the QR page verify', async () => {
    const page = await logIn(site, 'noivu');
    await page.getByRole('link', { name: 'Quyết định', exact: true }).click();
    await page.getByRole('link', { name: 'Dự thảo quyết định công nhận' }).click();
    await page.getByLabel(/Xã Thượng Nông/).check();
    await page.getByLabel('Số Tờ trình').fill('15/TTr-SNV');
    await page.getByLabel('Người ký').selectOption({ label: 'Chủ tịch Nguyễn Văn Sơn' });
    await expectAccessible(page, 'new decision');
    await snap(page, '06-decision-new');
    await guidePicture(page, 'decision-new.jpg');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lưu dự thảo' }).click()]);
    await page.waitForURL(/\/decisions\/[^/]+$/);
    decisionPath = new URL(page.url()).pathname;
    const draft = await page.request.get(
      `${site.base}${await page.getByRole('link', { name: 'Xem dự thảo (PDF)' }).getAttribute('href')}`,
    );
    const draftText = pdfText(await draft.body());
    expect(draftText).toContain('DỰ THẢO');
    expect(draftText).toContain('xã Thượng Nông, huyện Na Hang'); // generic nouns in lower case in running text;
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Trình ký', exact: true }).click(),
    ]);
    expect(await page.locator('.flash').first().textContent()).toContain('Chờ ký');
    await page.context().close();

    const chairman = await decisionStep('chutich', decisionPath, 'Ký');
    await expectAccessible(chairman, 'decision (signed)');
    await chairman.context().close();
    const clerk = await decisionStep('vanthu', decisionPath, 'Cấp số và ban hành');
    expect(dialogsOf(clerk).messages).toEqual([expect.stringContaining('không thể sửa hay hủy')]);
    expect(await clerk.locator('h1').textContent()).toMatch(/Quyết định số \d{2,}\/QĐ-UBND/);
    await expectAccessible(clerk, 'decision');
    await snap(clerk, '07-decision');
    const decisionPdf = await clerk.request.get(
      `${site.base}${await clerk.getByRole('link', { name: 'Tải quyết định (PDF)' }).getAttribute('href')}`,
    );
    const issuedBytes = await decisionPdf.body();
    expect(pdfText(issuedBytes)).toContain('xã Thượng Nông');
    // Signed by the Chairman at his step, sealed by the văn thư at hers: both valid.
    expect(pdfsig(issuedBytes).map((s) => [s.commonName, s.valid])).toEqual([
      ['Nguyễn Văn Sơn', true],
      ['ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG', true],
    ]);
    const [download] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.getByRole('link', { name: /\(ZIP\)/ }).click(),
    ]);
    const zipFile = path.join(ARTIFACTS, 'certificates.zip');
    await download.saveAs(zipFile);
    expect(execFileSync('unzip', ['-l', zipFile], { encoding: 'utf8' })).toMatch(/giay-chung-nhan-.+\.pdf/);
    await clerk.getByRole('link', { name: 'Sổ văn bản' }).click();
    expect(await clerk.locator('table.list').textContent()).toMatch(/\d{2,}\/QĐ-UBND/);
    await expectAccessible(clerk, 'register');
    await clerk.goto(`${site.base}${decisionPath}`);
    await clerk.locator('table.list a[href^="/verify/"]').first().click();
    await clerk.waitForURL(/\/verify\//);
    expect(await clerk.locator('.status').textContent()).toContain('CÒN HIỆU LỰC');
    const signatures = await clerk.locator('ol.signatures').textContent();
    expect(signatures).toContain('Chủ tịch Nguyễn Văn Sơn');
    expect(signatures).toContain('ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG');
    expect(signatures?.match(/Chữ ký hợp lệ/g)).toHaveLength(2);
    await expectAccessible(clerk, 'verification');
    await clerk.context().close();
  });

  it('the decision, its list and the register fit a phone for the văn thư', async () => {
    const page = await logIn(site, 'vanthu', { width: 390, height: 844 });
    await page.goto(`${site.base}/decisions`);
    const first = await page.locator('table.list a[href^="/decisions/"]').first().getAttribute('href');
    for (const [name, p] of [
      ['decisions', '/decisions'],
      ['decision', first ?? '/decisions'],
      ['register', '/register'],
    ] as const) {
      await page.goto(`${site.base}${p}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
      expect(fits, `${name} is wider than a phone`).toBe(true);
      await snap(page, `15-phone-${name}`);
    }
    await page.context().close();
  });

  it('the verification page reads on a phone; after a revocation decision it says so', async () => {
    const staff = await logIn(site, 'noivu');
    await staff.goto(`${site.base}${dossierPath}`);
    const verifyHref = await staff.locator('a[href^="/verify/"]').first().getAttribute('href');
    const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const p = await phone.newPage();
    await p.goto(`${site.base}${verifyHref}`);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await snap(p, '08-verify-phone');

    await staff.goto(`${site.base}/decisions/new?kind=revocation`);
    await staff.getByLabel('Quyết định bị thu hồi').selectOption({ index: 1 });
    await Promise.all([
      staff.waitForEvent('load'),
      staff.getByRole('button', { name: /Hiện các đơn vị/ }).click(),
    ]);
    await staff.getByLabel(/Xã Thượng Nông/).check();
    await staff.getByLabel('Căn cứ thu hồi').selectOption('ceased_to_meet');
    await staff.getByLabel('Lý do cụ thể').fill('Đơn vị vi phạm quy định về an ninh trật tự');
    await staff.getByLabel('Số Tờ trình').fill('16/TTr-SNV');
    await staff.getByLabel('Người ký').selectOption({ label: 'Chủ tịch Nguyễn Văn Sơn' });
    await Promise.all([
      staff.waitForEvent('load'),
      staff.getByRole('button', { name: 'Lưu dự thảo' }).click(),
    ]);
    await staff.waitForURL(/\/decisions\/[^/]+$/);
    const revocationPath = new URL(staff.url()).pathname;
    await Promise.all([
      staff.waitForEvent('load'),
      staff.getByRole('button', { name: 'Trình ký', exact: true }).click(),
    ]);
    await (await decisionStep('chutich', revocationPath, 'Ký')).context().close();
    await (await decisionStep('vanthu', revocationPath, 'Cấp số và ban hành')).context().close();
    await p.reload();
    expect(await p.locator('.status').textContent()).toContain('ĐÃ BỊ THU HỒI');
    expect(await p.locator('main').textContent()).toContain('Đơn vị vi phạm quy định');
    await snap(p, '09-verify-revoked');
    await phone.close();
    await staff.context().close();
  });

  it('pages fit a phone, and the keyboard reaches the content first through the skip link', async () => {
    const page = await logIn(site, 'nahang', { width: 390, height: 844 });
    for (const [name, p] of [
      ['inbox', '/'],
      ['list', '/dossiers'],
      ['dossier', dossierPath],
    ] as const) {
      await page.goto(`${site.base}${p}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
      expect(fits, `${name} is wider than a phone`).toBe(true);
      await snap(page, `14-phone-${name}`);
    }
    await page.goto(`${site.base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Bỏ qua');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });

  it('every page of every role fits a phone (390×844) and an office screen (1366×768)', async () => {
    const sizes = [
      ['phone', { width: 390, height: 844 }],
      ['desk', { width: 1366, height: 768 }],
    ] as const;
    const roles = ['thuongnong', 'nahang', 'bcd138', 'noivu', 'chutich', 'vanthu', 'admin', 'bocongan'];
    const wide: string[] = [];
    for (const username of roles) {
      for (const [size, viewport] of sizes) {
        const page = await logIn(site, username, viewport);
        // On a phone the menu is folded: opening it shows every link, within the screen.
        if (size === 'phone') {
          expect(await page.locator('header nav').isVisible()).toBe(false);
          await page.locator('summary', { hasText: 'Menu' }).click();
        }
        const links = await page
          .locator('header nav a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(links.length).toBeGreaterThan(1);
        for (const url of [...new Set([...links, dossierPath, decisionPath])]) {
          const res = await page.goto(`${site.base}${url}`);
          if ((res?.status() ?? 0) >= 400) continue; // not this role's page (404/403 are tested elsewhere)
          const fits = await page.evaluate(
            () => document.documentElement.scrollWidth <= window.innerWidth + 1,
          );
          if (!fits) wide.push(`${username} ${size} ${url}`);
          const name = `20-${size}-${username}${url.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`;
          // Phones keep the whole page; the office screen what it shows first (cheaper, same layout).
          if (size === 'phone') await snap(page, name);
          else await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
        }
        await page.context().close();
      }
    }
    expect(wide).toEqual([]);
  });

  it('a unit officer scores on a phone: one card per criterion, every input within the screen', async () => {
    const page = await logIn(site, 'yenlam', { width: 390, height: 844 });
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await act(page, 'Bắt đầu tự đánh giá');
    const boxes = await page
      .locator('input.points')
      .evaluateAll((inputs) => inputs.map((i) => i.getBoundingClientRect().right));
    expect(boxes.length).toBeGreaterThan(5);
    expect(boxes.every((right) => right <= 390)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 391)).toBe(true);
    await scoreEverything(page);
    await expectAccessible(page, 'dossier on a phone');
    await snap(page, '21-phone-unit-scores');
    // Printed on A4 (about 718 px between the margins): every column, no menu or buttons.
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Lưu điểm' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 719)).toBe(true);
    await page.pdf({ path: path.join(ARTIFACTS, '22-print-dossier.pdf'), format: 'A4' });
    expect(pdfText(fs.readFileSync(path.join(ARTIFACTS, '22-print-dossier.pdf')))).toContain(
      'Tiêu chí và điểm',
    );
    await page.context().close();
  });

  it('admin: creates a user who can then log in; units and criteria sets are managed on their pages', async () => {
    const page = await logIn(site, 'admin');
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByLabel('Tên đăng nhập').fill('canbo.moi');
    await page.getByLabel('Họ tên').fill('Trần Thị Mới');
    await page.getByLabel(/^Mật khẩu ban đầu/).fill('KhoiTao@2026');
    await page.getByLabel('Vai trò', { exact: true }).selectOption('district_reviewer');
    await page.getByLabel(/^Tỉnh/).selectOption({ label: 'Tỉnh Tuyên Quang' });
    await page.getByLabel(/^Huyện/).selectOption({ label: 'Huyện Na Hang — Tỉnh Tuyên Quang' });
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.flash.ok').textContent()).toContain('Đã tạo tài khoản canbo.moi');

    // A unit officer: the unit found by typing its name without accents; no password, so a one-time one.
    await page.getByLabel('Tên đăng nhập').fill('canbo.donvi');
    await page.getByLabel('Họ tên').fill('Lê Văn Đơn');
    await page.getByLabel('Vai trò', { exact: true }).selectOption('unit_officer');
    await page.getByLabel(/^Tỉnh/).selectOption({ label: 'Tỉnh Tuyên Quang' });
    const unit = page.getByLabel(/^Đơn vị \(cán bộ đơn vị\)/);
    await unit.pressSequentially('thuong nong');
    await expect
      .poll(() =>
        page
          .locator('#unit-options option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toEqual(['Xã Thượng Nông — NH-THUONGNONG']);
    await unit.fill('Xã Thượng Nông — NH-THUONGNONG');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.waitForLoadState();
    const created = (await page.locator('.flash.ok').textContent()) ?? '';
    const oneTime = /Mật khẩu dùng một lần của canbo\.donvi: ([A-Za-z0-9]{12})/.exec(created)?.[1] ?? '';
    expect(oneTime).toHaveLength(12);
    await expectAccessible(page, 'admin users');
    await snap(page, '10-admin-users');
    await guidePicture(page, 'admin-users.jpg');

    // The new officer's first login leads to choosing their own password, then to their work.
    const officer = await logIn(site, 'canbo.donvi', undefined, oneTime);
    expect(new URL(officer.url()).pathname).toBe('/account/password');
    expect(await officer.locator('main').textContent()).toContain('mật khẩu dùng một lần');
    await expectAccessible(officer, 'change password');
    await officer.getByLabel('Mật khẩu dùng một lần').fill(oneTime);
    await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('ThuongNong@2026');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('ThuongNong@2026');
    await Promise.all([
      officer.waitForEvent('load'),
      officer.getByRole('button', { name: 'Đổi mật khẩu' }).click(),
    ]);
    expect(await officer.locator('.flash.ok').textContent()).toContain('Đã đổi mật khẩu.');
    expect(await officer.locator('h1').textContent()).toBe('Việc cần xử lý');
    await officer.context().close();

    // A holiday, on its page: the date from a date field, the effect on deadlines said.
    await page.getByRole('link', { name: 'Ngày nghỉ' }).click();
    const holiday = `${new Date().getFullYear()}-12-30`;
    await page.getByLabel('Ngày', { exact: true }).fill(holiday);
    await page.getByLabel(/^Tên ngày nghỉ/).fill('Nghỉ bù cuối năm');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Thêm', exact: true }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain(
      `Đã thêm ngày nghỉ 30/12/${holiday.slice(0, 4)}`,
    );
    expect(await page.locator('main').textContent()).toContain('Nghỉ bù cuối năm');
    await expectAccessible(page, 'admin holidays');

    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByLabel('Tên đơn vị', { exact: true }).first().fill('thuong nong');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForLoadState();
    expect(await page.locator('table.list tbody').textContent()).toContain('Xã Thượng Nông');
    await expectAccessible(page, 'admin units');
    await snap(page, '11-admin-units');
    await guidePicture(page, 'admin-units.jpg');
    // A CSV with one bad row: the preview lists it by line and offers nothing to confirm; fixed, it imports.
    const header = 'province_code,district_code,code,name,type,managed_by,tags,block';
    const good = 'TQ,NH,NH-MOILAP,Xã Mới Lập,commune,district,ntm,';
    const upload = async (csv: string) => {
      await page
        .locator('#f-csv')
        .setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Tải lên và xem trước' }).click(),
      ]);
    };
    await upload(`${header}\n${good}\nTQ,ZZ,NH-BA,Xã Ba,commune,district,,\n`);
    expect(await page.locator('.flash.error').textContent()).toContain('Tệp có 1 dòng lỗi');
    expect(await page.locator('table.list').first().textContent()).toContain('Không có huyện mã ZZ');
    expect(await page.getByRole('button', { name: /^Xác nhận nhập/ }).count()).toBe(0);
    await expectAccessible(page, 'units import preview');
    await page.getByRole('link', { name: 'Quay lại danh sách đơn vị' }).click();
    await upload(`${header}\n${good}\n`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Xác nhận nhập 1 dòng' }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain(
      'Đã nhập: 1 đơn vị mới, 0 đơn vị cập nhật.',
    );

    await page.getByRole('link', { name: 'Bộ tiêu chí' }).click();
    expect(await page.locator('table.list').textContent()).toContain('Đang áp dụng');
    await expectAccessible(page, 'admin criteria');
    await snap(page, '12-admin-criteria');

    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('link', { name: /giai đoạn 2023 - 2025/ }).click();
    expect(await page.locator('main').textContent()).toContain('Năm 2025');
    await expectAccessible(page, 'plan');
    // A new plan from a form; a year's target and a named unit chosen by name, no JSON anywhere.
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('link', { name: 'Tạo kế hoạch' }).click();
    await page.getByLabel('Tên kế hoạch').fill('Kế hoạch xây dựng điển hình 2030');
    await page.getByLabel(/^Số hiệu văn bản/).fill('15/KH-UBND');
    await page.getByLabel('Từ năm').fill('2030');
    await page.getByLabel('Đến năm').fill('2030');
    await expectAccessible(page, 'plan new');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Tạo kế hoạch' }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain(
      'Đã tạo Kế hoạch xây dựng điển hình 2030',
    );
    await page.getByRole('link', { name: 'Sửa chỉ tiêu và đơn vị được giao năm 2030' }).click();
    await page.getByLabel('Nội dung chỉ tiêu').fill('50% số xã nông thôn mới nâng cao đạt điển hình');
    await page.getByLabel('Xã', { exact: true }).check();
    await page.getByLabel('Nông thôn mới nâng cao', { exact: true }).check();
    await page.getByLabel('Mức', { exact: true }).fill('50');
    const named = page.getByLabel(/^Thêm đơn vị/);
    await named.pressSequentially('yen lam');
    await expect
      .poll(() =>
        page
          .locator('#unit-options option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toEqual(['Xã Yên Lâm — HY-YENLAM']);
    await named.fill('Xã Yên Lâm — HY-YENLAM');
    await expectAccessible(page, 'plan year');
    await snap(page, '12b-plan-edit');
    await guidePicture(page, 'admin-plan.jpg');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Lưu chỉ tiêu năm 2030' }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain('Đã lưu chỉ tiêu năm 2030');
    expect(await page.locator('main').textContent()).toContain('Xã Yên Lâm');

    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await expectAccessible(page, 'reports');
    await snap(page, '13-reports');
    await guidePicture(page, 'reports.jpg');
    await page.context().close();
  });
  it('a user keeps an e-mail address on their account page and, having forgotten the password, follows the mailed link', async () => {
    const page = await logIn(site, 'linhphu');
    await page.getByRole('link', { name: 'Hướng dẫn' }).click();
    expect(await page.locator('h1').textContent()).toBe('Hướng dẫn: Cán bộ đơn vị');
    await expectAccessible(page, 'guide');
    await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await page.getByLabel('Địa chỉ e-mail').fill('linhphu@tuyenquang.gov.vn');
    await page.getByLabel('Hồ sơ quá hạn').check();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Lưu', exact: true }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain('Đã lưu cách nhận thông báo qua e-mail.');
    await expectAccessible(page, 'account');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Đăng xuất' }).click()]);

    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.getByLabel('Tên đăng nhập hoặc e-mail').fill('linhphu');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Gửi liên kết' }).click(),
    ]);
    expect(await page.locator('.flash.ok').textContent()).toContain('liên kết đặt lại mật khẩu vừa được gửi');
    await expectAccessible(page, 'forgot password');

    // The mail, as the test SMTP server received it.
    await deliverDueMail(site.t.ctx, createMailTransport(site.smtp.config));
    const mail = site.smtp.received.at(-1);
    expect(mail?.subject).toBe('[Điển hình] Đặt lại mật khẩu');
    const link = /(http\S+\/reset-password\?token=\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(link.startsWith(site.base)).toBe(true);
    await page.goto(link);
    expect(await page.locator('main').textContent()).toContain('linhphu');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('AnNinhXa@2027');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('AnNinhXa@2027');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Đặt mật khẩu' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('.flash.ok').textContent()).toContain('Đã đặt mật khẩu mới');
    await page.getByLabel('Tên đăng nhập').fill('linhphu');
    await page.getByLabel('Mật khẩu').fill('AnNinhXa@2027');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Việc cần xử lý');
    await page.context().close();
  });
  it('the public registry reads on a phone and an office screen without logging in, and links to each certificate', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
    ]) {
      const context = await site.browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${site.base}/login`);
      await page.getByRole('link', { name: 'Danh sách đơn vị điển hình' }).click();
      expect(await page.locator('h1').textContent()).toContain('Danh sách đơn vị được công nhận');
      expect(await page.locator('table.list tbody tr').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
        true,
      );
      await expectAccessible(page, `registry at ${viewport.width}`);
      await snap(page, `23-registry-${viewport.width}`);
      await Promise.all([
        page.waitForEvent('load'),
        page.locator('table.list a[href^="/verify/"]').first().click(),
      ]);
      expect(await page.locator('main').textContent()).toContain('hợp lệ');
      await context.close();
    }
  });
  it('the public posting of nominees reads on a phone and an office screen; a comment keeps what was typed when refused', async () => {
    // A council and a convened meeting, set up through the API as the admin and the secretary would.
    const flow = await new DossierFlow(site.t, { unit: 'triphu', district: 'chiemhoa' }).advanceTo(
      'awaiting_decision',
    );
    await setUpCouncil(site.t, 'recognition');
    const noivu = await site.t.as('noivu');
    const created = await noivu.post('/api/meetings').send({
      purpose: 'recognition',
      title: 'Phiên họp xét công nhận đơn vị điển hình',
      location: 'Phòng họp số 1, UBND tỉnh',
      meetingAt: daysLater(site.t.now(), 21).toISOString(),
      dossierIds: [flow.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await noivu
      .post(`/api/meetings/${created.body.id}/events`)
      .send({ type: 'CONVENE', version: created.body.version })
      .expect(200);
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
    ]) {
      const context = await site.browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${site.base}/login`);
      await page.getByRole('link', { name: 'Công khai danh sách đề nghị' }).click();
      expect(await page.locator('h1').textContent()).toContain('Công khai danh sách đề nghị');
      expect(await page.locator('table.list tbody').textContent()).toContain('Xã Tri Phú');
      await page.getByLabel('Nội dung ý kiến').fill('Đơn vị duy trì tốt tổ an ninh tự quản.');
      await page.getByLabel('Họ và tên').fill('Trần Thị Mai');
      await page.getByLabel('Số điện thoại').fill('12345');
      await page.getByLabel('Địa chỉ').fill('Thôn Khuôn Khỏe, xã Tri Phú');
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Gửi ý kiến' }).click(),
      ]);
      expect(await page.locator('.field-error').first().textContent()).toContain(
        'Số điện thoại không hợp lệ',
      );
      expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trần Thị Mai');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
        true,
      );
      await expectAccessible(page, `nominees at ${viewport.width}`);
      await snap(page, `24-nominees-${viewport.width}`);
      await page.getByLabel('Số điện thoại').fill('0912 345 678');
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Gửi ý kiến' }).click(),
      ]);
      expect(await page.locator('.flash.ok').textContent()).toContain('Đã nhận ý kiến về Xã Tri Phú');
      // The sender's name is never on the public page.
      expect(await page.locator('main').textContent()).not.toContain('Trần Thị Mai');
      await context.close();
    }
  });
});
