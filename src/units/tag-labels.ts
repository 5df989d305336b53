/**
 * What the units' tags (nhãn) mean, for people: the tags are codes so that plans can select by them
 * (`ntm_nang_cao_2024`), but a person reads "Nông thôn mới nâng cao (2024)". A tag this table does not
 * know is shown as written.
 */
const TAG_LABELS: Record<string, string> = {
  ntm: 'Nông thôn mới',
  ntm_nang_cao: 'Nông thôn mới nâng cao',
  ntm_kieu_mau: 'Nông thôn mới kiểu mẫu',
  do_thi_van_minh: 'Đô thị văn minh',
  bien_gioi: 'Xã biên giới',
  vung_dtts: 'Vùng đồng bào dân tộc thiểu số',
  duong_van_minh: 'Địa bàn từng bị ảnh hưởng "Dương Văn Mình"',
  trong_diem_anninh: 'Địa bàn trọng điểm về an ninh, trật tự',
};

/** The label of one tag; a year suffix (`_2024`) becomes "(năm 2024)". */
export function tagLabel(tag: string): string {
  const known = TAG_LABELS[tag];
  if (known) return known;
  const dated = /^(.+)_(\d{4})$/.exec(tag);
  if (dated && TAG_LABELS[dated[1]]) return `${TAG_LABELS[dated[1]]} (năm ${dated[2]})`;
  return tag;
}

/** The labels of a list of tags, for one line of text. */
export const tagLabels = (tags: readonly string[]): string => tags.map(tagLabel).join('; ');

/** Every tag with a label, for pickers: [code, label]. */
export const KNOWN_TAGS = Object.entries(TAG_LABELS);
