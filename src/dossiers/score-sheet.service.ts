import { District, Province, Unit } from '../../entities';
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
      { label: 'Đơn vị tự chấm', ...ev.self },
      ...(hasDistrictStage ? [{ label: 'Cấp huyện thẩm tra', ...ev.district }] : []),
      { label: 'Cấp tỉnh thẩm định', ...ev.provincial },
    ],
    hasDistrictStage,
  });
  return { fileName: `bang-cham-diem-${unit.code}-${dossier.year}.pdf`, bytes };
}
