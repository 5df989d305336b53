import { z } from 'zod';
import { DECISION_KINDS, type DecisionKind } from '../../entities/decision.entity';
import { LegalBasis, Province } from '../../entities';
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../app-context';
import { recordAdminEvent } from '../audit/admin-events.service';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { NotFoundError, RuleError } from '../http/errors';

const LOCAL_GOVERNMENT = 'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025';
const EMULATION_LAW = 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022';
const DECREE_98 =
  'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng';
const PLAN_630 =
  'Kế hoạch số 630/KH-BCA-V05 ngày 28 tháng 12 năm 2022 của Bộ Công an về xây dựng, nhân rộng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc';
const CIRCULAR_124 =
  'Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ Công an quy định về tiêu chuẩn "An toàn về an ninh, trật tự"';

/** The product's defaults (domain.md), cited while a province keeps none of its own for the kind. */
export const DEFAULT_LEGAL_BASES: Record<DecisionKind, readonly string[]> = {
  recognition: [LOCAL_GOVERNMENT, PLAN_630, CIRCULAR_124],
  award: [LOCAL_GOVERNMENT, EMULATION_LAW, DECREE_98, PLAN_630],
  revocation: [LOCAL_GOVERNMENT, EMULATION_LAW, DECREE_98, PLAN_630],
};

/** The legal bases a province's decisions of a kind cite, in order (its own, else the defaults). */
export async function legalBasesFor(
  em: EntityManager,
  provinceId: string,
  kind: DecisionKind,
): Promise<{ bases: string[]; own: boolean }> {
  const rows = await em.find(LegalBasis, { where: { provinceId, kind }, order: { position: 'ASC' } });
  return rows.length
    ? { bases: rows.map((r) => r.text), own: true }
    : { bases: [...DEFAULT_LEGAL_BASES[kind]], own: false };
}

/**
 * Every kind's legal bases of a province, and who decides it: the People's Committee as a collective or
 * its Chairman (the admin page and GET /api/legal-bases).
 */
export async function listLegalBases(ctx: AppContext, user: CurrentUser, provinceId: string) {
  assertMay(user, 'admin.manage');
  const province = await ctx.ds.manager.findOne(Province, { where: { id: provinceId } });
  if (!province) throw new NotFoundError('province_not_found', 'Không tìm thấy tỉnh.');
  const result = [];
  for (const kind of DECISION_KINDS) {
    const bases = await legalBasesFor(ctx.ds.manager, provinceId, kind);
    result.push({ kind, ...bases, collective: province.collectiveKinds.includes(kind) });
  }
  return result;
}

/** PUT /api/legal-bases/:kind/authority */
export const AuthorityBody = z.strictObject({
  provinceId: z.string().trim().min(1).max(64),
  collective: z.boolean({ message: 'Chọn thẩm quyền ban hành.' }),
});
export type AuthorityBody = z.infer<typeof AuthorityBody>;

/**
 * Sets who decides a kind in a province (domain.md: province configuration): the collective body
 * ("ỦY BAN NHÂN DÂN TỈNH …", signed "TM. ỦY BAN NHÂN DÂN") or the Chairman's own act. Documents
 * rendered afterwards print the new block.
 */
export async function setAuthority(
  ctx: AppContext,
  user: CurrentUser,
  kind: DecisionKind,
  body: AuthorityBody,
): Promise<void> {
  assertMay(user, 'admin.manage');
  await inTransaction(ctx.ds, async (em) => {
    const province = await em.findOne(Province, { where: { id: body.provinceId } });
    if (!province) throw new NotFoundError('province_not_found', 'Không tìm thấy tỉnh.');
    const others = province.collectiveKinds.filter((k) => k !== kind);
    const collectiveKinds = DECISION_KINDS.filter(
      (k) => others.includes(k) || (k === kind && body.collective),
    );
    await em.update(Province, { id: province.id }, { collectiveKinds });
    await recordAdminEvent(em, user, {
      action: 'decision_authority.updated',
      targetType: 'province',
      targetId: province.id,
      summary: `Thẩm quyền ban hành quyết định loại ${kind}: ${body.collective ? 'Ủy ban nhân dân tỉnh (tập thể)' : 'Chủ tịch Ủy ban nhân dân tỉnh'}.`,
      details: { kind, collective: body.collective },
    });
  });
}

/** PUT /api/legal-bases/:kind — the whole ordered list; each with its number and date in its text. */
export const LegalBasesBody = z.strictObject({
  provinceId: z.string().trim().min(1).max(64),
  bases: z.array(z.string().trim().min(5).max(500)).max(20),
});
export type LegalBasesBody = z.infer<typeof LegalBasesBody>;

/**
 * Replaces a kind's legal bases for a province (admin), recorded in the administrative log. An empty list
 * goes back to the defaults. A basis must say when it was issued ("ngày …"): 422 otherwise.
 */
export async function replaceLegalBases(
  ctx: AppContext,
  user: CurrentUser,
  kind: DecisionKind,
  body: LegalBasesBody,
): Promise<void> {
  assertMay(user, 'admin.manage');
  const undated = body.bases.findIndex((b) => !/ngày\s+\d/.test(b));
  if (undated >= 0) {
    const message = 'Mỗi căn cứ phải ghi số (nếu có) và ngày ban hành, ví dụ "… ngày 16 tháng 6 năm 2025".';
    throw new RuleError('undated_legal_basis', message, {
      fields: [{ field: `bases.${undated}`, code: 'undated_legal_basis', message }],
    });
  }
  await inTransaction(ctx.ds, async (em) => {
    if (!(await em.existsBy(Province, { id: body.provinceId }))) {
      throw new NotFoundError('province_not_found', 'Không tìm thấy tỉnh.');
    }
    await em.delete(LegalBasis, { provinceId: body.provinceId, kind });
    for (const [position, text] of body.bases.entries()) {
      await em.insert(LegalBasis, {
        id: newId(),
        provinceId: body.provinceId,
        kind,
        position: position + 1,
        text,
      });
    }
    await recordAdminEvent(em, user, {
      action: 'legal_bases.updated',
      targetType: 'legal_bases',
      targetId: `${body.provinceId}:${kind}`,
      summary: `Cập nhật căn cứ pháp lý của quyết định loại ${kind} (${body.bases.length} căn cứ).`,
      details: { kind, bases: body.bases },
    });
  });
}
