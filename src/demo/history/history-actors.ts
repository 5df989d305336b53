import fs from 'node:fs';
import path from 'node:path';
import { Dossier, Unit, User } from '../../../entities';
import type { AppContext } from '../../app-context';
import { addAttachment } from '../../attachments/attachments.service';
import { arrivingName, uploadTmpDir } from '../../attachments/attachment-files';
import { toCurrentUser, type CurrentUser } from '../../auth/current-user';
import { vnDate } from '../../calendar/time';
import { createDecisionDraft } from '../../decisions/decisions.service';
import { sendDecisionEvent } from '../../decisions/decision-events.service';
import type { CreateDecisionBody } from '../../decisions/decision.schemas';
import { getCriteriaSetWithItems } from '../../dossiers/dossier-facts';
import { sendDossierEvent } from '../../dossiers/dossier-events.service';
import type { DossierEventBody } from '../../dossiers/dossier.schemas';
import { openDossier } from '../../dossiers/open-dossier.service';
import { appraiseAward, proposeAward } from '../../dossiers/award-proposal.service';
import { saveReviewScores, saveSelfAssessment } from '../../dossiers/scores.service';
import { markAllRead } from '../../notifications/inbox.service';
import { evidencePdf } from './evidence-pdf';

/**
 * The demo's past years are lived through the services a user's clicks reach: each step is taken by the
 * account that would take it, on the date it would have happened, so the audit trail, notifications,
 * decisions and reports are those of a real history. Only the clock is moved.
 */
export class History {
  private now: Date;
  private readonly users = new Map<string, CurrentUser>();
  readonly ctx: AppContext;

  constructor(base: AppContext, start: string) {
    this.now = vnMorning(start);
    this.ctx = { ...base, clock: () => this.now };
  }

  /** Moves the clock to a day (09:00 in Vietnam), `minutes` later for steps of the same day. */
  on(date: string, minutes = 0): this {
    this.now = new Date(vnMorning(date).getTime() + minutes * 60_000);
    return this;
  }

  /** Ten minutes later: steps of one sitting keep their order. */
  tick(): this {
    this.now = new Date(this.now.getTime() + 10 * 60_000);
    return this;
  }

  today(): string {
    return vnDate(this.now);
  }

  async user(username: string): Promise<CurrentUser> {
    let u = this.users.get(username);
    if (!u) {
      u = toCurrentUser(await this.ctx.ds.manager.findOneByOrFail(User, { username }));
      this.users.set(username, u);
    }
    return u;
  }

  /** The unit's officer registers the year's dossier and starts its self-assessment. */
  async register(officer: string, year: number): Promise<string> {
    const user = await this.user(officer);
    const id = await openDossier(this.ctx, user, { unitId: user.unitId ?? '', year });
    await this.send(officer, id, 'START');
    return id;
  }

  /** Self-assessment, report and one evidence file per criterion that needs one. */
  async selfAssess(officer: string, id: string, deduct: number): Promise<void> {
    const user = await this.user(officer);
    const scores = await this.scores(id, deduct);
    await saveSelfAssessment(this.ctx, user, id, {
      scores,
      report: `Báo cáo kết quả xây dựng điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc của ${await this.unitName(id)}.`,
    });
    await this.attachEvidence(user, id);
  }

  /** A reviewer's scores: the criteria's points less `deduct` on the first optional ones; `failing` a mandatory one. */
  async review(reviewer: string, id: string, deduct: number, failing = false): Promise<void> {
    const scores = await this.scores(id, deduct, failing);
    await saveReviewScores(this.ctx, await this.user(reviewer), id, { scores });
  }

  async send(
    username: string,
    id: string,
    type: DossierEventBody['type'],
    extra: object = {},
  ): Promise<void> {
    const { version } = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    const body = { type, version, ...extra } as DossierEventBody;
    await sendDossierEvent(this.ctx, await this.user(username), id, body);
    this.tick();
  }

