import { MANAGED_BY, MANAGED_BY_LABELS, UNIT_TYPE_LABELS, UNIT_TYPES } from '../../../machines/domain';
import type { PlanView } from '../../plans/plan.view';
import { tagChoices, tagLabel } from '../../units/tag-labels';
import { fieldError, input, select } from '../components';
import { field, keptHas, type FormState } from '../forms';
import { html, type SafeHtml } from '../html';

// The parts of a plan year's form: one fieldset per target, and reading them back from the form.

export type Body = Record<string, unknown>;
const MEASURES = [
  ['percent', 'Tỷ lệ % số đơn vị'],
  ['count', 'Số đơn vị'],
] as const;
const BREAKDOWNS = [
  ['province', 'Toàn tỉnh'],
  ['district', 'Từng huyện'],
  ['block', 'Từng khối'],
] as const;

/** The plan as the API's PUT body: what a form changes and sends back whole. */
export function planBody(p: PlanView) {
  return {
    reference: p.reference,
    title: p.title,
    startYear: p.startYear,
    endYear: p.endYear,
    version: p.version,
    years: p.years.map(({ id: _id, targets, namedUnits, ...y }) => ({
      ...y,
      targets: targets.map(({ id: _t, position: _p, ...t }): Body => t),
      namedUnitIds: namedUnits.map((n) => n.unitId),
    })),
  };
}

/** All values of a repeated form field (checkboxes). */
export const many = (body: unknown, name: string): string[] =>
  ([] as unknown[])
    .concat((body as Body | undefined)?.[name] ?? [])
    .filter((v): v is string => typeof v === 'string');

export const checks = (
  name: string,
  options: readonly (readonly [string, string])[],
  chosen: (v: string) => boolean,
) =>
  options.map(
    ([v, label]) =>
      html`<label class="check"
        ><input type="checkbox" name="${name}" value="${v}" ${chosen(v) ? 'checked' : ''} /> ${label}</label
      >`,
  );

/** One target's fieldset; `t` is the stored target (or a blank one to add), `kept` what was typed. */
export function targetFields(
  i: number,
  t: Body,
  year: number,
  districts: [string, string][],
  form: FormState,
  kept: boolean,
): SafeHtml {
  const n = (k: string) => `t${i}_${k}`;
  const v = (k: string, stored: unknown) => (kept ? (form.values[n(k)] ?? '') : String(stored ?? ''));
  const has = (k: string, stored: unknown[], value: string) =>
    kept ? keptHas(form.values[n(k)], value) : stored.includes(value);
  const blank = t.label === undefined;
  const tags = [
    ...tagChoices(year),
    ...((t.tagsAny as string[] | undefined) ?? [])
      .filter((x) => !tagChoices(year).some(([c]) => c === x))
      .map((x): [string, string] => [x, tagLabel(x)]),
  ];
  return html`<fieldset class="card">
    <legend>${blank ? 'Thêm chỉ tiêu' : `Chỉ tiêu ${i + 1}`}</legend>
    ${input(n('label'), 'Nội dung chỉ tiêu', v('label', t.label), { max: 500, error: form.errors[n('label')] })}
    <fieldset>
      <legend>Loại đơn vị</legend>
      ${checks(
        n('unitTypes'),
        UNIT_TYPES.map((u) => [u, UNIT_TYPE_LABELS[u]] as const),
        (u) => has('unitTypes', (t.unitTypes as string[]) ?? [], u),
      )}
      ${fieldError(n('unitTypes'), form.errors[n('unitTypes')])}
    </fieldset>
    <fieldset>
      <legend>Chỉ tính đơn vị có một trong các nhãn (bỏ trống: mọi đơn vị)</legend>
      ${checks(n('tagsAny'), tags, (x) => has('tagsAny', (t.tagsAny as string[]) ?? [], x))}
    </fieldset>
    <details ${((t.districtIds as string[]) ?? []).length ? 'open' : ''}>
      <summary>Chỉ tính các huyện (bỏ trống: cả tỉnh)</summary>
      ${checks(n('districtIds'), districts, (d) => has('districtIds', (t.districtIds as string[]) ?? [], d))}
    </details>
    ${select(
      n('managedBy'),
      'Cấp quản lý',
      MANAGED_BY.map((m) => [m, MANAGED_BY_LABELS[m]] as const),
      v('managedBy', t.managedBy),
      { empty: 'Mọi cấp' },
    )}
    <div class="row">
      ${select(n('measure'), 'Tính theo', MEASURES, v('measure', t.measure ?? 'percent'))}
      ${input(n('value'), 'Mức', v('value', t.value), { type: 'number', error: form.errors[n('value')] })}
      ${select(n('breakdown'), 'Giao cho', BREAKDOWNS, v('breakdown', t.breakdown ?? 'province'))}
    </div>
    <label class="check"
      ><input
        type="checkbox"
        name="${n('cumulative')}"
        value="1"
        ${(kept ? form.values[n('cumulative')] === '1' : t.cumulative === true) ? 'checked' : ''}
      />
      Lũy kế (tính cả các năm trước của kế hoạch)</label
    >
    ${blank ? '' : html`<label class="check"><input type="checkbox" name="${n('remove')}" value="1" ${kept && form.values[n('remove')] === '1' ? 'checked' : ''} /> Bỏ chỉ tiêu này</label>`}
  </fieldset>`;
}

/** The targets a year form sends, in order; blank added rows and removed ones left out. */
export function targetsFrom(body: unknown, count: number): { index: number; target: Body }[] {
  const out: { index: number; target: Body }[] = [];
  for (let i = 0; i < count; i++) {
    const n = (k: string) => `t${i}_${k}`;
    if (field(body, n('remove')) === '1' || !field(body, n('label')).trim()) continue;
    const value = field(body, n('value'));
    out.push({
      index: i,
      target: {
        label: field(body, n('label')),
        unitTypes: many(body, n('unitTypes')),
        tagsAny: many(body, n('tagsAny')),
        districtIds: many(body, n('districtIds')),
        managedBy: field(body, n('managedBy')) || null,
        measure: field(body, n('measure')),
        value: /^\d+$/.test(value) ? Number(value) : value,
        breakdown: field(body, n('breakdown')),
        cumulative: field(body, n('cumulative')) === '1',
      },
    });
  }
  return out;
}
