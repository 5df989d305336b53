import type { EntityManager } from 'typeorm';
import { Decision, DecisionItem, District, Province, Unit, type Dossier } from '../../entities';
import type { CurrentUser } from '../auth/current-user';
import { vnDate } from '../calendar/time';
import { newId } from '../db/ids';
import { getDossierForUser } from '../dossiers/dossier-access';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { stateLabel } from '../dossiers/dossier-rules';
import { newCertificateSerial, nextNumber, raiseNumber } from './number-sequence';

/** A decision as issued, with its lines. */
export interface IssuedDecision {
  decision: Decision;
  items: DecisionItem[];
}

/** Loads every dossier (404 naming the first unknown one) and checks they are all in `state` (409 naming the others). */
export async function loadDossiersInState(
  em: EntityManager,
  user: CurrentUser,
  ids: readonly string[],
  states: readonly Dossier['state'][],
): Promise<Dossier[]> {
  const dossiers: Dossier[] = [];
  for (const id of ids) {
    try {
      dossiers.push(await getDossierForUser(em, user, id));
    } catch (err) {
      if (err instanceof NotFoundError)
        throw new NotFoundError(err.code, `Không tìm thấy hồ sơ ${id}.`, { dossierId: id });
      throw err;
    }
  }
  const wrong = dossiers.filter((d) => !states.includes(d.state));
  if (wrong.length) {
    const expected = states.map((s) => `"${stateLabel(s)}"`).join(' hoặc ');
    throw new ConflictError(
      'dossiers_not_ready',
      `${wrong.length} hồ sơ không ở trạng thái ${expected}; không hồ sơ nào được xử lý.`,
      { dossiers: wrong.map((d) => ({ id: d.id, state: d.state })) },
    );
  }
  return dossiers;
}

const dateField = (field: string, code: string, message: string, extra: Record<string, unknown> = {}) =>
  new RuleError(code, message, { fields: [{ field, code, message }], ...extra });

const show = (date: string): string => date.split('-').reverse().join('/');

/** The province whose People's Committee issues the user's decisions. */
export async function getIssuingProvince(em: EntityManager, user: CurrentUser): Promise<Province> {
  const province = user.provinceId ? await em.findOne(Province, { where: { id: user.provinceId } }) : null;
  if (!province) throw new RuleError('no_issuing_body', 'Tài khoản chưa gắn với tỉnh ban hành quyết định.');
  return province;
}

/** "05/QĐ-UBND": the register number with a leading zero below 10 (Nghị định 30/2020). */
export function formatDecisionNumber(pattern: string, n: number): string {
  return pattern.replace('{n}', String(n).padStart(2, '0'));
}

/** A draft's lines: one per dossier, with what is printed about its unit (copied, never re-read). */
export async function insertDraftItems(
  em: EntityManager,
  decisionId: string,
  dossiers: readonly Dossier[],
): Promise<DecisionItem[]> {
  const items: DecisionItem[] = [];
  for (const [position, dossier] of dossiers.entries()) {
    const unit = await em.findOneOrFail(Unit, { where: { id: dossier.unitId } });
    const district = unit.districtId ? await em.findOne(District, { where: { id: unit.districtId } }) : null;
    const item = em.create(DecisionItem, {
      id: newId(),
      decisionId,
      dossierId: dossier.id,
      position: position + 1,
      unitName: unit.name,
      districtName: unit.managedBy === 'district' ? (district?.name ?? null) : null,
      unitType: unit.type,
      serial: null,
      registerNumber: null,
    });
    await em.insert(DecisionItem, item);
    items.push(item);
  }
  return items;
}

/** Certificate serials (and Bằng khen register numbers) for an issued decision's lines. */
export async function numberItems(
  em: EntityManager,
  province: Province,
  decision: Decision,
  items: DecisionItem[],
  dossiers: ReadonlyMap<string, Dossier>,
): Promise<void> {
  if (decision.kind === 'revocation') return;
  for (const item of items) {
    const year = dossiers.get(item.dossierId)?.year ?? decision.achievementYear;
    item.serial = newCertificateSerial(province.code, year);
    item.registerNumber =
      decision.kind === 'award' ? await nextNumber(em, `award-register:${province.id}`) : null;
    await em.update(
      DecisionItem,
      { id: item.id },
      { serial: item.serial, registerNumber: item.registerNumber },
    );
  }
}

