import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { vnDate } from '../calendar/time';
import { Decision, User } from '../../entities';
import ExcelJS from 'exceljs';
import { csvLine, neutralizeFormula } from '../http/csv';
import { decisionHasTag } from './decision-rules';
import type { RegisterQuery } from './decision.schemas';

const KIND_SUMMARY = {
  recognition: 'Công nhận điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc',
  award: 'Tặng Bằng khen phong trào toàn dân bảo vệ an ninh Tổ quốc',
  revocation: 'Thu hồi quyết định công nhận, khen thưởng',
} as const;

/**
 * The register of documents issued (sổ đăng ký văn bản đi) of the user's province for a calendar year:
 * number, date, kind, summary, signer, in number order.
 */
export async function listRegister(ctx: AppContext, user: CurrentUser, query: RegisterQuery) {
  assertMay(user, 'register.read');
  const year = query.year ?? Number(vnDate(ctx.clock()).slice(0, 4));
  if (!user.provinceId && user.role !== 'admin') return { year, entries: [] };
  const where = user.provinceId ? { provinceId: user.provinceId, year } : { year };
  const decisions = (await ctx.ds.getRepository(Decision).find({ where, order: { number: 'ASC' } })).filter(
    (d) => decisionHasTag(d.state, 'numbered'),
  );
  const creators = new Map(
    (await ctx.ds.getRepository(User).find({ select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  const entries = decisions.map((d) => ({
    decisionId: d.id,
    number: d.number,
    numberText: d.numberText,
    issuedAt: d.issuedAt,
    kind: d.kind,
    summary: `${KIND_SUMMARY[d.kind]} năm ${d.achievementYear}`,
    signerName: d.signerName,
    signerTitle: d.signerTitle,
    proposal: d.proposalNumber ? `${d.proposalNumber} ngày ${d.proposalDate ?? ''}` : null,
    draftedBy: creators.get(d.createdById) ?? null,
  }));
  return { year, entries };
}

/** The register as CSV (UTF-8 with BOM for Excel; cells never run as formulas). */
export function registerCsv(register: Awaited<ReturnType<typeof listRegister>>): string {
  const lines = [
    csvLine([`Sổ đăng ký văn bản đi năm ${register.year}`]),
    csvLine(['Số', 'Số, ký hiệu', 'Ngày ban hành', 'Trích yếu', 'Người ký', 'Chức vụ', 'Tờ trình']),
    ...register.entries.map((e) =>
      csvLine([
        e.number,
        e.numberText,
        e.issuedAt ? e.issuedAt.split('-').reverse().join('/') : '',
        e.summary,
        e.signerName,
        e.signerTitle,
        e.proposal,
      ]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The register as an Excel workbook (text cells never run as formulas). */
export async function registerXlsx(register: Awaited<ReturnType<typeof listRegister>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Điển hình';
  const sheet = book.addWorksheet(`Sổ văn bản đi ${register.year}`);
  sheet.columns = [
    { header: 'Số', key: 'number', width: 8 },
    { header: 'Số, ký hiệu', key: 'numberText', width: 18 },
    { header: 'Ngày ban hành', key: 'issuedAt', width: 14 },
    { header: 'Trích yếu', key: 'summary', width: 70 },
    { header: 'Người ký', key: 'signerName', width: 24 },
    { header: 'Chức vụ', key: 'signerTitle', width: 16 },
    { header: 'Tờ trình', key: 'proposal', width: 28 },
  ];
  sheet.getRow(1).font = { bold: true };
  const text = (v: string | null) => (v === null ? '' : neutralizeFormula(v));
  for (const e of register.entries) {
    sheet.addRow({
      number: e.number,
      numberText: text(e.numberText),
      issuedAt: e.issuedAt ? e.issuedAt.split('-').reverse().join('/') : '',
      summary: text(e.summary),
      signerName: text(e.signerName),
      signerTitle: text(e.signerTitle),
      proposal: text(e.proposal),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
