import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MANAGED_BY, UNIT_TYPES } from '../../machines/domain';
import { District, Province, Unit } from '../../entities';
import { isUnitTag } from '../../entities/unit.entity';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transactions';
import { fieldErrors } from '../http/validate';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../http/errors';
import { assertNoNul, stripBidi } from '../http/input-guard';
import { searchKey } from './search-key';
import { CLI_ACTOR, recordAdminEvent } from '../audit/admin-events.service';
import type { Actor } from '../auth/current-user';

const optional = (s: z.ZodString) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** One CSV row: province_code,district_code,code,name,type,managed_by,tags,block (tags separated by `;`). */
const UnitRow = z.strictObject({
  province_code: z.string().trim().min(1).max(32),
  district_code: optional(z.string().trim().max(32)),
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(300),
  type: z.enum(UNIT_TYPES),
  managed_by: z.enum(MANAGED_BY),
  tags: optional(z.string().max(500)),
  block: optional(z.string().trim().max(100)),
});

/** The CSV's rows by header name; a file that is not CSV is a 400, not a crash. */
export function parseCsv(csv: string): Record<string, string>[] {
  // Names a person will read carry no bidirectional controls; no database is asked to store a NUL.
  assertNoNul(csv, 'file');
  try {
    const rows = parse(stripBidi(csv), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
    return rows;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ValidationError('invalid_csv', `Tệp không đúng định dạng CSV: ${detail}`);
  }
}

export interface CheckedRow {
  row: z.infer<typeof UnitRow>;
  provinceId: string;
  districtId: string | null;
  tags: string[];
}

/** Checks one unit row (CSV or form) against the schema and the province/district hierarchy. */
export function checkUnitRow(
  raw: unknown,
  provinces: Map<string, Province>,
  districts: District[],
): CheckedRow | { messages: string[] } {
  const parsed = UnitRow.safeParse(raw);
  if (!parsed.success) return { messages: fieldErrors(parsed.error).map((f) => `${f.field}: ${f.message}`) };
  const row = parsed.data;
  const messages: string[] = [];
  const province = provinces.get(row.province_code);
  if (!province) messages.push(`Không có tỉnh mã ${row.province_code}.`);
  const district = row.district_code
    ? districts.find((d) => d.code === row.district_code && d.provinceId === province?.id)
    : undefined;
  if (row.district_code && !district) messages.push(`Không có huyện mã ${row.district_code}.`);
  if (row.managed_by === 'district' && !district) messages.push('Đơn vị do huyện quản lý phải có mã huyện.');
  const tags = (row.tags ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const badTags = tags.filter((tag) => !isUnitTag(tag));
  if (badTags.length) messages.push(`Nhãn không hợp lệ: ${badTags.join(', ')}.`);
  if (messages.length || !province) return { messages };
  return { row, provinceId: province.id, districtId: district?.id ?? null, tags };
}

export const unitFields = (r: CheckedRow) => ({
  provinceId: r.provinceId,
  districtId: r.districtId,
  name: r.row.name,
  searchName: searchKey(r.row.name),
  type: r.row.type,
  managedBy: r.row.managed_by,
  tags: r.tags,
  block: r.row.block ?? null,
});

/** Creates one unit from the fields of a CSV row (admin page); 422 listing the problems, 409 for a taken code. */
export async function createUnit(
  ds: DataSource,
  raw: Record<string, string>,
  actor: Actor = CLI_ACTOR,
): Promise<Unit> {
  const provinces = new Map((await ds.getRepository(Province).find()).map((p) => [p.code, p]));
  const checked = checkUnitRow(raw, provinces, await ds.getRepository(District).find());
  if ('messages' in checked) {
    throw new RuleError('invalid_unit', checked.messages.join(' '), { problems: checked.messages });
  }
  return inTransaction(ds, async (em) => {
    if (await em.existsBy(Unit, { provinceId: checked.provinceId, code: checked.row.code })) {
      throw new ConflictError('unit_code_taken', `Mã đơn vị ${checked.row.code} đã có trong tỉnh.`, {
        fields: [{ field: 'code', code: 'unit_code_taken', message: 'Mã đơn vị đã tồn tại.' }],
      });
    }
    const unit = em.create(Unit, {
      id: newId(),
      code: checked.row.code,
      active: true,
      ...unitFields(checked),
    });
    await em.insert(Unit, unit);
    await recordAdminEvent(em, actor, {
      action: 'unit.created',
      targetType: 'unit',
      targetId: unit.id,
      summary: `Thêm đơn vị ${unit.name} (mã ${unit.code}).`,
    });
    return unit;
  });
}

export interface ImportReport {
  created: number;
  updated: number;
  errors: { line: number; messages: string[] }[];
}

/**
 * Imports or updates units (matched by province and code) from UTF-8 CSV with a header row. All rows are
 * checked first; if any row is wrong nothing is written and the report lists every problem by line.
 */
export async function importUnitsCsv(
  ds: DataSource,
  csv: string,
  actor: Actor = CLI_ACTOR,
): Promise<ImportReport> {
  const records = parseCsv(csv);
  const provinces = new Map((await ds.getRepository(Province).find()).map((p) => [p.code, p]));
  const districts = await ds.getRepository(District).find();
  const report: ImportReport = { created: 0, updated: 0, errors: [] };
  const rows = records.map((raw, i) => {
    const checked = checkUnitRow(raw, provinces, districts);
    if ('messages' in checked) {
      report.errors.push({ line: i + 2, messages: checked.messages }); // header is line 1
      return null;
    }
    return checked;
  });
  if (report.errors.length) return report;
  await inTransaction(ds, async (em) => {
    for (const r of rows) {
      if (!r) continue;
      const fields = unitFields(r);
      const existing = await em.findOne(Unit, { where: { provinceId: r.provinceId, code: r.row.code } });
      if (existing) {
        await em.update(Unit, { id: existing.id }, fields);
        report.updated += 1;
      } else {
        await em.insert(Unit, { id: newId(), code: r.row.code, active: true, ...fields });
        report.created += 1;
      }
    }
    await recordAdminEvent(em, actor, {
      action: 'unit.imported',
      targetType: 'unit',
      targetId: null,
      summary: `Nhập đơn vị từ CSV: ${report.created} mới, ${report.updated} cập nhật.`,
    });
  });
  return report;
}

/**
 * Changes one unit from the fields of a unit row (admin page): the same checks as an import; the code and
 * province stay (dossiers and decisions name the unit by them). 404 for an unknown unit.
 */
export async function updateUnit(
  ds: DataSource,
  id: string,
  raw: Record<string, string>,
  actor: Actor = CLI_ACTOR,
): Promise<Unit> {
  const unit = await ds.getRepository(Unit).findOneBy({ id });
  if (!unit) throw new NotFoundError('unit_not_found', 'Không tìm thấy đơn vị.');
  const provinces = new Map((await ds.getRepository(Province).find()).map((p) => [p.code, p]));
  const province = [...provinces.values()].find((p) => p.id === unit.provinceId);
  const row = { ...raw, province_code: province?.code ?? '', code: unit.code };
  const checked = checkUnitRow(row, provinces, await ds.getRepository(District).find());
  if ('messages' in checked) {
    throw new RuleError('invalid_unit', checked.messages.join(' '), { problems: checked.messages });
  }
  const fields = unitFields(checked);
  return inTransaction(ds, async (em) => {
    await em.update(Unit, { id }, fields);
    await recordAdminEvent(em, actor, {
      action: 'unit.updated',
      targetType: 'unit',
      targetId: id,
      summary: `Sửa đơn vị ${fields.name} (mã ${unit.code}).`,
    });
    return { ...unit, ...fields };
  });
}
