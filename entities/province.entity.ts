import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tỉnh / thành phố trực thuộc trung ương. */
@Entity('provinces')
export class Province {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  /** Full name as written on documents, e.g. "Tỉnh Tuyên Quang". */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Short name used in place-and-date lines, e.g. "Tuyên Quang". */
  @Column({ type: 'varchar', length: 200 })
  shortName: string;

  /** The issuing body as printed on decisions, e.g. "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG". */
  @Column({ type: 'varchar', length: 200, default: '' })
  issuerName: string;

  /** How decision numbers are printed; `{n}` is the number, e.g. "{n}/QĐ-UBND". */
  @Column({ type: 'varchar', length: 64, default: '{n}/QĐ-UBND' })
  decisionNumberPattern: string;

  /**
   * The kinds of decision the People's Committee makes as a collective ("ỦY BAN NHÂN DÂN TỈNH …", signed
   * "TM. ỦY BAN NHÂN DÂN"); every other kind is the Chairman's own act (the default for all kinds).
   */
  @Column({ type: 'simple-json', default: '[]' })
  collectiveKinds: string[];

  /**
   * The body that issues the province's progress reports, as its header prints it (managing body, then
   * the body), e.g. ["BỘ CÔNG AN", "CÔNG AN TỈNH TUYÊN QUANG"]; empty: Công an tỉnh (seeds 000, 003).
   */
  @Column({ type: 'simple-json', default: '[]' })
  reportingBody: string[];
}
