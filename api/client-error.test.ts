/** Requests Node's parser refuses still get the API's JSON error body. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { answerClientError } from './client-error';

let server: http.Server;
let port = 0;

before(async () => {
  server = http.createServer((_req, res) => res.end('ok'));
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(() => server.close());

/** Writes raw bytes and returns whatever the server answers before closing. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

test('a URL over the header limit → 431 with an error body', async () => {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/cases?q=${'x'.repeat(64 * 1024)}`);
  assert.equal(r.status, 431);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  const body = (await r.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'bad_request');
  assert.ok(body.error.message.length > 0);
});

test('a malformed request line → 400 with an error body', async () => {
  const response = await rawExchange('GET /a b c\r\n\r\n');
  assert.match(response, /^HTTP\/1\.1 400 /);
  assert.equal(bodyOf(response).error.code, 'bad_request');
});

test('a well-formed request is untouched', async () => {
  const r = await fetch(`http://127.0.0.1:${port}/fine`);
  assert.equal(await r.text(), 'ok');
});
