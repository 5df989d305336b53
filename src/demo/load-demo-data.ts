import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../machines/domain';
import { District, Holiday, Province, Unit, User } from '../../entities';
import type { AppContext } from '../app-context';
import { vnDate } from '../calendar/time';
import { POSITION_TITLES } from '../decisions/decisions.service';
import { createDemoPki } from '../signing/signing-keys';
import { insertPlan } from '../plans/plans.service';
import { currentYearPlan, DEMO_HOLIDAYS, seed003Plan, type DemoIds } from './demo-plans';
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
    Partial<Pick<User, 'provinceId' | 'districtId' | 'unitId' | 'position'>>,
): Promise<string> {
  const id = newId();
  await em.insert(User, {
    id,
    passwordHash,
    active: true,
    demo: true,
    createdAt: now,
    provinceId: null,
    districtId: null,
    unitId: null,
    position: null,
    ...fields,
  });
  return id;
}

async function addPlans(em: EntityManager, provinceId: string, ids: DemoIds, now: Date): Promise<void> {
  const at = now.toISOString();
  await insertPlan(em, provinceId, seed003Plan(ids), at);
  const current = currentYearPlan(ids, vnDate(now));
  // The seed plan covers 2023–2025; a current year inside it keeps that plan (no second plan for a year).
  if (current.startYear > 2025) await insertPlan(em, provinceId, current, at);
  await em.insert(Holiday, DEMO_HOLIDAYS);
}

/**
 * Loads the demo data set of api.md in one transaction: Tuyên Quang, its units, accounts, criteria, plans;
 * given the app's context, also the demo PKI (sample root, leaders' and seal certificates, sample images).
 */
export async function loadDemoData(
  ds: DataSource,
  now: Date = new Date(),
  ctx?: AppContext,
): Promise<DemoAccount[]> {
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
    const unitIds = new Map<string, string>();
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
      unitIds.set(u.code, unitId);
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
    // The Ministry's movement-building department: reads every province, changes nothing.
    await addUser(em, passwordHash, at, {
      username: 'bocongan',
      displayName: 'Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc (V05), Bộ Công an',
      role: 'ministry',
    });
    accounts.push({ username: 'bocongan', role: 'ministry', scope: 'toàn quốc (chỉ xem)' });
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
    // The People's Committee: its Chairman and a Vice-Chairman sign, its văn thư numbers and issues.
    const committee = [
      { username: 'chutich', displayName: 'Nguyễn Văn Sơn', role: 'signer', position: 'chairman' },
      { username: 'phochutich', displayName: 'Hoàng Việt Phương', role: 'signer', position: 'vice_chairman' },
      { username: 'vanthu', displayName: 'Văn thư Văn phòng UBND tỉnh', role: 'clerk', position: null },
    ] as const;
    const leaders: { id: string; displayName: string; title: string }[] = [];
    for (const member of committee) {
      const id = await addUser(em, passwordHash, at, { ...member, provinceId: province.id });
      accounts.push({ username: member.username, role: member.role, scope: province.name });
      if (member.position)
        leaders.push({ id, displayName: member.displayName, title: POSITION_TITLES[member.position] });
    }
    if (ctx) await createDemoPki(ctx, em, province, leaders);
    const lookup = (map: Map<string, string>, what: string) => (code: string) => {
      const id = map.get(code);
      if (!id) throw new Error(`Demo data names an unknown ${what} ${code}`);
      return id;
    };
    await addPlans(
      em,
      province.id,
      { district: lookup(districtIds, 'district'), unit: lookup(unitIds, 'unit') },
      now,
    );
  });
  return accounts;
}

/** True when the database holds no province yet (a fresh install). */
export async function isEmptyDatabase(ds: DataSource): Promise<boolean> {
  return (await ds.getRepository(Province).count()) === 0;
}