  /** A decision the way the province makes one: drafted by Sở Nội vụ, signed by the Chairman, issued by văn thư. */
  async decide(
    body: DecisionDraft,
    proposalNumber: string,
    dates: [string, string, string],
  ): Promise<string> {
    const [drafted, signed, issued] = dates;
    const affairs = await this.user('noivu');
    this.on(drafted);
    const signer = await this.user('chutich');
    const draft = await createDecisionDraft(this.ctx, affairs, {
      ...body,
      proposal: { number: proposalNumber, date: drafted, body: 'Sở Nội vụ tỉnh Tuyên Quang' },
      signerId: signer.id,
    } as CreateDecisionBody);
    const id = draft.decision.id;
    let version = (await sendDecisionEvent(this.ctx, affairs, id, { type: 'SUBMIT', version: 1 })).decision
      .version;
    this.on(signed);
    version = (await sendDecisionEvent(this.ctx, signer, id, { type: 'SIGN', version })).decision.version;
    this.on(issued);
    await sendDecisionEvent(this.ctx, await this.user('vanthu'), id, { type: 'ISSUE', version });
    return id;
  }

  /** Everyone who took part has read their notifications since: the demo's inboxes start from today. */
  async readAll(): Promise<void> {
    for (const user of this.users.values()) await markAllRead(this.ctx, user);
  }

  private async scores(id: string, deduct: number, failing = false) {
    const dossier = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    const { items } = await getCriteriaSetWithItems(this.ctx.ds.manager, dossier.criteriaSetId);
    let left = deduct;
    let failed = !failing;
    return items.map((c) => {
      let points = c.maxPoints;
      if (!c.mandatory && left > 0) {
        points -= 1;
        left -= 1;
      } else if (c.mandatory && !failed) {
        points = Math.floor(c.maxPoints / 2);
        failed = true;
      }
      return { criterionCode: c.code, points, note: points === c.maxPoints ? 'Đạt' : 'Chưa đạt tối đa' };
    });
  }

  private async unitName(id: string): Promise<string> {
    const dossier = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    return (await this.ctx.ds.manager.findOneByOrFail(Unit, { id: dossier.unitId })).name;
  }

  /**
   * The award dossier: the provincial appraiser proposes with the Tờ trình and the unit's achievement
   * report; Sở Nội vụ appraises it.
   */
  async proposeAward(id: string, proposalNumber: string): Promise<void> {
    const dossier = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    const bytes = await evidencePdf({
      unitName: await this.unitName(id),
      year: dossier.year,
      criterionCode: 'BCTT',
      criterionTitle: `Báo cáo thành tích năm ${dossier.year} đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh.`,
      date: this.today(),
    });
    const dir = uploadTmpDir(this.ctx);
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, arrivingName());
    await fs.promises.writeFile(file, bytes);
    try {
      await proposeAward(
        this.ctx,
        await this.user('bcd138'),
        id,
        { proposalNumber, proposalDate: this.today(), version: dossier.version },
        { originalName: 'bao-cao-thanh-tich.pdf', path: file, size: bytes.length },
      );
    } finally {
      await fs.promises.rm(file, { force: true });
    }
    this.tick();
    const { version } = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    await appraiseAward(this.ctx, await this.user('noivu'), id, {
      opinion: 'Hồ sơ đủ thành phần, thành tích tiêu biểu; đủ điều kiện đề nghị tặng Bằng khen.',
      score: 95,
      version,
    });
    this.tick();
  }

  private async attachEvidence(user: CurrentUser, id: string): Promise<void> {
    const dossier = await this.ctx.ds.manager.findOneByOrFail(Dossier, { id });
    const { items } = await getCriteriaSetWithItems(this.ctx.ds.manager, dossier.criteriaSetId);
    const unitName = await this.unitName(id);
    const dir = uploadTmpDir(this.ctx);
    await fs.promises.mkdir(dir, { recursive: true });
    for (const c of items.filter((i) => i.evidenceRequired)) {
      const bytes = await evidencePdf({
        unitName,
        year: dossier.year,
        criterionCode: c.code,
        criterionTitle: c.title,
        date: this.today(),
      });
      const file = path.join(dir, arrivingName());
      await fs.promises.writeFile(file, bytes);
      const name = `minh-chung-${c.code.toLowerCase()}.pdf`;
      await addAttachment(this.ctx, user, id, { originalName: name, path: file, size: bytes.length }, c.code);
      this.tick();
    }
  }
}

export type DecisionDraft =
  | { kind: 'recognition' | 'award'; dossierIds: string[] }
  | { kind: 'revocation'; dossierIds: string[]; revokes: string; ground: 'ceased_to_meet'; reason: string };

function vnMorning(date: string): Date {
  return new Date(`${date}T09:00:00+07:00`);
}