export interface RegisterEntry {
  number: number;
  issuedAt: string;
}

/**
 * The register number and date of an issue (sổ đăng ký văn bản đi, per body and calendar year): the next
 * number, or the one the văn thư gives when the body's register already assigned it (unique, 409). The
 * date is today by default, never in the future, never before the signature or before the dossiers were
 * ready, and never out of order with the register's neighbouring numbers (422 with the reason).
 */
export async function takeRegisterNumber(
  em: EntityManager,
  decision: Decision,
  dossiers: readonly Dossier[],
  today: string,
  wanted: { number?: number; issuedAt?: string },
): Promise<RegisterEntry> {
  const issuedAt = wanted.issuedAt ?? today;
  if (issuedAt > today) {
    throw dateField('issuedAt', 'issued_in_future', 'Ngày ban hành không được sau ngày hôm nay.');
  }
  if (decision.signedAt && issuedAt < decision.signedAt) {
    throw dateField(
      'issuedAt',
      'issued_before_signed',
      `Ngày ban hành không được trước ngày ký (${show(decision.signedAt)}).`,
    );
  }
  assertIssuedAfterReady(issuedAt, dossiers);
  const year = Number(issuedAt.slice(0, 4));
  const key = `decision:${decision.provinceId}:${year}`;
  let number: number;
  if (wanted.number === undefined) {
    number = await nextNumber(em, key);
  } else {
    number = wanted.number;
    const taken = await em.findOne(Decision, { where: { provinceId: decision.provinceId, year, number } });
    if (taken) {
      throw new ConflictError('number_taken', `Số ${number} năm ${year} đã được dùng trong sổ đăng ký.`, {
        fields: [{ field: 'number', code: 'number_taken', message: `Số ${number} đã được dùng.` }],
        decisionId: taken.id,
      });
    }
    await raiseNumber(em, key, number);
  }
  await assertRegisterOrder(em, decision.provinceId, year, number, issuedAt);
  return { number, issuedAt };
}

/** Dates never go backwards in the register: the previous number's date ≤ this one's ≤ the next one's. */
async function assertRegisterOrder(
  em: EntityManager,
  provinceId: string,
  year: number,
  number: number,
  issuedAt: string,
): Promise<void> {
  const neighbours = await em
    .createQueryBuilder(Decision, 'd')
    .where('d.provinceId = :provinceId AND d.year = :year AND d.number IS NOT NULL', { provinceId, year })
    .andWhere('d.number <> :number', { number })
    .getMany();
  const before = neighbours.filter((d) => (d.number ?? 0) < number && (d.issuedAt ?? '') > issuedAt);
  const after = neighbours.filter((d) => (d.number ?? 0) > number && (d.issuedAt ?? '9999') < issuedAt);
  const clash = before[0] ?? after[0];
  if (clash) {
    throw dateField(
      'issuedAt',
      'register_out_of_order',
      `Ngày ban hành không khớp thứ tự sổ đăng ký: văn bản số ${clash.number} ngày ${show(clash.issuedAt ?? '')}.`,
    );
  }
}

/**
 * A decision cannot be dated before its dossiers were ready for it (the day each entered the state the
 * decision moves it from): 422 naming the earliest possible date.
 */
export function assertIssuedAfterReady(date: string, dossiers: readonly Dossier[]): void {
  const ready = dossiers.map((d) => vnDate(new Date(d.stageEnteredAt))).sort();
  const earliest = ready[ready.length - 1];
  if (earliest && date < earliest) {
    throw dateField(
      'issuedAt',
      'issued_before_ready',
      `Ngày ban hành không được trước ngày hồ sơ sẵn sàng để ra quyết định (${show(earliest)}).`,
      { earliest },
    );
  }
}
