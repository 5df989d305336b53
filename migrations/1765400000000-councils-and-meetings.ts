import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, id, idx, instant, int, ref, str, text } from './columns';

/**
 * Councils, their meetings with secret ballots, the public's comments on posted nominees, and the award
 * dossier (proposal, achievement report, Sở Nội vụ's appraisal).
 */
export class CouncilsAndMeetings1765400000000 implements MigrationInterface {
  name = 'CouncilsAndMeetings1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'councils',
        columns: [
          id(),
          ref('provinceId'),
          str('purpose', 16),
          str('name', 300),
          str('termStart', 10),
          str('termEnd', 10, true),
          int('quorumPercent'),
          bool('writtenVotesAllowed'),
          int('thresholdPercent'),
          str('denominator', 16),
          str('comparison', 16),
          int('postingWorkingDays'),
          int('commentRetentionDays'),
          int('version'),
          instant('updatedAt'),
        ],
        indices: [idx(['provinceId', 'purpose'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'council_members',
        columns: [
          id(),
          ref('councilId'),
          ref('userId'),
          str('position', 16),
          str('title', 200),
          instant('addedAt'),
          instant('removedAt', true),
        ],
        indices: [idx(['councilId', 'removedAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meetings',
        columns: [
          id(),
          ref('councilId'),
          ref('provinceId'),
          str('purpose', 16),
          str('state', 16),
          int('version'),
          str('machineVersion', 32),
          str('title', 300),
          str('location', 300),
          instant('meetingAt'),
          instant('postingStartsAt', true),
          instant('postingEndsAt', true),
          { ...int('memberCount'), default: 0 },
          instant('openedAt', true),
          instant('closedAt', true),
          text('cancelReason', true),
          str('minutesKey', 128, true),
          str('minutesSha256', 64, true),
          ref('createdById'),
          instant('createdAt'),
          instant('updatedAt'),
        ],
        indices: [idx(['provinceId', 'state'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_items',
        columns: [
          id(),
          ref('meetingId'),
          ref('dossierId'),
          ref('unitId'),
          str('unitName', 300),
          int('position'),
          { ...int('yes'), default: 0 },
          { ...int('no'), default: 0 },
          str('result', 16, true),
        ],
        indices: [idx(['meetingId']), idx(['dossierId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_attendees',
        columns: [
          id(),
          ref('meetingId'),
          ref('userId'),
          str('name', 200),
          str('position', 16),
          str('title', 200),
          ref('unitId', true),
          instant('signedInAt', true),
        ],
        indices: [idx(['meetingId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_ballots',
        columns: [
          id(),
          ref('meetingId'),
          ref('itemId'),
          ref('attendeeId'),
          bool('written'),
          str('scanKey', 128, true),
          str('scanSha256', 64, true),
        ],
        indices: [idx(['itemId', 'attendeeId'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_events',
        columns: [
          id(),
          ref('meetingId'),
          instant('at'),
          ref('actorId', true),
          str('actorUsername', 64),
          str('type', 20),
          str('from', 16, true),
          str('to', 16),
          text('reason', true),
          text('details', true),
        ],
        indices: [idx(['meetingId', 'at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'public_comments',
        columns: [
          id(),
          ref('meetingId'),
          ref('itemId'),
          text('body'),
          str('authorName', 120, true),
          str('authorPhone', 20, true),
          str('authorAddress', 300, true),
          str('clientHash', 64),
          instant('createdAt'),
          instant('eraseAt'),
          instant('erasedAt', true),
          text('handling', true),
          ref('handledById', true),
          instant('handledAt', true),
        ],
        indices: [idx(['meetingId', 'itemId']), idx(['clientHash', 'createdAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'comment_access_log',
        columns: [
          id(),
          ref('meetingId'),
          ref('userId'),
          str('username', 64),
          instant('at'),
          int('commentCount'),
        ],
        indices: [idx(['meetingId', 'at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_proposals',
        columns: [
          id('dossierId'),
          str('proposalNumber', 64),
          str('proposalDate', 10),
          str('reportFileName', 255),
          str('reportKey', 128),
          str('reportSha256', 64),
          ref('proposedById'),
          instant('proposedAt'),
          text('appraisalOpinion', true),
          int('appraisalScore', true),
          ref('appraisedById', true),
          instant('appraisedAt', true),
        ],
      }),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'award_proposals',
      'comment_access_log',
      'public_comments',
      'meeting_events',
      'meeting_ballots',
      'meeting_attendees',
      'meeting_items',
      'meetings',
      'council_members',
      'councils',
    ])
      await q.dropTable(name);
  }
}
