import { UNIT_TAGS, type UnitTag } from '../../entities/unit.entity';

/**
 * What the units' tags (nhãn) mean, for people: the tags are codes so that plans can select by them
 * (`ntm_nang_cao_2024`), but a person reads "Nông thôn mới nâng cao (2024)". A tag this table does not
 * know is shown as written.
 */
const TAG_LABELS: Record<UnitTag, string> = {
  ntm: 'Nông thôn mới',
  ntm_nang_cao: 'Nông thôn mới nâng cao',
  ntm_kieu_mau: 'Nông thôn mới kiểu mẫu',
  an_toan_antt: 'Đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
  duong_van_minh: 'Địa bàn từng bị ảnh hưởng "Dương Văn Mình"',
};

const isKnown = (tag: string): tag is UnitTag => tag in TAG_LABELS;

/** The label of one tag; a year suffix (`ntm_2024`: reached the standard in 2024) is said so. */
export function tagLabel(tag: string): string {
  if (isKnown(tag)) return TAG_LABELS[tag];
  const dated = /^(.+)_(\d{4})$/.exec(tag);
  if (dated && isKnown(dated[1])) return `${TAG_LABELS[dated[1]]} (về đích năm ${dated[2]})`;
  return tag;
}

/** The labels of a list of tags, for one line of text. */
export const tagLabels = (tags: readonly string[]): string => tags.map(tagLabel).join('; ');

/** Every tag with a label, for pickers: [code, label]. */
export const KNOWN_TAGS: [string, string][] = UNIT_TAGS.map((t) => [t, TAG_LABELS[t]]);

/** The tags a target of `year` may select, with labels: the known ones and the year's new-rural ones. */
export function tagChoices(year: number): [string, string][] {
  const dated = ['ntm', 'ntm_nang_cao', 'ntm_kieu_mau'].map((t) => `${t}_${year}`);
  return [...KNOWN_TAGS, ...dated.map((t): [string, string] => [t, tagLabel(t)])];
}
