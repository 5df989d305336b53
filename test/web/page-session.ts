import type request from 'supertest';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';

/** The CSRF token a page gives this session (from its `<meta name="csrf-token">`). */
export async function pageToken(agent: request.Agent, path = '/'): Promise<string> {
  const res = await agent.get(path);
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(res.text)?.[1];
  expect(token, `no CSRF token on ${path} (status ${res.status})`).toBeTruthy();
  return token ?? '';
}

/** Logs in through the login form, as a browser would. */
export async function pageLogin(agent: request.Agent, username: string): Promise<void> {
  const token = await pageToken(agent, '/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: token, username, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
}

/** Posts a page form with the session's token, repeated fields as a browser sends them; 303 on success. */
export async function postForm(
  agent: request.Agent,
  path: string,
  fields: Record<string, string | string[]>,
) {
  const body = new URLSearchParams({ _csrf: await pageToken(agent) });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return agent.post(path).type('form').send(body.toString());
}

/** The value of the first field named `name` in a page, as the browser reads it (entities undone). */
export function fieldValue(page: string, name: string): string {
  const raw = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
  return raw
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}
