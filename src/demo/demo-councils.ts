import { Council, CouncilMember, Province, User } from '../../entities';
import type { AppContext } from '../app-context';
import { COUNCIL_DEFAULTS } from '../councils/councils.service';
import { newId } from '../db/ids';

const SEATS = [
  { username: 'chutich', position: 'chair', title: 'Chủ tịch UBND tỉnh' },
  { username: 'phochutich', position: 'vice_chair', title: 'Phó Chủ tịch UBND tỉnh' },
  { username: 'noivu', position: 'secretary', title: 'Trưởng ban Thi đua – Khen thưởng, Sở Nội vụ' },
  { username: 'bcd138', position: 'member', title: 'Phó Giám đốc Công an tỉnh' },
] as const;

/**
 * The demo province's emulation-and-reward council (awards only), with the documented default rule: the
 * demo's award proposals then go through its meeting before an award decision. Loaded after the demo's
 * history, whose past awards were decided before the council was kept here.
 */
export async function loadDemoCouncils(ctx: AppContext): Promise<void> {
  const em = ctx.ds.manager;
  const province = await em.findOneByOrFail(Province, { code: 'TQ' });
  const at = ctx.clock().toISOString();
  const { quorumPercent, writtenVotesAllowed, thresholdPercent, denominator, comparison } = COUNCIL_DEFAULTS;
  const council = {
    id: newId(),
    provinceId: province.id,
    purpose: 'award' as const,
    name: 'Hội đồng Thi đua – Khen thưởng tỉnh',
    termStart: `${at.slice(0, 4)}-01-01`,
    termEnd: null,
    quorumPercent,
    writtenVotesAllowed,
    thresholdPercent,
    denominator,
    comparison,
    postingWorkingDays: COUNCIL_DEFAULTS.postingWorkingDays,
    commentRetentionDays: COUNCIL_DEFAULTS.commentRetentionDays,
    version: 1,
    updatedAt: at,
  };
  await em.insert(Council, council);
  for (const seat of SEATS) {
    const user = await em.findOneByOrFail(User, { username: seat.username });
    await em.insert(CouncilMember, {
      id: newId(),
      councilId: council.id,
      userId: user.id,
      position: seat.position,
      title: seat.title,
      addedAt: at,
      removedAt: null,
    });
  }
}
