import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { verifySerial, type Verification } from '../../decisions/verify.service';
import { vnShortDate } from '../../documents/vn-format';
import { NotFoundError } from '../../http/errors';
import { canonicalSerial } from '../../decisions/serial';
import { escapeHtml } from '../html';

function pageHtml(title: string, body: string): string {
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
    v.kind === 'award'
      ? [
          'Hình thức khen thưởng',
          `Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (thành tích năm ${v.achievementYear})`,
        ]
      : [
          'Nội dung công nhận',
          `Đạt tiêu chí điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${v.achievementYear}`,
        ],
    ['Cơ quan ban hành', v.issuer],
    ['Quyết định', `Số ${v.decisionNumber} ngày ${vnShortDate(v.issuedAt)}`],
    ['Người ký', `${v.signer.position} ${v.signer.name}`.trim()],
  ];
  if (!v.valid && v.revokedAt) {
    rows.push(['Ngày thu hồi', vnShortDate(v.revokedAt)]);
    if (v.revocationNumber) rows.push(['Quyết định thu hồi', `Số ${v.revocationNumber}`]);
    if (v.revocationReason) rows.push(['Lý do', v.revocationReason]);
  }
  const dl = rows.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join('');
  return pageHtml(
    `Tra cứu ${doc} ${v.serial}`,
    `<h1>Tra cứu ${escapeHtml(doc.toLowerCase())}</h1><div class="card">${status}<dl>${dl}</dl>${signaturesHtml(v)}</div>`,
  );
}

/** The decision's digital signatures, each checked when the page is asked for. */
function signaturesHtml(v: Verification): string {
  if (!v.signatures.length) return '';
  const when = (iso: string | null) =>
    iso
      ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)} (giờ Việt Nam)`
      : '';
  const items = v.signatures
    .map((s) => {
      const who =
        s.kind === 'person'
          ? `${s.position ? `${s.position} ` : ''}${s.signer}${s.organization ? ` — ${s.organization}` : ''}`
          : `${s.signer} (chữ ký số của cơ quan)`;
      const state = s.valid
        ? '<strong class="ok">hợp lệ</strong>'
        : '<strong class="bad">KHÔNG hợp lệ</strong>';
      return `<li>${escapeHtml(who)}<br>Ký lúc ${escapeHtml(when(s.signedAt))} · Chữ ký ${state}</li>`;
    })
    .join('');
  return `<h2>Chữ ký số trên quyết định</h2><p>Quyết định được ký số (PAdES); mỗi chữ ký được kiểm tra lại khi mở trang này.</p><ol class="signatures">${items}</ol>`;
}

/** The lookup form: a serial typed from paper, in any case, with or without dashes. */
function lookupForm(value = ''): string {
  return `<form method="get" action="/verify" class="lookup"><label for="serial">Số hiệu in trên giấy chứng nhận hoặc Bằng khen</label><input id="serial" name="serial" value="${escapeHtml(value)}" maxlength="64" required autocomplete="off" placeholder="TQ-2026-XXXX-XXXX-XXXX"><button type="submit">Tra cứu</button></form>`;
}

/** The page for a serial that does not exist. */
function notFoundPage(serial: string): string {
  return pageHtml(
    'Không tìm thấy',
    `<h1>Tra cứu giấy chứng nhận</h1><div class="card"><div class="status invalid">Không tìm thấy số hiệu ${escapeHtml(serial)}</div><p>Vui lòng kiểm tra lại số hiệu in trên giấy chứng nhận.</p>${lookupForm(serial)}</div>`,
  );
}

/** The public page /verify/:serial that a certificate's QR code opens (no login). */
export function verifyPages(ctx: AppContext): Router {
  const page = Router();
  // /verify: the lookup form; /verify?serial=… goes to that serial's page (written canonically).
  page.get('/', (req, res) => {
    const typed = typeof req.query.serial === 'string' ? req.query.serial.trim() : '';
    if (typed) return res.redirect(303, `/verify/${encodeURIComponent(canonicalSerial(typed) ?? typed)}`);
    res
      .type('html')
      .send(
        pageHtml(
          'Tra cứu giấy chứng nhận',
          `<h1>Tra cứu giấy chứng nhận, Bằng khen</h1><div class="card">${lookupForm()}</div>`,
        ),
      );
  });
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
