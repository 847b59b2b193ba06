/**
 * The caller's network address as Express sees it: the TCP peer, or — only
 * when TRUST_PROXY names the proxies in front — the address they forwarded.
 */
import type { Request } from 'express';

export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  // IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d; store them as people write them.
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}
