/**
 * The working-day calendar (PROCEDURES §2, API.md "Working-day calendar").
 * Publishing tests use 2031, a year no other test (and no running case) touches.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, as, assertError, type Client, type Json } from './client';

const YEAR = 2031;
const PUBLISHED_2031 = {
  holidays: [
    { date: '2031-05-01', name: '劳动节' },
    { date: '2031-01-01', name: '元旦' },
    { date: '2031-03-04', name: '集成测试假日' }, // a Tuesday
  ],
  workdays: [{ date: '2031-03-08', name: '集成测试调休上班' }], // a Saturday
};

const deadline = (c: Client, from: string, n: number, kind: 'workingDays' | 'naturalDays' = 'workingDays') =>
  c.get(`/calendar/deadline?from=${encodeURIComponent(from)}&${kind}=${n}`);

describe('working-day calendar', () => {
  let c: Client;
  let admin: Client;
  before(async () => {
    c = await as('amr.applicant');
    admin = await as('admin');
  });

  describe('GET /calendar/deadline', () => {
    test('5 working days from 2026-09-30 10:00 → 2026-10-14 00:00, over the National Day holiday and an adjusted Saturday', async () => {
      const r = await deadline(c, '2026-09-30T10:00:00+08:00', 5);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, {
        deadline: '2026-10-14T00:00:00+08:00',
        provisional: false,
        workingDaysCounted: ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13'],
      });
    });

    test('the same instant given in UTC gives the same deadline', async () => {
      const r = await deadline(c, '2026-09-30T02:00:00Z', 5);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.deadline, '2026-10-14T00:00:00+08:00');
    });

    test('receipt late in the evening in Shanghai counts from the next Shanghai day', async () => {
      // 2026-10-13 23:30 Shanghai = 15:30 UTC: day one is 10-14.
      const r = await deadline(c, '2026-10-13T15:30:00Z', 1);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.workingDaysCounted, ['2026-10-14']);
      assert.equal(r.body.deadline, '2026-10-15T00:00:00+08:00');
    });

    test('naturalDays count calendar days, holidays included', async () => {
      const r = await deadline(c, '2026-09-30T10:00:00+08:00', 5, 'naturalDays');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, {
        deadline: '2026-10-06T00:00:00+08:00',
        provisional: false,
        workingDaysCounted: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'],
      });
    });

    test('a deadline reaching into a year nobody published is provisional', async () => {
      const r = await deadline(c, '2098-03-02T10:00:00+08:00', 5);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.provisional, true);
      assert.equal(r.body.workingDaysCounted.length, 5);
    });

    test('natural days are never provisional', async () => {
      const r = await deadline(c, '2098-03-02T10:00:00+08:00', 60, 'naturalDays');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.provisional, false);
    });

    test('both workingDays and naturalDays → 400', async () => {
      const r = await c.get(`/calendar/deadline?from=${encodeURIComponent('2026-09-30T10:00:00+08:00')}&workingDays=5&naturalDays=5`);
      assertError(r, 400, 'bad_request', { fields: ['workingDays'] });
    });

    test('neither → 400', async () => {
      const r = await c.get(`/calendar/deadline?from=${encodeURIComponent('2026-09-30T10:00:00+08:00')}`);
      assertError(r, 400, 'bad_request', { fields: ['workingDays'] });
    });

    test('from without an offset, or not a date → 400 naming from', async () => {
      assertError(await c.get('/calendar/deadline?from=2026-09-30T10:00:00&workingDays=5'), 400, 'bad_request', { fields: ['from'] });
      assertError(await c.get('/calendar/deadline?from=yesterday&workingDays=5'), 400, 'bad_request', { fields: ['from'] });
      assertError(await c.get('/calendar/deadline?workingDays=5'), 400, 'bad_request', { fields: ['from'] });
    });

    test('workingDays 0, negative or fractional → 400', async () => {
      for (const n of ['0', '-1', '2.5', 'five']) {
        const r = await c.get(`/calendar/deadline?from=${encodeURIComponent('2026-09-30T10:00:00+08:00')}&workingDays=${n}`);
        assertError(r, 400, 'bad_request', { fields: ['workingDays'] });
      }
    });

    test('401 without sign-in', async () => {
      assertError(await deadline(anonymous(), '2026-09-30T10:00:00+08:00', 5), 401, 'unauthenticated');
    });
  });

  describe('GET /calendar/years and /calendar/years/{year}', () => {
    test('lists 2019 onwards with the source of each year: 2026 held, 2027 not', async () => {
      const r = await c.get('/calendar/years');
      assert.equal(r.status, 200, r.text);
      assert.ok(Array.isArray(r.body));
      const source = new Map<number, string>(r.body.map((y: Json) => [y.year, y.source]));
      for (const y of r.body) assert.ok(['bundled', 'published', 'missing'].includes(y.source), JSON.stringify(y));
      assert.equal(source.get(2019), 'bundled');
      assert.equal(source.get(2025), 'bundled');
      // A test (calendar-replan) may have re-published 2026 with its own lists; then it says so.
      const y2026 = await c.get('/calendar/years/2026');
      assert.equal(source.get(2026), y2026.body.publishedAt === null ? 'bundled' : 'published');
      assert.equal(y2026.body.source, source.get(2026));
      // 2027 is missing until an administrator publishes it.
      const y2027 = await c.get('/calendar/years/2027');
      assert.equal(source.get(2027), y2027.body.publishedAt === null ? 'missing' : 'published');
      assert.ok(source.has(2028), 'the list reaches two years ahead');
    });

    test('GET /calendar/years/2026 lists the bundled holidays and adjusted workdays', async () => {
      const r = await c.get('/calendar/years/2026');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.year, 2026);
      const holidays = r.body.holidays.map((h: Json) => h.date);
      const workdays = r.body.workdays.map((h: Json) => h.date);
      assert.ok(holidays.includes('2026-10-01'));
      assert.ok(holidays.includes('2026-01-01'));
      assert.ok(workdays.includes('2026-10-10'));
      for (const h of [...r.body.holidays, ...r.body.workdays]) assert.equal(typeof h.name, 'string');
    });

    test('a missing year offers a provisional schedule with New Year holidays', async () => {
      const r = await c.get('/calendar/years/2097');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.source, 'missing');
      assert.equal(r.body.publishedAt, null);
      assert.ok(r.body.holidays.some((h: Json) => h.date === '2097-01-01'), 'New Year is surely a holiday');
    });

    test('a year out of range → 400', async () => {
      assertError(await c.get('/calendar/years/1999'), 400, 'bad_request', { fields: ['year'] });
      assertError(await c.get('/calendar/years/abc'), 400, 'bad_request', { fields: ['year'] });
    });
  });

  describe('GET /calendar/month', () => {
    test('2026-10 marks 10-01 holiday and 10-10 adjusted workday', async () => {
      const r = await c.get('/calendar/month?year=2026&month=10');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.year, 2026);
      assert.equal(r.body.month, 10);
      assert.equal(r.body.days.length, 31);
      const day = (d: string) => r.body.days.find((x: Json) => x.date === d);
      assert.equal(day('2026-10-01').kind, 'holiday');
      assert.equal(day('2026-10-01').working, false);
      assert.equal(typeof day('2026-10-01').name, 'string');
      assert.equal(day('2026-10-10').kind, 'adjusted-workday');
      assert.equal(day('2026-10-10').working, true);
      assert.equal(day('2026-10-11').kind, 'weekend');
      assert.equal(day('2026-10-11').working, false);
      assert.equal(day('2026-10-13').kind, 'workday');
      assert.equal(day('2026-10-13').working, true);
    });

    test('month 13 or a missing year → 400', async () => {
      assertError(await c.get('/calendar/month?year=2026&month=13'), 400, 'bad_request', { fields: ['month'] });
      assertError(await c.get('/calendar/month?month=1'), 400, 'bad_request', { fields: ['year'] });
    });
  });

  describe('DELETE /calendar/years/{year}', () => {
    test('withdrawing a publication returns the year to missing (provisional deadlines); a second DELETE → 404; others → 403', async () => {
      const year = 2033;
      const put = await admin.put(`/calendar/years/${year}`, { holidays: [{ date: `${year}-03-01`, name: '临时假日' }], workdays: [] });
      assert.equal(put.status, 200, put.text);
      assertError(await c.del(`/calendar/years/${year}`), 403, 'forbidden');
      assert.equal((await c.get(`/calendar/years/${year}`)).body.source, 'published');

      const del = await admin.del(`/calendar/years/${year}`);
      assert.equal(del.status, 200, del.text);
      assert.equal(del.body.source, 'missing');
      assert.equal((await c.get(`/calendar/years/${year}`)).body.source, 'missing');
      assert.equal((await deadline(c, `${year}-02-27T10:00:00+08:00`, 5)).body.provisional, true);
      assertError(await admin.del(`/calendar/years/${year}`), 404, 'not_found');
    });
  });

  describe(`PUT /calendar/years/${YEAR}`, () => {
    test('as admin → 200 published; the deadline over it is no longer provisional and honours its holiday', async () => {
      const before = await c.get(`/calendar/years/${YEAR}`);
      if (before.body.source === 'missing') {
        // Until it is published, a deadline reaching into the year is only provisional.
        assert.equal((await deadline(c, '2031-03-03T10:00:00+08:00', 5)).body.provisional, true);
      }
      const put = await admin.put(`/calendar/years/${YEAR}`, PUBLISHED_2031);
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.year, YEAR);
      assert.equal(put.body.source, 'published');
      assert.equal(typeof put.body.replanned, 'number');

      const y = await c.get(`/calendar/years/${YEAR}`);
      assert.equal(y.status, 200, y.text);
      assert.equal(y.body.source, 'published');
      assert.equal(y.body.publishedBy, '系统管理员');
      assert.match(y.body.publishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      // Sorted by date, exactly what was published.
      assert.deepEqual(y.body.holidays, [
        { date: '2031-01-01', name: '元旦' },
        { date: '2031-03-04', name: '集成测试假日' },
        { date: '2031-05-01', name: '劳动节' },
      ]);
      assert.deepEqual(y.body.workdays, PUBLISHED_2031.workdays);

      const years = await c.get('/calendar/years');
      assert.ok(years.body.some((x: Json) => x.year === YEAR && x.source === 'published'));

      // Mon 2031-03-03 10:00: Tue 03-04 is the published holiday, Sat 03-08 the published workday.
      const d = await deadline(c, '2031-03-03T10:00:00+08:00', 5);
      assert.equal(d.status, 200, d.text);
      assert.deepEqual(d.body, {
        deadline: '2031-03-11T00:00:00+08:00',
        provisional: false,
        workingDaysCounted: ['2031-03-05', '2031-03-06', '2031-03-07', '2031-03-08', '2031-03-10'],
      });

      const m = await c.get('/calendar/month?year=2031&month=3');
      assert.equal(m.body.source, 'published');
      const day = (x: string) => m.body.days.find((v: Json) => v.date === x);
      assert.deepEqual(day('2031-03-04'), { date: '2031-03-04', working: false, kind: 'holiday', name: '集成测试假日', source: 'published' });
      assert.equal(day('2031-03-08').kind, 'adjusted-workday');
    });

    test('publishing the same year again replaces it (idempotent)', async () => {
      const a = await admin.put(`/calendar/years/${YEAR}`, PUBLISHED_2031);
      const b = await admin.put(`/calendar/years/${YEAR}`, PUBLISHED_2031);
      assert.equal(a.status, 200, a.text);
      assert.equal(b.status, 200, b.text);
      const y = await c.get(`/calendar/years/${YEAR}`);
      assert.equal(y.body.holidays.length, 3);
    });

    test('as amr.applicant → 403, and nothing changes', async () => {
      assert.equal((await admin.put(`/calendar/years/${YEAR}`, PUBLISHED_2031)).status, 200);
      const r = await c.put(`/calendar/years/${YEAR}`, { holidays: [], workdays: [] });
      assertError(r, 403, 'forbidden');
      const y = await c.get(`/calendar/years/${YEAR}`);
      assert.equal(y.body.holidays.length, 3);
      assert.equal(y.body.publishedBy, '系统管理员');
    });

    test('not signed in → 401', async () => {
      assertError(await anonymous().put(`/calendar/years/${YEAR}`, PUBLISHED_2031), 401, 'unauthenticated');
    });

    test('a date outside the year → 422 naming it', async () => {
      const r = await admin.put(`/calendar/years/${YEAR}`, { holidays: [{ date: '2030-12-31', name: '跨年' }], workdays: [] });
      assertError(r, 422, 'validation_failed', { fields: ['holidays.0.date'] });
    });

    test('a day both holiday and workday → 422 naming the workday', async () => {
      const r = await admin.put(`/calendar/years/${YEAR}`, {
        holidays: [{ date: '2031-03-08', name: '假日' }],
        workdays: [{ date: '2031-03-08', name: '上班' }],
      });
      assertError(r, 422, 'validation_failed', { fields: ['workdays.0.date'] });
    });

    test('an adjusted workday on a weekday, a non-date, an empty name → 422 with each field', async () => {
      const r = await admin.put(`/calendar/years/${YEAR}`, {
        holidays: [{ date: '2031-02-30', name: '不存在' }, { date: '2031-06-02', name: '' }],
        workdays: [{ date: '2031-03-10', name: '周一' }],
      });
      assertError(r, 422, 'validation_failed', { fields: ['holidays.0.date', 'holidays.1.name', 'workdays.0.date'] });
    });

    test('a missing list → 422 naming it', async () => {
      const r = await admin.put(`/calendar/years/${YEAR}`, { holidays: [] });
      assertError(r, 422, 'validation_failed', { fields: ['workdays'] });
    });

    test('a refused publication leaves the published year as it was', async () => {
      await admin.put(`/calendar/years/${YEAR}`, PUBLISHED_2031);
      await admin.put(`/calendar/years/${YEAR}`, { holidays: [{ date: '2030-12-31', name: '跨年' }], workdays: [] });
      const y = await c.get(`/calendar/years/${YEAR}`);
      assert.deepEqual(
        y.body.holidays.map((h: Json) => h.date),
        ['2031-01-01', '2031-03-04', '2031-05-01'],
      );
    });
  });
});
