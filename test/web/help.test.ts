import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES } from '../../machines/domain';
import { GUIDES } from '../../src/help/guide';
import { createTestApp, type TestApp } from '../helpers/test-app';

const GUIDE_PICTURES = path.resolve(__dirname, '../../src/web/assets/guide');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the user guide', () => {
  it('has a page per role, readable before logging in, linked from the login page', async () => {
    const index = await request(t.app).get('/help').expect(200);
    for (const role of ROLES) expect(index.text).toContain(`href="/help/${role}"`);
    expect((await request(t.app).get('/login')).text).toContain('href="/help"');
    for (const role of ROLES) {
      const page = await request(t.app).get(`/help/${role}`).expect(200);
      expect(page.text).toContain(`Hướng dẫn: ${ROLE_LABELS[role]}`);
      for (const step of GUIDES[role].steps) expect(page.text).toContain(step.title);
    }
    expect((await request(t.app).get('/help/hacker')).status).toBe(404);
  });

  it('shows the pictures the browser test took, each served as an image', async () => {
    const files = new Set(
      Object.values(GUIDES).flatMap((g) => g.steps.flatMap((s) => (s.picture ? [s.picture.file] : []))),
    );
    expect(files.size).toBeGreaterThan(5);
    const page = (await request(t.app).get('/help/unit_officer')).text.replace(/\s+/g, ' ');
    for (const file of files) {
      expect(fs.existsSync(path.join(GUIDE_PICTURES, file)), file).toBe(true);
      const res = await request(t.app).get(`/assets/guide/${file}`).expect(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
    }
    expect(page).toContain('<img src="/assets/guide/unit-inbox.jpg"');
  });

  it('is one click away on every page, for the logged-in user’s own role', async () => {
    const reviewer = await t.as('nahang');
    for (const path of ['/', '/dossiers', '/plans', '/notifications', '/account']) {
      const page = await reviewer.get(path).expect(200);
      expect(page.text, path).toContain('href="/help/district_reviewer"');
    }
    const index = await reviewer.get('/help').expect(200);
    expect(index.text.replace(/\s+/g, ' ')).toContain(
      'Cán bộ thẩm tra cấp huyện</a > <strong>(vai trò của bạn)',
    );
  });
});
