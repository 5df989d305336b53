import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { UNIT_TYPES } from '../../machines/domain';
import { CriteriaSet, Criterion } from '../../entities';
import { newId } from '../db/ids';
import { ConflictError, RuleError } from '../http/errors';
import { parseWith } from '../http/validate';

const ItemSchema = z.strictObject({
  code: z.string().trim().min(1).max(32),
  title: z.string().trim().min(1).max(4000),
  groupTitle: z.string().trim().max(200).optional(),
  maxPoints: z.number().int().min(1).max(1000),
  mandatory: z.boolean(),
  evidenceRequired: z.boolean(),
  metAt: z.number().int().min(0).max(1000).optional(),
});

/** A criteria set as imported from JSON (points style, or met/not-met style with every item at 1 point). */
export const CriteriaSetImport = z.strictObject({
  code: z.string().trim().min(1).max(64),
  version: z.number().int().min(1),
  title: z.string().trim().min(1).max(500),
  legalBasis: z.string().trim().max(500).optional(),
  /** The Ministry's official set: only then do decisions cite its legal basis. */
  official: z.boolean().optional(),
  unitTypes: z.array(z.enum(UNIT_TYPES)).min(1),
  passingScore: z.number().int().min(1),
  items: z.array(ItemSchema).min(1).max(500),
});
export type CriteriaSetImport = z.infer<typeof CriteriaSetImport>;

/** Checks a set to import without writing it: the schema, its arithmetic, and that the version is new. */
export async function checkCriteriaSet(em: EntityManager, raw: unknown): Promise<CriteriaSetImport> {
  const input = parseWith(CriteriaSetImport, raw, 'Bộ tiêu chí');
  assertConsistent(input);
  if (await em.exists(CriteriaSet, { where: { code: input.code, version: input.version } }))
    throw new ConflictError(
      'criteria_set_exists',
      `Bộ tiêu chí ${input.code} phiên bản ${input.version} đã tồn tại; hãy đặt số phiên bản mới.`,
    );
  return input;
}

function assertConsistent(input: CriteriaSetImport): void {
  const problems: string[] = [];
  const codes = input.items.map((i) => i.code);
  if (new Set(codes).size !== codes.length) problems.push('Mã tiêu chí bị trùng.');
  const maxTotal = input.items.reduce((s, i) => s + i.maxPoints, 0);
  if (input.passingScore > maxTotal)
    problems.push(`Điểm đạt (${input.passingScore}) lớn hơn tổng điểm tối đa (${maxTotal}).`);
  for (const i of input.items) {
    if (i.metAt !== undefined && i.metAt > i.maxPoints)
      problems.push(`Tiêu chí ${i.code}: mức đạt lớn hơn điểm tối đa.`);
  }
  if (problems.length) throw new RuleError('invalid_criteria_set', 'Bộ tiêu chí không hợp lệ.', { problems });
}

/**
 * Imports a new criteria-set version. Versions are immutable: importing an existing code and version is a
 * ConflictError. With `activate`, it becomes the version new dossiers are opened with (others of the same
 * code are deactivated; open dossiers keep their version).
 */
export async function importCriteriaSet(
  em: EntityManager,
  raw: unknown,
  options: { activate: boolean; now: string },
): Promise<CriteriaSet> {
  const input = await checkCriteriaSet(em, raw);
  const set = em.create(CriteriaSet, {
    id: newId(),
    code: input.code,
    version: input.version,
    title: input.title,
    legalBasis: input.legalBasis ?? null,
    official: input.official ?? false,
    unitTypes: input.unitTypes,
    passingScore: input.passingScore,
    active: false,
    createdAt: options.now,
  });
  await em.insert(CriteriaSet, set);
  await em.insert(
    Criterion,
    input.items.map((item, position) => ({
      id: newId(),
      criteriaSetId: set.id,
      position,
      code: item.code,
      title: item.title,
      groupTitle: item.groupTitle ?? null,
      maxPoints: item.maxPoints,
      mandatory: item.mandatory,
      evidenceRequired: item.evidenceRequired,
      metAt: item.metAt ?? null,
    })),
  );
  if (options.activate) await activateCriteriaSet(em, set);
  return set;
}

/** Makes `set` the active version of its code. */
export async function activateCriteriaSet(em: EntityManager, set: CriteriaSet): Promise<void> {
  await em.update(CriteriaSet, { code: set.code }, { active: false });
  await em.update(CriteriaSet, { id: set.id }, { active: true });
  set.active = true;
}
