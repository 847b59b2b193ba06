import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * 甬数流程 web front end.
 *
 * In production the custom server (server.ts) answers /api/v1 itself and hands
 * every other request to Next, so the web always calls the API same-origin.
 * For trying pages against an API running elsewhere, set API_ORIGIN
 * (e.g. http://localhost:4000): /api/v1/* is then proxied there.
 */
const apiOrigin = process.env.API_ORIGIN?.replace(/\/+$/, '');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The app imports pure shared code from ../domain: let the bundler see the repo root.
  turbopack: {
    root: path.join(__dirname, '..'),
    rules: {
      '*.ts': { condition: { not: 'foreign' }, loaders: [path.join(__dirname, 'build-tools', 'esm-source-loader.cjs')], as: '*.mts' },
    },
  },
  outputFileTracingRoot: path.join(__dirname, '..'),
  async rewrites() {
    if (!apiOrigin) return [];
    return [{ source: '/api/v1/:path*', destination: `${apiOrigin}/api/v1/:path*` }];
  },
};

export default nextConfig;
