/**
 * A real Temporal server (not the CLI's dev server) on PostgreSQL, for
 * `npm run test:cluster`: creates the `temporal` and `temporal_visibility`
 * databases with the server's own SQL tool and schemas, writes the server
 * configuration (every port free a moment ago), starts the four services in one
 * process and creates the namespace. The README's "Deployment" section shows
 * the same configuration for a real deployment.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, portOpen } from '../lib/free-port';
import { waitFor, type Supervisor } from '../lib/processes';
import { provideTemporalCli, provideTemporalServer, type TemporalServerBinaries } from '../temporal-binaries';

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  membership: { frontend: number; history: number; matching: number; worker: number };
}

/** The server's configuration (DIR/config/NAME.yaml): four services in one process, both stores on PostgreSQL. */
export function serverConfigYaml(pg: PostgresEndpoint, ports: ServerPorts, dynamicConfigFile: string): string {
  const store = (database: string, maxConns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${pg.host}:${pg.port}"
        connectProtocol: "tcp"
        user: "${pg.user}"
        password: "${pg.password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (name: string, grpc: number, membership: number, extra = '') => `  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  return `log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${store('temporal', 20)}
    postgres-visibility:
${store('temporal_visibility', 10)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"

services:
${service('frontend', ports.frontend, ports.membership.frontend, `\n      httpPort: ${ports.frontendHttp}`)}
${service('history', ports.history, ports.membership.history)}
${service('matching', ports.matching, ports.membership.matching)}
${service('worker', ports.worker, ports.membership.worker)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: "10s"
`;
}

/** What the app needs of the server beyond its defaults: Updates (decisions), Update-with-Start (filing), eager activities. */
export const DYNAMIC_CONFIG_YAML = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableExecuteMultiOperation:
  - value: true
system.enableActivityEagerExecution:
  - value: true
limit.maxIDLength:
  - value: 255
`;

function sqlTool(bin: TemporalServerBinaries, pg: PostgresEndpoint, database: string, args: string[]): void {
  const r = spawnSync(bin.sqlTool, ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', database, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${r.stdout}${r.stderr}`);
}

/** `create-database`, `setup-schema -v 0.0`, `update-schema -d <versioned>`: what the server's own docs prescribe. */
export function createTemporalDatabases(bin: TemporalServerBinaries, pg: PostgresEndpoint): void {
  for (const [database, schema] of [['temporal', bin.temporalSchema], ['temporal_visibility', bin.visibilitySchema]] as const) {
    sqlTool(bin, pg, database, ['create-database']);
    sqlTool(bin, pg, database, ['setup-schema', '-v', '0.0']);
    sqlTool(bin, pg, database, ['update-schema', '-d', schema]);
  }
}

/** A free port below 32768: the server stores membership ports in a smallint column (the OS's own picks are higher). */
async function freeMembershipPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

export interface TemporalCluster {
  address: string;
  namespace: string;
  binaries: TemporalServerBinaries;
}

/**
 * Starts the server under `sup` (its log goes where the supervisor's does) and
 * returns once `namespace` exists and answers. `dir` holds the configuration.
 */
export async function startTemporalCluster(o: { sup: Supervisor; pg: PostgresEndpoint; dir: string; namespace: string }): Promise<TemporalCluster> {
  const bin = provideTemporalServer();
  const cli = provideTemporalCli();
  if (!cli.path) throw new Error('no Temporal CLI (it creates the namespace): install Go, or set TEMPORAL_CLI_PATH');
  createTemporalDatabases(bin, o.pg);

  const membership = new Set<number>();
  const ports: ServerPorts = {
    frontend: await freePort(),
    frontendHttp: await freePort(),
    history: await freePort(),
    matching: await freePort(),
    worker: await freePort(),
    membership: {
      frontend: await freeMembershipPort(membership),
      history: await freeMembershipPort(membership),
      matching: await freeMembershipPort(membership),
      worker: await freeMembershipPort(membership),
    },
  };
  fs.mkdirSync(path.join(o.dir, 'config', 'dynamicconfig'), { recursive: true });
  // The server resolves the dynamic-config path against its working directory: it runs in `dir`.
  fs.writeFileSync(path.join(o.dir, 'config', 'dynamicconfig', 'cluster.yaml'), DYNAMIC_CONFIG_YAML);
  fs.writeFileSync(path.join(o.dir, 'config', 'cluster.yaml'), serverConfigYaml(o.pg, ports, 'config/dynamicconfig/cluster.yaml'));

  o.sup.start('temporal-server', bin.server, ['--root', o.dir, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'], { cwd: o.dir });
  const address = `127.0.0.1:${ports.frontend}`;
  const died = o.sup.firstExit.then(({ name, code }) => {
    throw new Error(`${name} exited (code ${code}) during start-up`);
  });
  died.catch(() => undefined); // raced below; after start-up the caller watches its own processes
  await Promise.race([waitFor(() => portOpen(ports.frontend), { timeoutMs: 90_000, what: 'the Temporal server frontend' }), died]);

  const temporal = (args: string[]) => spawnSync(cli.path!, [...args, '--address', address], { encoding: 'utf8' });
  await waitFor(async () => temporal(['operator', 'namespace', 'create', '--namespace', o.namespace, '--retention', '24h']).status === 0 || temporal(['operator', 'namespace', 'describe', '--namespace', o.namespace]).status === 0, {
    timeoutMs: 60_000,
    what: `namespace ${o.namespace} creation`,
    intervalMs: 1000,
  });
  // A new namespace reaches the frontend's cache within its refresh interval (~10 s): wait until it lists.
  const connection = await Connection.connect({ address });
  try {
    await waitFor(
      async () => {
        await connection.workflowService.listWorkflowExecutions({ namespace: o.namespace, pageSize: 1 });
        return true;
      },
      { timeoutMs: 60_000, what: `namespace ${o.namespace} on the frontend`, intervalMs: 1000 },
    );
  } finally {
    await connection.close();
  }
  return { address, namespace: o.namespace, binaries: bin };
}
