import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import {
  Attachment,
  AuditEvent,
  CriteriaSet,
  Criterion,
  District,
  Dossier,
  NumberSequence,
  PlanYear,
  Province,
  Score,
  Unit,
  User,
} from '../../../entities';
import { hashPassword } from '../../auth/passwords';
import { importCriteriaSet } from '../../criteria/criteria-import';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transactions';
import { insertPlan } from '../../plans/plans.service';
import agencyCriteria from '../criteria/agency-9745.json';
import communeCriteria from '../criteria/commune-9745.json';
import { NATIONAL_PROVINCES } from './provinces';
import { makeDossier, sample } from './scale-dossiers';
import { dossierCodeKey, formatDossierCode } from '../../dossiers/dossier-code';
import { makeFacts, writeScaleEvidence } from './scale-facts';
import {
  makeUnits,
  NATIONAL_SHAPE,
  placeName,
  rng,
  unitsPerProvince,
  type ProvinceShape,
} from './scale-units';

export interface ScaleOptions {
  dossiers: number;
  /** The last year with dossiers; earlier years fill in when the units run out. */
  year: number;
  seed: number;
  password: string;
  /** Units per province (national size unless given). */
  shape?: ProvinceShape;
  log?: (line: string) => void;
  /** Where the shared evidence file goes (the attachments directory of the data dir). */
  attachmentsDir: string;
}

interface ScaleCriteria {
  id: string;
  items: Criterion[];
  passingScore: number;
}

export interface ScaleResult {
  provinces: number;
  units: number;
  dossiers: number;
  auditEvents: number;
  users: string[];
}

/** Inserts rows in batches small enough for SQLite's bound-parameter limit. */
async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  entity: new () => T,
  rows: T[],
  columns: number,
): Promise<void> {
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size))
      // No read-back of generated columns: SQLite would re-select every inserted row by id.
      .updateEntity(false)
      .execute();
  }
}

/** The active criteria-set version of each unit type, with its items. */
async function ensureCriteria(em: EntityManager, at: string): Promise<Map<string, ScaleCriteria>> {
  if (!(await em.count(CriteriaSet))) {
    await importCriteriaSet(em, communeCriteria, { activate: true, now: at });
    await importCriteriaSet(em, agencyCriteria, { activate: true, now: at });
  }
  const sets = await em.find(CriteriaSet, { where: { active: true } });
  const byType = new Map<string, ScaleCriteria>();
  for (const s of sets) {
    const items = await em.find(Criterion, { where: { criteriaSetId: s.id }, order: { position: 'ASC' } });
    for (const type of s.unitTypes) byType.set(type, { id: s.id, items, passingScore: s.passingScore });
  }
  return byType;
}

/** Creates a province with its districts, units, plan years and bench accounts; returns its units. */
async function makeProvince(
  ds: DataSource,
  spec: (typeof NATIONAL_PROVINCES)[number],
  years: number[],
  shape: ProvinceShape,
  next: () => number,
  passwordHash: string,
  at: string,
): Promise<{ province: Province; units: Unit[]; planYears: Map<number, PlanYear>; users: string[] }> {
  return inTransaction(ds, async (em) => {
    const code = (await em.findOneBy(Province, { code: spec.code })) ? `${spec.code}2` : spec.code;
    const province = {
      id: newId(),
      code,
      name: spec.name,
      shortName: spec.shortName,
      issuerName: `ỦY BAN NHÂN DÂN ${spec.name.toLocaleUpperCase('vi')}`,
      decisionNumberPattern: '{n}/QĐ-UBND',
    } as Province;
    await em.insert(Province, province);
    const districts = Array.from({ length: shape.districts }, (_, i) => ({
      id: newId(),
      provinceId: province.id,
      code: `${code}-H${i + 1}`,
      name: `Huyện ${placeName(next)}`,
    })) as District[];
    await insertMany(em, District, districts, 4);
    const units = makeUnits(province, districts, shape, next);
    await insertMany(em, Unit, units, 11);
    const planYears = new Map<number, PlanYear>();
    await insertPlan(
      em,
      province.id,
      {
        reference: null,
        title: `Kế hoạch xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc ${spec.name} giai đoạn ${years[0]} - ${years[years.length - 1]}`,
        startYear: years[0],
        endYear: years[years.length - 1],
        years: years.map((year) => ({
          year,
          registrationDeadline: `${year}-04-10`,
          submissionDeadline: `${year}-12-31`,
          districtReviewDeadline: null,
          appraisalDeadline: null,
          sixMonthReportDeadline: `${year}-06-10`,
          annualReportDeadline: `${year}-11-10`,
          targets: [
            {
              label: '30% số phường',
              unitTypes: ['ward'],
              tagsAny: [],
              districtIds: [],
              managedBy: null,
              measure: 'percent',
              value: 30,
              breakdown: 'province',
              cumulative: false,
            },
            {
              label: 'Mỗi khối có từ 02 đơn vị trở lên',
              unitTypes: ['agency', 'enterprise', 'school'],
              tagsAny: [],
              districtIds: [],
              managedBy: 'province',
              measure: 'count',
              value: 2,
              breakdown: 'block',
              cumulative: false,
            },
          ],
          namedUnitIds: [],
        })),
      },
      at,
    );
    for (const py of await em.find(PlanYear, { where: { provinceId: province.id } }))
      planYears.set(py.year, py);
    const users = [
      {
        username: `${code.toLowerCase()}.tinh`,
        role: 'provincial_appraiser',
        districtId: null,
        unitId: null,
      },
      {
        username: `${code.toLowerCase()}.noivu`,
        role: 'internal_affairs_officer',
        districtId: null,
        unitId: null,
      },
      {
        username: `${code.toLowerCase()}.huyen1`,
        role: 'district_reviewer',
        districtId: districts[0].id,
        unitId: null,
      },
      {
        username: `${code.toLowerCase()}.donvi1`,
        role: 'unit_officer',
        districtId: units[0].districtId,
        unitId: units[0].id,
      },
    ];
    for (const u of users) {
      await em.insert(User, {
        id: newId(),
        username: u.username,
        passwordHash,
        displayName: `Tài khoản thử tải ${u.username}`,
        role: u.role as User['role'],
        provinceId: province.id,
        districtId: u.districtId,
        unitId: u.unitId,
        active: true,
        createdAt: at,
      });
    }
    return { province, units, planYears, users: users.map((u) => u.username) };
  });
}

