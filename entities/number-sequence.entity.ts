import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A gap-free counter (decision numbers per issuer and year, award register numbers). */
@Entity('number_sequences')
export class NumberSequence {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key: string;

  @Column({ type: 'integer' })
  value: number;
}
