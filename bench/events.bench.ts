// Event ingestion: Kap's HTTP API (a Kap server in its own process, real HTTP with keep-alive,
// a few concurrent clients, batches of 500) against raw COPY of the same rows into the same
// partitioned table, in one run on the same database.
//   npx tsx bench/events.bench.ts [--batches 300] [--clients 4] [--people 20000]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (default) — a fresh database is
//   made on that server for the run and dropped after it. Needs `psql` for the COPY baseline.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    serve: { type: 'string' },
    batches: { type: 'string', default: '300' },
    clients: { type: 'string', default: '4' },
    people: { type: 'string', default: '20000' },
  },
});

if (values.serve) {
  await serve(values.serve);
} else {
  await run();
}

/** The Kap server under test, in a child process so that it has a core of its own, as in production. */
async function serve(url: string) {
  const { buildApp, createDb, createPool, loadConfig } = await import('../apps/server/src/index.ts');
  const db = createDb(createPool(url, 8));
  const config = loadConfig(
    { LOG_LEVEL: 'silent' },
    { rateLimitPerMinute: 100_000_000, runWorkers: false, databaseUrl: url },
  );
  const app = await buildApp({ config, db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  // Exit cleanly when the bench is done, so that --cpu-prof (BENCH_CPU_PROF=dir) writes its profile.
  process.on('SIGTERM', () => process.exit(0));
}

async function run() {
  const batches = Number(values.batches);
  const clients = Number(values.clients);
  const peopleCount = Number(values.people);
  const BATCH = 500;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `kap_bench_events_${Date.now()}`;
  await adminQuery(adminUrl, `create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const tmp = mkdtempSync(join(tmpdir(), 'kap-events-bench-'));
  let server: ChildProcess | undefined;
  try {
    const { openDatabase, signUp } = await import('../apps/server/src/index.ts');
    const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '', log: () => undefined });
    const version = (
      await database.pool.query<{ v: string }>(`select current_setting('server_version') as v`)
    ).rows[0]?.v;
    const cores = (await import('node:os')).availableParallelism();
    console.log(
      `Kap events bench — PostgreSQL ${version}, ${cores} cores, ${batches} batches × ${BATCH} over HTTP by ${clients} clients`,
    );

    const password = 'bench password 123';
    const email = `bench-${Date.now()}@bench.test`;
    const { userId, workspaceId } = await signUp(
      database.db,
      { workspaceName: 'Bench', name: 'Bench', email, password },
      true,
    );
    const copyTarget = await signUp(
      database.db,
      { workspaceName: 'Bench COPY', name: 'Copy', email: `copy-${email}`, password },
      true,
    );
    // People known by email and by external id (the shop's customer number).
    await database.pool.query(
      `insert into people (workspace_id, id, first_name, emails, external_ids, owner_id)
       select $1, gen_random_uuid(), 'P' || i,
              jsonb_build_array(jsonb_build_object('email', 'p' || i || '@bench.test', 'label', 'work', 'isPrimary', true)),
              jsonb_build_array(jsonb_build_object('source', 'shop', 'id', 'C' || i)), $2
         from generate_series(1, $3) as i`,
      [workspaceId, userId, peopleCount],
    );
    await database.pool.query(
      `insert into person_identifiers (workspace_id, kind, source, value, person_id)
       select workspace_id, 'email', '', emails -> 0 ->> 'email', id from people where workspace_id = $1
       union all
       select workspace_id, 'externalId', 'shop', external_ids -> 0 ->> 'id', id from people where workspace_id = $1`,
      [workspaceId],
    );
    await database.pool.query('analyze');

    const profile = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
    server = spawn(
      process.execPath,
      [...profile, ...process.execArgv, import.meta.filename, '--serve', dbUrl],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      server?.stdout?.on('data', (chunk: Buffer) => {
        const match = /PORT (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      server?.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
    const call = (
      method: string,
      path: string,
      body: string | Buffer | null,
      headers: Record<string, string>,
    ) =>
      new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: { 'content-type': 'application/json', ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString(),
                headers: res.headers,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(body ?? undefined);
      });
    const login = await call('POST', '/api/v1/auth/login', JSON.stringify({ email, password }), {});
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const keyReply = await call(
      'POST',
      '/api/v1/api-keys',
      JSON.stringify({ name: 'Shop', role: 'manager', scopes: ['events:write'] }),
      { cookie },
    );
    const key = (JSON.parse(keyReply.body) as { key: string }).key;

    // The batches, made before the clock starts: 40% by email, 30% by external id, 30% anonymous
    // visitors (one in twenty of those events also carries the email: the visitor signs in).
    const types = [
      'page_view',
      'product_viewed',
      'cart_updated',
      'checkout_started',
      'order_placed',
      'app_opened',
    ];
    const channels = ['web', 'mobile_app', 'store', 'email'];
    const now = Date.now();
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const makeBatch = () => {
      const events = [];
      for (let i = 0; i < BATCH; i++) {
        const p = rand(peopleCount) + 1;
        const roll = rand(100);
        const person =
          roll < 40
            ? { email: `p${p}@bench.test` }
            : roll < 70
              ? { externalId: { source: 'shop', id: `C${p}` } }
              : roll < 98
                ? { anonymousId: `anon-${p}` }
                : { anonymousId: `anon-${p}`, email: `p${p}@bench.test` };
        events.push({
          id: randomUUID(),
          type: types[rand(types.length)],
          channel: channels[rand(channels.length)],
          occurredAt: new Date(now - rand(60 * 86_400) * 1000).toISOString(),
          properties: { url: `/products/${rand(5000)}`, sku: `SKU-${rand(5000)}`, price: rand(20_000) / 100 },
          person,
        });
      }
      return Buffer.from(JSON.stringify({ events }));
    };
    const warmup = Array.from({ length: 10 }, makeBatch);
    const bodies = Array.from({ length: batches }, makeBatch);
    const headers = { authorization: `Bearer ${key}` };
    const send = async (body: Buffer) => {
      const reply = await call('POST', '/api/v1/events', body, headers);
      if (reply.status !== 200) throw new Error(`events: ${reply.status} ${reply.body.slice(0, 300)}`);
      const parsed = JSON.parse(reply.body) as { accepted: number; duplicates: number };
      if (parsed.accepted !== BATCH) console.log(reply.body.slice(0, 300));
      return parsed;
    };
    for (const body of warmup) await send(body);

    let next = 0;
    let accepted = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < bodies.length; i = next++) {
          const body = bodies[i];
          if (!body) break;
          const t = performance.now();
          const reply = await send(body);
          accepted += reply.accepted;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const apiSeconds = (performance.now() - started) / 1000;
    const sent = batches * BATCH;
    if (accepted !== sent) throw new Error(`accepted ${accepted} of ${sent}`);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    const linked = (
      await database.pool.query<{ linked: string; total: string }>(
        `select count(person_id) as linked, count(*) as total from events where workspace_id = $1`,
        [workspaceId],
      )
    ).rows[0];

    // Raw baseline: the very rows Kap stored (people resolved), COPY'd into the same table.
    const file = join(tmp, 'events.tsv');
    const columns =
      'workspace_id, occurred_at, event_id, type, channel, person_id, anonymous_id, pending_key, properties';
    execFileSync('psql', [
      dbUrl,
      '-qc',
      `\\copy (select '${copyTarget.workspaceId}'::uuid, occurred_at, event_id, type, channel, person_id, anonymous_id, pending_key, properties from events where workspace_id = '${workspaceId}' order by received_at) to '${file}'`,
    ]);
    await database.pool.query('checkpoint');
    const copyStarted = performance.now();
    execFileSync('psql', [dbUrl, '-qc', `\\copy events (${columns}) from '${file}'`]);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copied = Number(
      (
        await database.pool.query<{ n: string }>('select count(*) as n from events where workspace_id = $1', [
          copyTarget.workspaceId,
        ])
      ).rows[0]?.n,
    );
    writeFileSync(join(tmp, 'done'), '');

    const apiRate = sent / apiSeconds;
    const copyRate = copied / copySeconds;
    console.log(`\nIngest ${sent.toLocaleString('en')} events (${linked?.linked} linked to people)`);
    console.log(
      `  Kap HTTP API  ${apiRate.toFixed(0).padStart(8)} events/s   (${apiSeconds.toFixed(2)} s; batch p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms)`,
    );
    console.log(
      `  raw COPY      ${copyRate.toFixed(0).padStart(8)} events/s   (${copySeconds.toFixed(2)} s, ${copied.toLocaleString('en')} rows)`,
    );
    console.log(`  ratio         ${((apiRate / copyRate) * 100).toFixed(0)}% of COPY`);
    await database.close();
  } finally {
    server?.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(tmp, { recursive: true, force: true });
    await adminQuery(adminUrl, `drop database if exists ${dbName} with (force)`);
  }
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
