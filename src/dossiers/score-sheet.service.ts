import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { District, Province, Score, Unit, User } from '../../entities';
import { ROLE_LABELS, type ScoreStage } from '../../machines/domain';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { vnDate } from '../calendar/time';
import { renderScoreSheetPdf } from '../documents/score-sheet.pdf';
import type { DownloadFile } from '../http/downloads';
import { getDossierForUser } from './dossier-access';
import { loadDossierFacts } from './dossier-facts';

/** The dossier's score sheet as of now (dated today). */
export async function scoreSheetPdf(
  ctx: AppContext,
  user: CurrentUser,
  dossierId: string,
): Promise<DownloadFile> {
  const em = ctx.ds.manager;
  const dossier = await getDossierForUser(em, user, dossierId);
  const facts = await loadDossierFacts(em, dossier);
  const province = await em.findOneOrFail(Province, { where: { id: dossier.provinceId } });
  const unit = await em.findOneOrFail(Unit, { where: { id: dossier.unitId } });
  const district = unit.districtId ? await em.findOne(District, { where: { id: unit.districtId } }) : null;
  const points = (stage: 'self' | 'district' | 'provincial', code: string) =>
    facts.scores.find((s) => s.stage === stage && s.criterionCode === code)?.points ?? null;
  const hasDistrictStage = unit.managedBy === 'district';
  const ev = facts.evaluations;
  const scorers = await stageScorers(em, dossier.id);
  const notes = (stage: ScoreStage) =>
    facts.criteria.items.flatMap((c) => {
      const note = facts.scores.find((s) => s.stage === stage && s.criterionCode === c.code)?.note?.trim();
      return note ? [{ code: c.code, note }] : [];
    });
  const stage = (s: ScoreStage, label: string) => ({
    label,
    ...ev[s],
    scorer: scorers.get(s) ?? null,
    notes: notes(s),
  });
  const bytes = await renderScoreSheetPdf({
    issuerLines: ['BAN CHỈ ĐẠO 138', province.name.toLocaleUpperCase('vi')],
    placeName: province.shortName,
    date: vnDate(ctx.clock()),
    unitName: unit.name,
    districtName: district?.name ?? null,
    year: dossier.year,
    criteriaSetTitle: facts.criteria.set.title,
    criteriaSetVersion: facts.criteria.set.version,
    passingScore: facts.criteria.set.passingScore,
    maxTotal: ev.self.maxTotal,
    rows: facts.criteria.items.map((c) => ({
      code: c.code,
      title: c.title,
      maxPoints: c.maxPoints,
      mandatory: c.mandatory,
      self: points('self', c.code),
      district: points('district', c.code),
      provincial: points('provincial', c.code),
    })),
    stages: [
      stage('self', 'Đơn vị tự chấm'),
      ...(hasDistrictStage ? [stage('district', 'Cấp huyện thẩm tra')] : []),
      stage('provincial', 'Cấp tỉnh thẩm định'),
    ],
    hasDistrictStage,
    evidence: facts.attachments
      .map((a) => ({ code: a.criterionCode, fileName: a.fileName }))
      .sort(
        (a, b) => (a.code ?? '~').localeCompare(b.code ?? '~') || a.fileName.localeCompare(b.fileName, 'vi'),
      ),
  });
  return { fileName: `bang-cham-diem-${unit.code}-${dossier.year}.pdf`, bytes };
}

/** Each stage's scorer: whoever saved that stage's scores last signs its column of the sheet. */
async function stageScorers(
  em: EntityManager,
  dossierId: string,
): Promise<Map<ScoreStage, { position: string; name: string }>> {
  const latest = await em
    .createQueryBuilder(Score, 's')
    .select(['s.stage AS stage', 's."updatedById" AS "userId"', 's."updatedAt" AS "at"'])
    .where('s."dossierId" = :dossierId', { dossierId })
    .orderBy('s."updatedAt"', 'DESC')
    .getRawMany<{ stage: ScoreStage; userId: string }>();
  const byStage = new Map<ScoreStage, string>();
  for (const row of latest) if (!byStage.has(row.stage)) byStage.set(row.stage, row.userId);
  const ids = [...new Set(byStage.values())];
  const users = ids.length ? await em.find(User, { where: { id: In(ids) } }) : [];
  const result = new Map<ScoreStage, { position: string; name: string }>();
  for (const [stage, userId] of byStage) {
    const u = users.find((x) => x.id === userId);
    if (u) result.set(stage, { position: ROLE_LABELS[u.role], name: u.displayName });
  }
  return result;
}
