import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many times the rows under a scope have changed, counted by database triggers (migration
 * 1764500000000), whoever writes. A result computed from those rows stays exact for as long as the counter
 * it was computed at is unchanged: list totals are cached on that condition (src/db/change-counters.ts).
 * Scopes: `dossiers/province/<id>`, `dossiers/district/<id>`.
 */
@Entity('change_counters')
export class ChangeCounter {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ type: 'integer' })
  seq: number;
}
