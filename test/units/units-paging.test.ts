import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/units is paged with a maximum page size', () => {
  it('pages through the whole jurisdiction exactly once, in a stable order', async () => {
    const admin = await t.as('admin');
    const first = (await admin.get('/api/units?pageSize=7').expect(200)).body;
    expect(first).toMatchObject({ page: 1, pageSize: 7 });
    expect(first.items).toHaveLength(7);
    const seen = new Set<string>();
    for (let page = 1; (page - 1) * 7 < first.total; page++) {
      const body = (await admin.get(`/api/units?pageSize=7&page=${page}`).expect(200)).body;
      for (const u of body.items as { id: string }[]) seen.add(u.id);
    }
    expect(seen.size).toBe(first.total);
  });

  it('refuses a page larger than the maximum (400) and defaults to 50', async () => {
    const admin = await t.as('admin');
    const tooBig = await admin.get('/api/units?pageSize=100000');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details.fields[0].field).toBe('pageSize');
    const plain = (await admin.get('/api/units').expect(200)).body;
    expect(plain.pageSize).toBe(50);
    expect(plain.items.length).toBe(Math.min(plain.total, 50));
  });
});
