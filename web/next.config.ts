import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * 甬数流程 web front end.
 *
 * In production the custom server (server.ts) answers /api/v1 itself and hands
 * every other request to Next, so the web always calls the API same-origin.
 * For trying pages against an API running elsewhere, set API_ORIGIN
 * (e.g. http://localhost:4000) when starting `next dev web` / building:
 * /api/v1/* is then proxied there. Without it the rewrite does not exist.
 */
const apiOrigin = process.env.API_ORIGIN?.replace(/\/+$/, '');
const repoRoot = path.join(__dirname, '..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  outputFileTracingRoot: repoRoot,
  turbopack: {
    // The app imports pure shared code from ../domain: let the bundler see the repo root.
    root: repoRoot,
    rules: {
      // ../domain is ESM source in a package whose package.json says "type": "commonjs"
      // (for tsx/node). Turbopack would treat it as CommonJS and refuse its import/export;
      // presented as .mts it is bundled as the ES module it is. (web/ itself has its own
      // package.json with "type": "module" for the same reason.)
      '*.ts': {
        condition: { not: 'foreign' },
        loaders: [path.join(__dirname, 'build-tools', 'esm-source-loader.cjs')],
        as: '*.mts',
      },
    },
  },
  async rewrites() {
    if (!apiOrigin) return [];
    return [{ source: '/api/v1/:path*', destination: `${apiOrigin}/api/v1/:path*` }];
  },
};

export default nextConfig;
