import { ProgressReportRecord } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { assertMay } from '../auth/permissions';
import { visible } from './issued-reports.service';
import { reportStateLabel } from './report-rules';

/** The reports the user may read, newest first: each body's, per year and period. */
export async function listReports(ctx: AppContext, user: CurrentUser, year?: number) {
  assertMay(user, 'reports.read');
  const rows = await ctx.ds.getRepository(ProgressReportRecord).find({
    where: year ? { year } : {},
    order: { createdAt: 'DESC' },
    take: 500,
  });
  // Newest first: drafts, then issued ones by their register number (the register's order).
  const rank = (r: ProgressReportRecord) => r.number ?? Number.MAX_SAFE_INTEGER;
  return rows
    .filter((r) => visible(user, r))
    .sort((a, b) => b.year - a.year || rank(b) - rank(a))
    .map((r) => ({
      id: r.id,
      districtId: r.districtId,
      year: r.year,
      period: r.period,
      state: r.state,
      stateLabel: reportStateLabel(r.state),
      number: r.numberText,
      issuedAt: r.issuedAt,
      documentSha256: r.documentSha256,
    }));
}
