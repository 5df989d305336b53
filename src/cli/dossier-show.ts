import type { DataSource } from 'typeorm';
import { AuditEvent, Dossier, Unit } from '../../entities';
import { loadDossierFacts } from '../dossiers/dossier-facts';
import { EVENT_LABELS } from '../dossiers/labels';
import { stateLabel } from '../dossiers/dossier-rules';
import { NotFoundError } from '../http/errors';

/** Finds a dossier by id, or by `UNITCODE:YEAR`. Throws NotFoundError. */
async function findDossier(ds: DataSource, ref: string): Promise<Dossier> {
  const byCode = /^(.+):(\d{4})$/.exec(ref);
  let dossier: Dossier | null = null;
  if (byCode) {
    const unit = await ds.getRepository(Unit).findOne({ where: { code: byCode[1] } });
    if (unit)
      dossier = await ds
        .getRepository(Dossier)
        .findOne({ where: { unitId: unit.id, year: Number(byCode[2]) } });
  } else {
    dossier = await ds.getRepository(Dossier).findOne({ where: { id: ref } });
  }
  if (!dossier) throw new NotFoundError('dossier_not_found', `Không tìm thấy hồ sơ ${ref}.`);
  return dossier;
}

/** A dossier's state, scores and history as plain text lines. */
export async function describeDossier(ds: DataSource, ref: string): Promise<string[]> {
  const dossier = await findDossier(ds, ref);
  const unit = await ds.getRepository(Unit).findOneOrFail({ where: { id: dossier.unitId } });
  const facts = await loadDossierFacts(ds.manager, dossier);
  const events = await ds
    .getRepository(AuditEvent)
    .find({ where: { dossierId: dossier.id }, order: { seq: 'ASC' } });
  const lines = [
    `Hồ sơ ${dossier.id}`,
    `Đơn vị:     ${unit.name} (${unit.code}, ${unit.type}, ${unit.managedBy === 'province' ? 'tỉnh quản lý' : 'huyện quản lý'})`,
    `Năm:        ${dossier.year}`,
    `Trạng thái: ${dossier.state} — ${stateLabel(dossier.state)} (phiên bản ${dossier.version})`,
    `Bộ tiêu chí: ${facts.criteria.set.code} v${facts.criteria.set.version}, đạt từ ${facts.criteria.set.passingScore} điểm`,
    `Hạn xử lý:  ${dossier.dueAt ?? '—'}`,
  ];
  for (const stage of ['self', 'district', 'provincial'] as const) {
    const e = facts.evaluations[stage];
    lines.push(
      `Điểm ${stage.padEnd(10)} ${e.total}/${e.maxTotal} ${e.complete ? 'đủ' : 'chưa đủ'} ${e.passing ? 'ĐẠT' : 'chưa đạt'}`,
    );
  }
  lines.push(`Minh chứng: ${facts.attachments.length} tệp`, 'Lịch sử:');
  for (const e of events) {
    const label = EVENT_LABELS[e.type as keyof typeof EVENT_LABELS] ?? e.type;
    const move = e.fromState === e.toState ? '' : ` ${e.fromState ?? '∅'} → ${e.toState}`;
    lines.push(
      `  #${e.seq} ${e.at} ${e.actorUsername} (${e.actorRole}) ${label}${move}${e.reason ? ` — ${e.reason}` : ''}`,
    );
  }
  return lines;
}