/**
 * Generates a national-size data set (`npm run cli -- demo:scale --dossiers 200000`): the 34 provinces,
 * each with districts, about 300 commune-level units and 3,000 agencies, enterprises and schools, a plan,
 * and dossiers in every state with their hash-chained histories, spread over as many years as needed.
 */
export async function generateScale(ds: DataSource, options: ScaleOptions): Promise<ScaleResult> {
  const log = options.log ?? (() => undefined);
  const next = rng(options.seed);
  const at = new Date().toISOString();
  const passwordHash = await hashPassword(options.password);
  const criteria = await inTransaction(ds, (em) => ensureCriteria(em, at));
  const evidence = writeScaleEvidence(options.attachmentsDir);
  const shape = options.shape ?? NATIONAL_SHAPE;
  const yearCount = Math.max(
    1,
    Math.ceil(options.dossiers / (unitsPerProvince(shape) * NATIONAL_PROVINCES.length * 0.9)),
  );
  const years = Array.from({ length: yearCount }, (_, i) => options.year - yearCount + 1 + i);
  const result: ScaleResult = { provinces: 0, units: 0, dossiers: 0, auditEvents: 0, users: [] };
  // The Ministry's read-only account, for the national view.
  await inTransaction(ds, (em) =>
    em.insert(User, {
      id: newId(),
      username: 'bocongan',
      passwordHash,
      displayName: 'Tài khoản thử tải Bộ Công an',
      role: 'ministry',
      provinceId: null,
      districtId: null,
      unitId: null,
      active: true,
      createdAt: at,
    }),
  );
  result.users.push('bocongan');
  for (const [p, spec] of NATIONAL_PROVINCES.entries()) {
    const { province, units, planYears, users } = await makeProvince(
      ds,
      spec,
      years,
      shape,
      next,
      passwordHash,
      at,
    );
    result.provinces += 1;
    result.units += units.length;
    result.users.push(...users);
    // An even share of the dossiers per province, spread over the years (at most one per unit and year).
    const share =
      Math.floor(options.dossiers / NATIONAL_PROVINCES.length) +
      (p < options.dossiers % NATIONAL_PROVINCES.length ? 1 : 0);
    for (const [y, year] of years.entries()) {
      const count = Math.min(
        Math.floor(share / years.length) + (y < share % years.length ? 1 : 0),
        units.length,
      );
      const chosen = sample(units, count, next);
      for (let i = 0; i < chosen.length; i += 2000) {
        const made = chosen.slice(i, i + 2000).map((u, k) => {
          const set = criteria.get(u.type);
          const made = makeDossier(u, year, planYears.get(year) as PlanYear, set?.id ?? '', next);
          made.dossier.code = formatDossierCode(province.code, year, i + k + 1);
          const criteriaOf = set ?? { items: [], passingScore: 0 };
          return { ...made, ...makeFacts(made.dossier.id, made.events, criteriaOf, evidence, next) };
        });
        const dossiers = made.map((m) => m.dossier);
        const events = made.flatMap((m) => m.events);
        const scores = made.flatMap((m) => m.scores);
        const attachments = made.flatMap((m) => m.attachments);
        await inTransaction(ds, async (em) => {
          await insertMany(em, Dossier, dossiers, 22);
          await insertMany(em, AuditEvent, events, 14);
          await insertMany(em, Score, scores, 8);
          await insertMany(em, Attachment, attachments, 11);
        });
        result.dossiers += made.length;
        result.auditEvents += made.reduce((s, m) => s + m.events.length, 0);
      }
      // Dossiers opened later by hand continue the year's codes.
      await ds
        .getRepository(NumberSequence)
        .save({ key: dossierCodeKey(province.id, year), value: chosen.length });
    }
    log(
      `${spec.name}: ${units.length} đơn vị, tổng ${result.dossiers} hồ sơ, ${result.auditEvents} sự kiện.`,
    );
  }
  return result;
}
