import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { Province } from '../../entities';
import { DECISION_KINDS } from '../../entities/decision.entity';
import { inTransaction } from '../db/transactions';
import { NotFoundError } from '../http/errors';
import { parseWith } from '../http/validate';

const ConfigureProvince = z.strictObject({
  code: z.string().trim().min(1).max(32),
  issuerName: z.string().trim().min(1).max(200).optional(),
  decisionNumberPattern: z
    .string()
    .trim()
    .max(64)
    .refine((p) => p.includes('{n}'), { message: 'Mẫu số quyết định phải có {n} (vị trí của số).' })
    .optional(),
  collectiveKinds: z.array(z.enum(DECISION_KINDS)).optional(),
  /** The reporting body's header lines (managing body, then the body). */
  reportingBody: z.array(z.string().trim().min(1).max(120)).min(1).max(3).optional(),
});

/**
 * Sets how a province's decisions are issued: the issuing body's printed name, the number pattern and the
 * kinds its People's Committee decides as a collective.
 * Decisions already issued keep the number they were given. Throws NotFoundError for an unknown code.
 */
export async function configureProvince(ds: DataSource, raw: unknown): Promise<Province> {
  const input = parseWith(ConfigureProvince, raw, 'Cấu hình tỉnh');
  return inTransaction(ds, async (em) => {
    const province = await em.findOne(Province, { where: { code: input.code } });
    if (!province) throw new NotFoundError('province_not_found', `Không có tỉnh mã ${input.code}.`);
    if (input.issuerName) province.issuerName = input.issuerName;
    if (input.decisionNumberPattern) province.decisionNumberPattern = input.decisionNumberPattern;
    if (input.collectiveKinds) province.collectiveKinds = input.collectiveKinds;
    if (input.reportingBody) province.reportingBody = input.reportingBody;
    await em.update(
      Province,
      { id: province.id },
      {
        issuerName: province.issuerName,
        decisionNumberPattern: province.decisionNumberPattern,
        collectiveKinds: province.collectiveKinds,
        reportingBody: province.reportingBody,
      },
    );
    return province;
  });
}
