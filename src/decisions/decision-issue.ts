import type { EntityManager } from 'typeorm';
import { Decision, DecisionItem, District, Province, Unit, type Dossier } from '../../entities';
import type { DecisionKind } from '../../entities/decision.entity';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { vnDate } from '../calendar/time';
import { newId } from '../db/ids';
import { getDossierForUser } from '../dossiers/dossier-access';
import { ConflictError, NotFoundError, RuleError } from '../http/errors';
import { stateLabel } from '../dossiers/dossier-rules';
import { newCertificateSerial, nextNumber } from './number-sequence';

/** A decision as issued, with its lines. */
export interface IssuedDecision {
  decision: Decision;
  items: DecisionItem[];
}

export interface SignerFields {
  signedAt: string;
  signerName: string;
  signerTitle: string;
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

/** The signature date must be a real day and not in the future (422). */
export function assertSignedAt(ctx: AppContext, signedAt: string): void {
  if (signedAt > vnDate(ctx.clock())) {
    throw new RuleError('signed_in_future', 'Ngày ký không được sau ngày hôm nay.', {
      fields: [
        { field: 'signedAt', code: 'signed_in_future', message: 'Ngày ký không được sau ngày hôm nay.' },
      ],
    });
  }
}

/**
 * A decision cannot be signed before its dossiers were ready for it (the day each entered the state the
 * decision moves it from): 422 naming the earliest possible date.
 */
export function assertSignedAfterReady(signedAt: string, dossiers: readonly Dossier[]): void {
  const ready = dossiers.map((d) => vnDate(new Date(d.stageEnteredAt))).sort();
  const earliest = ready[ready.length - 1];
  if (earliest && signedAt < earliest) {
    const message = `Ngày ký không được trước ngày hồ sơ sẵn sàng để ra quyết định (${earliest.split('-').reverse().join('/')}).`;
    throw new RuleError('signed_before_ready', message, {
      fields: [{ field: 'signedAt', code: 'signed_before_ready', message }],
      earliest,
    });
  }
}

/** The province whose People's Committee issues the user's decisions. */
export async function getIssuingProvince(em: EntityManager, user: CurrentUser): Promise<Province> {
  const province = user.provinceId ? await em.findOne(Province, { where: { id: user.provinceId } }) : null;
  if (!province) throw new RuleError('no_issuing_body', 'Tài khoản chưa gắn với tỉnh ban hành quyết định.');
  return province;
}

/** Inserts a numbered decision (next number of its issuer and year) with one item per dossier. */
export async function insertDecision(
  em: EntityManager,
  input: {
    province: Province;
    kind: DecisionKind;
    dossiers: Dossier[];
    signer: SignerFields;
    user: CurrentUser;
    at: string;
    reason?: string;
    revokesDecisionId?: string | null;
  },
): Promise<{ decision: Decision; items: DecisionItem[] }> {
  const { province, kind, dossiers, signer } = input;
  const year = Number(signer.signedAt.slice(0, 4));
  const number = await nextNumber(em, `decision:${province.id}:${year}`);
  const decision = em.create(Decision, {
    id: newId(),
    provinceId: province.id,
    kind,
    year,
    number,
    numberText: province.decisionNumberPattern.replace('{n}', String(number)),
    achievementYear: dossiers[0]?.year ?? year,
    signedAt: signer.signedAt,
    signerName: signer.signerName,
    signerTitle: signer.signerTitle,
    revokesDecisionId: input.revokesDecisionId ?? null,
    reason: input.reason ?? null,
    createdById: input.user.id,
    createdAt: input.at,
  });
  await em.insert(Decision, decision);
  const items: DecisionItem[] = [];
  for (const [position, dossier] of dossiers.entries()) {
    const unit = await em.findOneOrFail(Unit, { where: { id: dossier.unitId } });
    const district = unit.districtId ? await em.findOne(District, { where: { id: unit.districtId } }) : null;
    const item = em.create(DecisionItem, {
      id: newId(),
      decisionId: decision.id,
      dossierId: dossier.id,
      position: position + 1,
      unitName: unit.name,
      districtName: district?.name ?? null,
      unitType: unit.type,
      serial: kind === 'revocation' ? null : newCertificateSerial(province.code, dossier.year),
      registerNumber: kind === 'award' ? await nextNumber(em, `award-register:${province.id}`) : null,
    });
    await em.insert(DecisionItem, item);
    items.push(item);
  }
  return { decision, items };
}
