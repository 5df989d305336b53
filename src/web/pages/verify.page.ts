import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { verifySerial, type Verification } from '../../decisions/verify.service';
import { vnShortDate } from '../../documents/vn-format';
import { NotFoundError } from '../../http/errors';
import { escapeHtml } from '../html';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/verify.css"></head><body><main>${body}<footer>Hệ thống Điển hình — tra cứu giấy chứng nhận điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc</footer></main></body></html>`;
}

/** The public verification page that a certificate's QR code opens (readable on a phone). */
function verificationPage(v: Verification): string {
  const doc = v.kind === 'award' ? 'Bằng khen' : 'Giấy chứng nhận';
  const status = v.valid
    ? `<div class="status valid">✔ ${doc} CÒN HIỆU LỰC</div>`
    : `<div class="status invalid">✘ ${doc} ĐÃ BỊ THU HỒI</div>`;
  const rows: [string, string][] = [
    ['Số hiệu', v.serial],
    ['Đơn vị', v.districtName ? `${v.unitName}, ${v.districtName}` : v.unitName],
    [
      'Danh hiệu',
      v.kind === 'award'
        ? `Bằng khen năm ${v.achievementYear}`
        : `Điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${v.achievementYear}`,
    ],
    ['Quyết định', `Số ${v.decisionNumber} ngày ${vnShortDate(v.issuedAt)}`],
    ['Người ký', v.signerName],
  ];
  if (!v.valid && v.revokedAt) {
    rows.push(['Ngày thu hồi', vnShortDate(v.revokedAt)]);
    if (v.revocationDecisionNumber) rows.push(['Quyết định thu hồi', `Số ${v.revocationDecisionNumber}`]);
    if (v.revocationReason) rows.push(['Lý do', v.revocationReason]);
  }
  const dl = rows.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join('');
  return page(
    `Tra cứu ${doc} ${v.serial}`,
    `<h1>Tra cứu ${escapeHtml(doc.toLowerCase())}</h1><div class="card">${status}<dl>${dl}</dl></div>`,
  );
}

/** The page for a serial that does not exist. */
function notFoundPage(serial: string): string {
  return page(
    'Không tìm thấy',
    `<h1>Tra cứu giấy chứng nhận</h1><div class="card"><div class="status invalid">Không tìm thấy số hiệu ${escapeHtml(serial)}</div><p>Vui lòng kiểm tra lại số hiệu in trên giấy chứng nhận.</p></div>`,
  );
}

/** The public page /verify/:serial that a certificate's QR code opens (no login). */
export function verifyPages(ctx: AppContext): Router {
  const page = Router();
  page.get('/:serial', async (req, res) => {
    // The page has no script; its stylesheet comes from /assets (the global CSP allows nothing inline).
    res.type('html');
    try {
      res.send(verificationPage(await verifySerial(ctx, req.params.serial)));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      res.status(404).send(notFoundPage(req.params.serial));
    }
  });
  return page;
}
