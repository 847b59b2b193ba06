/**
 * Requests Node's HTTP parser refuses before Express sees them — a URL or
 * headers over Node's 16 KB limit (a 5 MB query string), a malformed request
 * line — answered with the API's error body instead of Node's bare status line.
 * Wired in server.ts: `server.on('clientError', answerClientError)`.
 */
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../domain/errors';

interface Answer {
  status: number;
  reason: string;
  code: ErrorCode;
  message: string;
}

function answerFor(code: string | undefined): Answer {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'Request Header Fields Too Large', code: 'bad_request', message: '请求地址或请求头过长' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'Request Timeout', code: 'bad_request', message: '请求超时，请重试' };
  return { status: 400, reason: 'Bad Request', code: 'bad_request', message: '请求无法解析' };
}

export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // The peer is gone, or a response is already under way: nothing sensible to write.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const a = answerFor(err.code);
  const body = JSON.stringify({ error: { code: a.code, message: a.message } });
  socket.end(
    `HTTP/1.1 ${a.status} ${a.reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
