import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { District } from '../../entities';
import { csvField, csvLine } from '../../src/http/csv';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('CSV cells never run as formulas', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    '%j is written as text',
    (text) => {
      expect(csvField(text).replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
  it('numbers stay numbers, plain text stays as it is, quoting still applies', () => {
    expect(csvLine([-5, 'Xã Thượng Nông', 'a,b', 'say "hi"'])).toBe('-5,Xã Thượng Nông,"a,b","say ""hi"""');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('the progress report CSV with a hostile name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the name as text', async () => {
    const hostile = '=HYPERLINK("http://evil.example/","Bấm vào đây")';
    await t.ds.getRepository(District).update({ code: 'NH' }, { name: hostile });
    const res = await (await t.as('bcd138')).get('/api/reports/progress.csv?year=2025').expect(200);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example/"",""Bấm vào đây"")"`);
    expect(res.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
