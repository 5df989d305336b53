import type { DataSource } from 'typeorm';
import { District, Province, Unit } from '../../entities';
import { MANAGED_BY_LABELS, UNIT_TYPE_LABELS } from '../../machines/domain';
import { csvLine } from '../http/csv';
import { checkUnitRow, parseCsv, unitFields } from './units-import';
import { tagLabels } from './tag-labels';

export interface PreviewRow {
  line: number;
  code: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
  /** For an update: "Tên: cũ → mới", one per changed field. */
  changes: string[];
}

export interface ImportPreview {
  rows: PreviewRow[];
  errors: { line: number; messages: string[] }[];
}

type Fields = ReturnType<typeof unitFields>;
const describe = {
  name: (v: Fields['name']) => v,
  type: (v: Fields['type']) => UNIT_TYPE_LABELS[v],
  managedBy: (v: Fields['managedBy']) => MANAGED_BY_LABELS[v],
  tags: (v: Fields['tags']) => tagLabels(v) || '(không)',
  block: (v: Fields['block']) => v ?? '(không)',
  districtId: (v: Fields['districtId']) => v ?? '(không)',
};
const LABELS: Record<keyof typeof describe, string> = {
  name: 'Tên',
  type: 'Loại',
  managedBy: 'Cấp quản lý',
  tags: 'Nhãn',
  block: 'Khối',
  districtId: 'Huyện',
};

/**
 * What importing this CSV would do, written nowhere: each row a new unit, an update (which fields, from
 * what to what) or unchanged; and every wrong row with its problems. The import itself checks again.
 */
export async function previewUnitsCsv(ds: DataSource, csv: string): Promise<ImportPreview> {
  const records = parseCsv(csv);
  const provinces = new Map((await ds.getRepository(Province).find()).map((p) => [p.code, p]));
  const districts = await ds.getRepository(District).find();
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const preview: ImportPreview = { rows: [], errors: [] };
  for (const [i, raw] of records.entries()) {
    const line = i + 2; // the header is line 1
    const checked = checkUnitRow(raw, provinces, districts);
    if ('messages' in checked) {
      preview.errors.push({ line, messages: checked.messages });
      continue;
    }
    const fields = unitFields(checked);
    const existing = await ds
      .getRepository(Unit)
      .findOneBy({ provinceId: checked.provinceId, code: checked.row.code });
    const base = { line, code: checked.row.code, name: checked.row.name };
    if (!existing) {
      preview.rows.push({ ...base, action: 'create', changes: [] });
      continue;
    }
    const changes = (Object.keys(describe) as (keyof typeof describe)[]).flatMap((key) => {
      const show = (v: unknown) => {
        const text = (describe[key] as (x: unknown) => string)(v);
        return key === 'districtId' && v ? (districtName.get(v as string) ?? text) : text;
      };
      const before = show(existing[key]);
      const after = show(fields[key]);
      return before === after ? [] : [`${LABELS[key]}: ${before} → ${after}`];
    });
    preview.rows.push({ ...base, action: changes.length ? 'update' : 'unchanged', changes });
  }
  return preview;
}

export const UNIT_CSV_HEADER = [
  'province_code',
  'district_code',
  'code',
  'name',
  'type',
  'managed_by',
  'tags',
  'block',
];

/** Every unit as the import reads them (same columns), for editing in a spreadsheet and importing back. */
export async function exportUnitsCsv(ds: DataSource): Promise<string> {
  const [units, provinces, districts] = await Promise.all([
    ds.getRepository(Unit).find({ order: { provinceId: 'ASC', code: 'ASC' } }),
    ds.getRepository(Province).find(),
    ds.getRepository(District).find(),
  ]);
  const provinceCode = new Map(provinces.map((p) => [p.id, p.code]));
  const districtCode = new Map(districts.map((d) => [d.id, d.code]));
  const lines = units.map((u) =>
    csvLine([
      provinceCode.get(u.provinceId) ?? '',
      u.districtId ? (districtCode.get(u.districtId) ?? '') : '',
      u.code,
      u.name,
      u.type,
      u.managedBy,
      u.tags.join(';'),
      u.block,
    ]),
  );
  // A BOM, so that Excel opens the Vietnamese names as UTF-8.
  return `\uFEFF${[UNIT_CSV_HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}
