import { expect } from 'vitest';
import type request from 'supertest';
import type { DossierState } from '../../machines/dossier.machine';
import { vnDate } from '../../src/calendar/time';
import type { TestApp } from './test-app';

export interface CriteriaItem {
  code: string;
  maxPoints: number;
  evidenceRequired: boolean;
  mandatory: boolean;
}

/** Bytes that pass as a real PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface FlowActors {
  unit: string;
  district: string | null;
  province?: string;
  affairs?: string;
}

/** Drives one dossier through the real API, as its users would. */
/** Where a flow runs: an in-process test app, or servers reached over HTTP. */
export type FlowHost = Pick<TestApp, 'as' | 'now'>;

export class DossierFlow {
  id = '';
  items: CriteriaItem[] = [];

  constructor(
    readonly t: FlowHost,
    readonly actors: FlowActors,
  ) {}

  agent(who: keyof FlowActors): Promise<request.Agent> {
    const username = this.actors[who] ?? (who === 'province' ? 'bcd138' : 'noivu');
    if (!username) throw new Error(`no ${who} actor`);
    return this.t.as(username);
  }

  async get(who: keyof FlowActors = 'unit') {
    const res = await (await this.agent(who)).get(`/api/dossiers/${this.id}`).expect(200);
    return res.body as {
      state: DossierState;
      version: number;
      allowedEvents: string[];
      [k: string]: unknown;
    };
  }

  async open(): Promise<this> {
    const unit = await this.agent('unit');
    const me = (await unit.get('/api/session').expect(200)).body.user as { unitId: string };
    const year = Number(vnDate(this.t.now()).slice(0, 4));
    const res = await unit.post('/api/dossiers').send({ unitId: me.unitId, year }).expect(201);
    this.id = res.body.id;
    this.items = res.body.criteriaSet.items;
    return this;
  }

  async send(who: keyof FlowActors, type: string, extra: Record<string, unknown> = {}) {
    const agent = await this.agent(who);
    const { version } = await this.get(who);
    return agent.post(`/api/dossiers/${this.id}/events`).send({ type, version, ...extra });
  }

  async sendOk(
    who: keyof FlowActors,
    type: string,
    expected: DossierState,
    extra: Record<string, unknown> = {},
  ) {
    const res = await this.send(who, type, extra);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe(expected);
    return res.body;
  }

  scores(points: (item: CriteriaItem) => number = (i) => i.maxPoints) {
    return this.items.map((i) => ({ criterionCode: i.code, points: points(i), note: 'Đạt' }));
  }

  async selfAssess(points?: (item: CriteriaItem) => number) {
    const unit = await this.agent('unit');
    await unit
      .put(`/api/dossiers/${this.id}/self-assessment`)
      .send({ scores: this.scores(points), report: 'Báo cáo kết quả xây dựng điển hình' })
      .expect(200);
  }

  async attachEvidence() {
    const unit = await this.agent('unit');
    for (const item of this.items.filter((i) => i.evidenceRequired)) {
      await unit
        .post(`/api/dossiers/${this.id}/attachments`)
        .field('criterionCode', item.code)
        .attach('file', PDF_BYTES, {
          filename: `minh-chung-${item.code}.pdf`,
          contentType: 'application/pdf',
        })
        .expect(201);
    }
  }

  async review(who: 'district' | 'province', points?: (item: CriteriaItem) => number) {
    const agent = await this.agent(who);
    const res = await agent
      .put(`/api/dossiers/${this.id}/review-scores`)
      .send({ scores: this.scores(points) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  /** Moves the dossier forward along the happy path until it is in `target`. */
  /** The award dossier: proposed with its Tờ trình and achievement report, then appraised by Sở Nội vụ. */
  async proposeAward(appraise = true): Promise<void> {
    const province = await this.agent('province');
    const { version } = await this.get('province');
    const res = await province
      .post(`/api/dossiers/${this.id}/award-proposal`)
      .field('proposalNumber', '21/TTr-BCĐ')
      .field('proposalDate', vnDate(this.t.now()))
      .field('version', String(version))
      .attach('file', PDF_BYTES, 'bao-cao-thanh-tich.pdf');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('award_proposed');
    if (!appraise) return;
    const affairs = await this.agent('affairs');
    const appraised = await affairs
      .post(`/api/dossiers/${this.id}/award-appraisal`)
      .send({ opinion: 'Đủ điều kiện đề nghị tặng Bằng khen.', score: 92, version: res.body.version });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(200);
  }

  async advanceTo(target: DossierState): Promise<this> {
    if (!this.id) await this.open();
    const order: DossierState[] = [
      'nominated',
      'self_assessment',
      'district_review',
      'provincial_appraisal',
      'awaiting_decision',
    ];
    for (;;) {
      const { state } = await this.get();
      if (state === target) return this;
      if (!order.includes(state)) throw new Error(`cannot advance from ${state}`);
      if (state === 'nominated') await this.sendOk('unit', 'START', 'self_assessment');
      else if (state === 'self_assessment') {
        await this.selfAssess();
        await this.attachEvidence();
        await this.sendOk(
          'unit',
          'SUBMIT',
          this.actors.district ? 'district_review' : 'provincial_appraisal',
        );
      } else if (state === 'district_review') {
        await this.review('district');
        await this.sendOk('district', 'FORWARD', 'provincial_appraisal');
      } else if (state === 'provincial_appraisal') {
        await this.review('province');
        await this.sendOk('province', 'PASS', 'awaiting_decision');
      } else throw new Error(`cannot advance from ${state}`);
    }
  }
}

/** Thượng Nông (Na Hang): a district-managed commune. */
export const COMMUNE: FlowActors = { unit: 'thuongnong', district: 'nahang' };
/** THPT Chuyên Tuyên Quang: a province-managed school, no district review. */
export const PROVINCE_SCHOOL: FlowActors = { unit: 'thptchuyen', district: null };
