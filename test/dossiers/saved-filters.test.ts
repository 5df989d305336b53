import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { pageLogin, postForm } from '../web/page-session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('saved filters of the dossier list', () => {
  it('keeps each user’s named filters, in words, as links to the list', async () => {
    const me = await t.as('nahang');
    const saved = await me
      .post('/api/saved-filters')
      .send({ name: 'Quá hạn', query: '?due=overdue&state=district_review&page=3' })
      .expect(201);
    // Only the list's filters are kept (not the page), in a fixed form.
    expect(saved.body.query).toBe('state=district_review&due=overdue');
    const list = (await me.get('/api/saved-filters').expect(200)).body.items;
    expect(list).toEqual([
      expect.objectContaining({
        name: 'Quá hạn',
        href: '/dossiers?state=district_review&due=overdue',
        description: 'Trạng thái: Cấp huyện thẩm tra; Quá hạn',
      }),
    ]);
    // Another user sees none of them and cannot delete them.
    expect((await (await t.as('chiemhoa')).get('/api/saved-filters').expect(200)).body.items).toEqual([]);
    expect((await (await t.as('chiemhoa')).delete(`/api/saved-filters/${saved.body.id}`)).status).toBe(404);
    await me.delete(`/api/saved-filters/${saved.body.id}`).expect(204);
    expect((await me.get('/api/saved-filters').expect(200)).body.items).toEqual([]);
  });

  it('refuses a blank or taken name, a filter the list does not know, and more than twenty', async () => {
    const me = await t.as('bcd138');
    await me.post('/api/saved-filters').send({ name: 'Năm nay', query: 'year=2026' }).expect(201);
    const taken = await me.post('/api/saved-filters').send({ name: 'Năm nay', query: '' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('filter_name_taken');
    for (const body of [
      { name: '  ', query: '' },
      { name: 'x', query: 'state=planet' },
      { name: 'x', query: 'colour=red' },
      { name: 'x'.repeat(101), query: '' },
      { name: 'x' },
    ]) {
      expect((await me.post('/api/saved-filters').send(body)).status, JSON.stringify(body)).toBe(400);
    }
    for (let i = 1; i < 20; i++)
      await me
        .post('/api/saved-filters')
        .send({ name: `Lọc ${i}`, query: '' })
        .expect(201);
    const over = await me.post('/api/saved-filters').send({ name: 'Lọc 21', query: '' });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain('tối đa 20');
    expect((await request(t.app).get('/api/saved-filters')).status).toBe(401);
    expect(
      (await (await t.as('bocongan')).post('/api/saved-filters').send({ name: 'x', query: '' })).status,
    ).toBe(404);
  });

  it('are saved and used from the list page; a refusal keeps the typed name beside its field', async () => {
    const agent = request.agent(t.app);
    await pageLogin(agent, 'hamyen');
    const page = await agent.get('/dossiers?state=district_review').expect(200);
    expect(page.text).toContain('Bộ lọc đã lưu');
    expect(page.text).toContain('value="state=district_review"');
    const res = await postForm(agent, '/dossiers/filters', {
      name: 'Chờ thẩm tra',
      query: 'state=district_review',
    });
    expect(res.status).toBe(303);
    const after = await agent.get('/dossiers').expect(200);
    expect(after.text).toContain('href="/dossiers?state=district_review">Chờ thẩm tra</a>');
    await postForm(agent, '/dossiers/filters', { name: 'Chờ thẩm tra', query: '' });
    const refused = await agent.get('/dossiers').expect(200);
    expect(refused.text).toContain('Tên này đã dùng cho một bộ lọc khác.');
    expect(refused.text).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
  });
});
