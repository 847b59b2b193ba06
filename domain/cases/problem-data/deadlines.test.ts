import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionCap, extensionRefusal } from './deadlines';

describe('Art. 27 ¶3 extension cap', () => {
  test('60 natural days counted from the day after receipt, ending at 24:00 (Shanghai)', () => {
    // Received 2026-09-30 10:00 → day 1 is 10-01, day 60 is 11-29 → cap 2026-11-30 00:00 +08:00.
    assert.equal(extensionCap('2026-09-30T10:00:00+08:00').toISOString(), '2026-11-29T16:00:00.000Z');
    // 23:30 Shanghai is still the same receipt day, though UTC says the day before ended.
    assert.equal(extensionCap('2026-09-30T23:30:00+08:00').toISOString(), '2026-11-29T16:00:00.000Z');
  });

  test('the cap itself is allowed, one second past it is refused with the article', () => {
    const receivedAt = '2026-09-30T10:00:00+08:00';
    assert.equal(extensionRefusal({ receivedAt, newDueAt: '2026-11-30T00:00:00+08:00' }), null);
    const r = extensionRefusal({ receivedAt, newDueAt: '2026-11-30T00:00:01+08:00' });
    assert.equal(r?.article, '第27条第3款');
    assert.match(r?.fields.newDueAt ?? '', /2026年11月29日24:00/);
  });

  test('an extension must reach past the deadline it replaces', () => {
    const r = extensionRefusal({ receivedAt: '2026-09-30T10:00:00+08:00', newDueAt: '2026-10-10T00:00:00+08:00', currentDueAt: '2026-10-14T00:00:00+08:00' });
    assert.ok(r?.fields.newDueAt);
  });
});
