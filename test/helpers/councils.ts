import { expect } from 'vitest';
import { userIdOf } from './decisions';
import type { TestApp } from './test-app';

export interface SeatSpec {
  username: string;
  position: 'chair' | 'vice_chair' | 'secretary' | 'member';
  title: string;
}

/** The demo province's council in the test: chair, vice-chair, secretary and a member from the police. */
export const DEMO_SEATS: SeatSpec[] = [
  { username: 'chutich', position: 'chair', title: 'Chủ tịch UBND tỉnh' },
  { username: 'phochutich', position: 'vice_chair', title: 'Phó Chủ tịch UBND tỉnh' },
  { username: 'noivu', position: 'secretary', title: 'Trưởng ban Thi đua – Khen thưởng, Sở Nội vụ' },
  { username: 'bcd138', position: 'member', title: 'Phó Giám đốc Công an tỉnh' },
];

export const councilBody = (overrides: Record<string, unknown> = {}) => ({
  provinceId: 'TQ',
  name: 'Hội đồng Thi đua – Khen thưởng tỉnh',
  termStart: '2026-01-01',
  termEnd: '2030-12-31',
  quorumPercent: 67,
  writtenVotesAllowed: true,
  thresholdPercent: 50,
  denominator: 'members',
  comparison: 'more_than',
  postingWorkingDays: 10,
  commentRetentionDays: 365,
  ...overrides,
});

/** The admin sets up the province's council of `purpose` with these members; returns its id. */
export async function setUpCouncil(t: TestApp, purpose: 'award' | 'recognition', seats = DEMO_SEATS) {
  const admin = await t.as('admin');
  const saved = await admin.put(`/api/councils/${purpose}`).send(councilBody());
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const id = saved.body.id as string;
  for (const seat of seats) {
    const res = await admin
      .post(`/api/councils/${id}/members`)
      .send({ userId: await userIdOf(t, seat.username), position: seat.position, title: seat.title });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  return id;
}

/** A time `days` after `from`, at 09:00 in Việt Nam. */
export function daysLater(from: Date, days: number): Date {
  const d = new Date(from.getTime() + days * 86_400_000);
  const vn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
  return new Date(`${vn}T09:00:00+07:00`);
}
