import { expect } from 'vitest';
import { vnDate } from '../../src/calendar/time';
import type { FlowHost } from './dossier-flow';

export interface DraftFields {
  kind: 'recognition' | 'award' | 'revocation';
  dossierIds: string[];
  revokes?: string;
  ground?: string;
  reason?: string;
}

export interface IssueOptions {
  signer?: 'chutich' | 'phochutich';
  number?: number;
  issuedAt?: string;
}

/** The id of a demo account, as the API tells it to that account. */
export async function userIdOf(t: FlowHost, username: string): Promise<string> {
  return ((await (await t.as(username)).get('/api/session').expect(200)).body as { user: { id: string } })
    .user.id;
}

/** A draft by internal affairs (noivu) with a proposal, assigned to a signer. */
export async function draftDecision(t: FlowHost, fields: DraftFields, signer = 'chutich') {
  const res = await (await t.as('noivu')).post('/api/decisions').send({
    ...fields,
    proposal: { number: '15/TTr-SNV', date: vnDate(t.now()), body: 'Sở Nội vụ' },
    signerId: await userIdOf(t, signer),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; state: string };
}

/** Sends a decision event as `username` and expects it to succeed. */
export async function decisionStep(
  t: FlowHost,
  username: string,
  id: string,
  type: string,
  extra: Record<string, unknown> = {},
) {
  const agent = await t.as(username);
  const current = (await agent.get(`/api/decisions/${id}`).expect(200)).body as { version: number };
  const res = await agent
    .post(`/api/decisions/${id}/events`)
    .send({ type, version: current.version, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    id: string;
    state: string;
    number: string | null;
    version: number;
    items: { serial: string | null; dossierId: string }[];
  };
}

/** The whole path of a decision: drafted by noivu, submitted, signed by the leader, issued by vanthu. */
export async function issueDecision(t: FlowHost, fields: DraftFields, options: IssueOptions = {}) {
  const signer = options.signer ?? 'chutich';
  const draft = await draftDecision(t, fields, signer);
  await decisionStep(t, 'noivu', draft.id, 'SUBMIT');
  await decisionStep(t, signer, draft.id, 'SIGN');
  const wanted = {
    ...(options.number === undefined ? {} : { number: options.number }),
    ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
  };
  return decisionStep(t, 'vanthu', draft.id, 'ISSUE', wanted);
}
