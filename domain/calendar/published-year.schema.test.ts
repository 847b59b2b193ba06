import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors';
import { parsePublishedYear, publishedYearSchema } from './published-year.schema';

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'validation_failed');
    assert.ok(error.fields);
    return error.fields;
  }
  assert.fail('expected a validation error');
}

const valid = {
  holidays: [
    { date: '2027-02-06', name: ' 春节 ' },
    { date: '2027-01-01', name: '元旦' },
  ],
  workdays: [{ date: '2027-02-14', name: '补春节' }],
};

test('a valid body is returned normalised: names trimmed, days sorted', () => {
  assert.deepEqual(parsePublishedYear(2027, valid), {
    year: 2027,
    holidays: [
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-06', name: '春节' },
    ],
    workdays: [{ date: '2027-02-14', name: '补春节' }],
  });
  assert.deepEqual(parsePublishedYear(2027, { holidays: [], workdays: [] }), { year: 2027, holidays: [], workdays: [] });
});

test('rejects a date outside the year, naming the field', () => {
  const fields = fieldsOf(() =>
    parsePublishedYear(2027, { ...valid, holidays: [...valid.holidays, { date: '2026-12-31', name: '元旦' }] }),
  );
  assert.deepEqual(Object.keys(fields), ['holidays.2.date']);
  assert.match(fields['holidays.2.date']!, /2027/);
});

test('rejects a date that is both a holiday and a workday', () => {
  const fields = fieldsOf(() =>
    parsePublishedYear(2027, { ...valid, workdays: [{ date: '2027-02-06', name: '补春节' }] }),
  );
  assert.deepEqual(fields, { 'workdays.0.date': '该日同时列为节假日（第 1 行），不能既放假又上班' });
});

test('rejects malformed and impossible dates', () => {
  for (const date of ['2027/01/01', '2027-1-1', '2027-02-29', 'soon', '']) {
    const fields = fieldsOf(() => parsePublishedYear(2027, { holidays: [{ date, name: '元旦' }], workdays: [] }));
    assert.deepEqual(Object.keys(fields), ['holidays.0.date'], date);
  }
  const wrongType = fieldsOf(() => parsePublishedYear(2027, { holidays: [{ date: 20270101, name: '元旦' }], workdays: [] }));
  assert.deepEqual(Object.keys(wrongType), ['holidays.0.date']);
});

test('rejects duplicates, empty names, weekday "adjusted" workdays and missing lists', () => {
  assert.deepEqual(
    fieldsOf(() => parsePublishedYear(2027, { ...valid, holidays: [...valid.holidays, { date: '2027-01-01', name: 'x' }] })),
    { 'holidays.2.date': '与第 2 行日期重复' },
  );
  assert.deepEqual(Object.keys(fieldsOf(() => parsePublishedYear(2027, { ...valid, workdays: [{ date: '2027-02-14', name: '  ' }] }))), [
    'workdays.0.name',
  ]);
  // 2027-02-15 is a Monday.
  assert.deepEqual(Object.keys(fieldsOf(() => parsePublishedYear(2027, { ...valid, workdays: [{ date: '2027-02-15', name: '补' }] }))), [
    'workdays.0.date',
  ]);
  assert.deepEqual(Object.keys(fieldsOf(() => parsePublishedYear(2027, { holidays: [] }))), ['workdays']);
  assert.deepEqual(Object.keys(fieldsOf(() => parsePublishedYear(2027, null))), ['body']);
  assert.deepEqual(Object.keys(fieldsOf(() => parsePublishedYear(1999, valid))), ['year']);
});

test('the year-agnostic schema checks shape and consistency, for API docs', () => {
  assert.equal(publishedYearSchema.safeParse(valid).success, true);
  assert.equal(publishedYearSchema.safeParse({ ...valid, workdays: [{ date: '2027-02-06', name: 'x' }] }).success, false);
});
