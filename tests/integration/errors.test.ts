/**
 * Errors at the edge (API.md "Errors"): every refusal is {error: {code, message, fields?}}
 * with the right status, and nothing a client can send yields a 500.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { anonymous, as, assertError, type Client, rsPayload } from './client';

describe('errors at the edge', () => {
  let amr: Client;
  before(async () => {
    amr = await as('amr.applicant');
  });

  describe('malformed JSON → 400 bad_request', () => {
    test('on POST /session (not signed in)', async () => {
      const r = await anonymous().request('POST', '/session', { raw: '{"username": "amr.applicant", "password": ' });
      assertError(r, 400, 'bad_request');
      assert.equal(r.body.error.fields, undefined);
    });

    test('on POST /cases (signed in)', async () => {
      assertError(await amr.request('POST', '/cases', { raw: "{type: 'restricted-share'}" }), 400, 'bad_request');
    });

    test('on POST /tasks/{id}/decision', async () => {
      assertError(await amr.request('POST', '/tasks/RS-X-t1/decision', { raw: '{"decision":' }), 400, 'bad_request');
    });

    test('on PUT /calendar/years/{year}', async () => {
      const admin = await as('admin');
      assertError(await admin.request('PUT', '/calendar/years/2031', { raw: '{"holidays": [}' }), 400, 'bad_request');
    });

    test('a body in a charset other than UTF-8 → 400', async () => {
      const r = await amr.request('POST', '/cases', { raw: '{}', headers: { 'content-type': 'application/json; charset=latin1' } });
      assertError(r, 400, 'bad_request');
    });

    test('a body whose Content-Encoding does not match its bytes → 400, not 500', async () => {
      // Claims gzip but is plain text: the decompression fails while reading the body.
      const r = await amr.request('POST', '/cases', { raw: '{"type":"restricted-share"}', headers: { 'content-encoding': 'gzip' } });
      assertError(r, 400, 'bad_request');
    });

    test('a correctly gzipped body is accepted like a plain one', async () => {
      const r = await amr.request('POST', '/cases', {
        raw: gzipSync(JSON.stringify({ type: 'restricted-share', payload: rsPayload({ undertaking: false }) })),
        headers: { 'content-encoding': 'gzip' },
      });
      assertError(r, 422, 'validation_failed', { fields: ['undertaking'] });
    });
  });

  describe('a body over the limit (256kb) → 413', () => {
    test('on POST /session', async () => {
      const r = await anonymous().post('/session', { username: 'amr.applicant', password: 'x'.repeat(300 * 1024) });
      assertError(r, 413, 'payload_too_large');
    });

    test('on POST /cases', async () => {
      const r = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload({ scenario: '场'.repeat(100 * 1024) }) });
      assertError(r, 413, 'payload_too_large');
    });

    test('just under the limit is not refused for its size', async () => {
      // ~200 KB of UTF-8 in 67 584 characters: under the body limit and under the input guard's text limit (100 000 characters).
      const r = await anonymous().post('/session', { username: 'amr.applicant', password: '密'.repeat(66 * 1024) });
      assertError(r, 422, 'validation_failed', { fields: ['password'] }); // too long for the field, not for the parser
    });
  });

  describe('an unknown field → 422 naming it', () => {
    test('at the top of POST /session', async () => {
      const r = await anonymous().post('/session', { username: 'amr.applicant', password: 'ningbo-demo', rememberMe: true });
      assertError(r, 422, 'validation_failed', { fields: ['rememberMe'] });
    });

    test('at the top of POST /cases', async () => {
      const r = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload(), priority: 'high' });
      assertError(r, 422, 'validation_failed', { fields: ['priority'] });
    });

    test('inside the restricted-share payload', async () => {
      const r = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload({ budget: 1 }) });
      assertError(r, 422, 'validation_failed', { fields: ['budget'] });
    });

    test('in a decision', async () => {
      const r = await amr.post('/cases/RS-NOPE/withdraw', { reason: 'x', force: true });
      assertError(r, 422, 'validation_failed', { fields: ['force'] });
    });

    test('an unknown query parameter → 400 naming it', async () => {
      assertError(await amr.get('/catalog/resources?colour=red'), 400, 'bad_request', { fields: ['colour'] });
    });
  });

  describe('a wrong type → 422 naming the field', () => {
    test('username a number', async () => {
      const r = await anonymous().post('/session', { username: 12345, password: 'ningbo-demo' });
      assertError(r, 422, 'validation_failed', { fields: ['username'] });
    });

    test('case type outside the enum', async () => {
      const r = await amr.post('/cases', { type: 'marriage-licence', payload: {} });
      assertError(r, 422, 'validation_failed', { fields: ['type'] });
    });

    test('accessDays a string, resources not an array', async () => {
      const r = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload({ accessDays: '30', resources: 'NB-PSB-0001' }) });
      assertError(r, 422, 'validation_failed', { fields: ['accessDays', 'resources'] });
    });

    test('a JSON body that is not an object', async () => {
      const r = await anonymous().request('POST', '/session', { raw: '"amr.applicant"' });
      assertError(r, 422, 'validation_failed');
    });

    test('a JSON array body', async () => {
      const r = await amr.request('POST', '/cases', { raw: '[1,2,3]' });
      assertError(r, 422, 'validation_failed');
    });

    test('no body at all on POST /session', async () => {
      const r = await anonymous().request('POST', '/session');
      assertError(r, 422, 'validation_failed', { fields: ['password', 'username'] });
    });

    test('a non-JSON content type is not parsed: the fields are missing', async () => {
      const r = await anonymous().request('POST', '/session', { raw: 'username=amr.applicant&password=ningbo-demo', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assertError(r, 422, 'validation_failed', { fields: ['password', 'username'] });
    });
  });

  describe('unknown paths and methods → 404 error body', () => {
    test('GET an unknown path', async () => {
      const r = await amr.get('/no/such/thing');
      assertError(r, 404, 'not_found');
      assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    });

    test('unknown path without signing in', async () => {
      assertError(await anonymous().get('/nothing-here'), 404, 'not_found');
    });

    test('a known path with a method it does not have', async () => {
      assertError(await amr.request('PATCH', '/cases'), 404, 'not_found');
    });

    test('an unknown case id → 404', async () => {
      assertError(await amr.get('/cases/RS-19700101-NOPE'), 404, 'not_found');
    });
  });

  describe('never a 500', () => {
    test('a malformed percent-encoding in a path parameter → 400', async () => {
      assertError(await amr.get('/cases/%E0%A4%A'), 400, 'bad_request');
      assertError(await amr.get('/catalog/resources/%ZZ'), 400, 'bad_request');
    });

    test('repeated and nested query parameters → 400', async () => {
      assertError(await amr.get('/catalog/resources?shareClass=restricted&shareClass=none'), 400, 'bad_request', { fields: ['shareClass'] });
      assertError(await amr.get('/cases?mine[]=true'), 400, 'bad_request');
      assertError(await amr.get('/calendar/deadline?from=2026-09-30T10:00:00%2B08:00&workingDays=5&workingDays=6'), 400, 'bad_request');
    });

    test('an over-long Idempotency-Key → 400', async () => {
      const r = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload() }, { headers: { 'idempotency-key': 'k'.repeat(201) } });
      assertError(r, 400, 'bad_request', { fields: ['Idempotency-Key'] });
    });

    test('an over-long id in a path → 400', async () => {
      assertError(await amr.get(`/cases/${'X'.repeat(200)}`), 400, 'bad_request', { fields: ['id'] });
    });
  });
});
