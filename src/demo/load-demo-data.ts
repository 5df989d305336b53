import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../machines/domain';
import { District, Plan, PlanYear, Province, Unit, User } from '../../entities';
import { addDays, vnDate } from '../calendar/time';
import { hashPassword } from '../auth/passwords';
import { importCriteriaSet } from '../criteria/criteria-import';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { searchKey } from '../units/search-key';
import agencyCriteria from './criteria/agency-9745.json';
import communeCriteria from './criteria/commune-9745.json';
import { DEMO_DISTRICTS, DEMO_UNITS } from './demo-units';

export const DEMO_PASSWORD = 'Demo@2025';

export interface DemoAccount {
  username: string;
  role: Role;
  scope: string;
}

async function addUser(
  em: EntityManager,
  passwordHash: string,
  now: string,
  fields: Pick<User, 'username' | 'displayName' | 'role'> &
    Partial<Pick<User, 'provinceId' | 'districtId' | 'unitId'>>,
): Promise<void> {
  await em.insert(User, {
    id: newId(),
    passwordHash,
    active: true,
    createdAt: now,
    provinceId: null,
    districtId: null,
    unitId: null,
    ...fields,
  });
}

async function addPlans(em: EntityManager, provinceId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const history = em.create(Plan, {
    id: newId(),
    provinceId,
    reference: null,
    title:
      'Kế hoạch đẩy mạnh xây dựng, nhân rộng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2023 - 2025',
    startYear: 2023,
    endYear: 2025,
    createdAt: at,
  });
  await em.insert(Plan, history);
  for (const year of [2023, 2024, 2025]) {
    await em.insert(PlanYear, {
      id: newId(),
      planId: history.id,
      provinceId,
      year,
      registrationDeadline: `${year}-03-31`,
      submissionDeadline: `${year}-08-31`,
      districtReviewDeadline: `${year}-09-15`,
      appraisalDeadline: `${year}-10-15`,
    });
  }
  // The current year's plan, open from the first start so the whole flow can be run today.
  const today = vnDate(now);
  const year = Number(today.slice(0, 4));
  const current = em.create(Plan, {
    id: newId(),
    provinceId,
    reference: null,
    title: `Kế hoạch xây dựng, nhân rộng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${year}`,
    startYear: year,
    endYear: year,
    createdAt: at,
  });
  await em.insert(Plan, current);
  await em.insert(PlanYear, {
    id: newId(),
    planId: current.id,
    provinceId,
    year,
    registrationDeadline: addDays(today, 30),
    submissionDeadline: addDays(today, 60),
    districtReviewDeadline: addDays(today, 90),
    appraisalDeadline: addDays(today, 120),
  });
}

/** Loads the demo data set of api.md in one transaction: Tuyên Quang, its units, accounts, criteria, plans. */
export async function loadDemoData(ds: DataSource, now: Date = new Date()): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();
  const accounts: DemoAccount[] = [];
  await inTransaction(ds, async (em) => {
    await importCriteriaSet(em, communeCriteria, { activate: true, now: at });
    await importCriteriaSet(em, agencyCriteria, { activate: true, now: at });
    const province = em.create(Province, {
      id: newId(),
      code: 'TQ',
      name: 'Tỉnh Tuyên Quang',
      shortName: 'Tuyên Quang',
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      decisionNumberPattern: '{n}/QĐ-UBND',
    });
    await em.insert(Province, province);
    const districtIds = new Map<string, string>();
    for (const d of DEMO_DISTRICTS) {
      const id = newId();
      districtIds.set(d.code, id);
      await em.insert(District, { id, provinceId: province.id, code: d.code, name: d.name });
      await addUser(em, passwordHash, at, {
        username: d.reviewer,
        displayName: `Ban Chỉ đạo 138 ${d.name}`,
        role: 'district_reviewer',
        provinceId: province.id,
        districtId: id,
      });
      accounts.push({ username: d.reviewer, role: 'district_reviewer', scope: d.name });
    }
    for (const u of DEMO_UNITS) {
      const unitId = newId();
      const districtId = u.district ? (districtIds.get(u.district) ?? null) : null;
      await em.insert(Unit, {
        id: unitId,
        provinceId: province.id,
        districtId,
        code: u.code,
        name: u.name,
        searchName: searchKey(u.name),
        type: u.type,
        managedBy: u.managedBy,
        tags: u.tags ?? [],
        block: u.block ?? null,
        active: true,
      });
      if (u.officer) {
        await addUser(em, passwordHash, at, {
          username: u.officer,
          displayName: `Cán bộ ${u.name}`,
          role: 'unit_officer',
          provinceId: province.id,
          districtId,
          unitId,
        });
        accounts.push({ username: u.officer, role: 'unit_officer', scope: u.name });
      }
    }
    await addUser(em, passwordHash, at, {
      username: 'admin',
      displayName: 'Quản trị hệ thống',
      role: 'admin',
    });
    accounts.unshift({ username: 'admin', role: 'admin', scope: 'toàn hệ thống' });
    await addUser(em, passwordHash, at, {
      username: 'bcd138',
      displayName: 'Thường trực Ban Chỉ đạo 138 tỉnh (Phòng PV05 Công an tỉnh)',
      role: 'provincial_appraiser',
      provinceId: province.id,
    });
    accounts.push({ username: 'bcd138', role: 'provincial_appraiser', scope: province.name });
    await addUser(em, passwordHash, at, {
      username: 'noivu',
      displayName: 'Ban Thi đua - Khen thưởng, Sở Nội vụ',
      role: 'internal_affairs_officer',
      provinceId: province.id,
    });
    accounts.push({ username: 'noivu', role: 'internal_affairs_officer', scope: province.name });
    await addPlans(em, province.id, now);
  });
  return accounts;
}

/** True when the database holds no province yet (a fresh install). */
export async function isEmptyDatabase(ds: DataSource): Promise<boolean> {
  return (await ds.getRepository(Province).count()) === 0;
}
