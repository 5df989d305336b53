import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

/*
 * docs/api.md is the contract the README points to: every route it lists must exist (answer something
 * other than "no such route"), and the README must name no file outside the repository.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** `METHOD /path` pairs in the routes table; `.csv` style variants and alternatives expanded. */
function documentedRoutes(): [string, string][] {
  const text = fs.readFileSync('docs/api.md', 'utf8');
  const routes: [string, string][] = [];
  for (const m of text.matchAll(/`(GET|POST|PUT|DELETE) (\/[^\s`?]*)/g)) routes.push([m[1], m[2]]);
  return routes;
}

describe('docs/api.md', () => {
  it('lists the main routes', () => {
    const paths = documentedRoutes().map(([method, p]) => `${method} ${p}`);
    expect(paths).toContain('POST /api/dossiers/:id/events');
    expect(paths).toContain('GET /api/verify/:serial');
    expect(paths.length).toBeGreaterThan(30);
  });

  it('every route it lists exists', async () => {
    const admin = await t.as('admin');
    for (const [method, route] of documentedRoutes()) {
      const url = route.replace(/:[a-zA-Z]+/g, 'x');
      const res = await admin[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](url).send({});
      expect(res.body?.error?.code, `${method} ${route}`).not.toBe('route_not_found');
    }
  });

  it('the README names no file outside the repository', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).not.toMatch(/\.\.\//);
    for (const m of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (!/^https?:/.test(m[1])) expect(fs.existsSync(path.resolve(m[1])), m[1]).toBe(true);
    }
  });
});
