// Orders import: Kap's import engine end to end on a shop export of one row per order line
// (group by order id, customers by email, products by SKU, totals, rates, bulk writes, purchase
// stats of every customer) against a raw `COPY` of the same orders and lines as Kap stored them.
// Needs the PostgreSQL server (server-side COPY):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_bench npx tsx bench/import-orders.bench.ts [--lines 100000]

import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { withWorkspace } from '../apps/server/src/index.ts';
import { startImport } from '../apps/server/src/modules/imports/index.ts';
import { makeSharedTempDir, runImportTimed, signUpBenchOwner, uploadImportFile } from './import-run.ts';
import { openBenchDatabase } from './lib.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '5000' },
    products: { type: 'string', default: '500' },
  },
});
const lineCount = Number(values.lines);
const customerCount = Number(values.customers);
const productCount = Number(values.products);
if (!process.env.DATABASE_URL)
  throw new Error('Set DATABASE_URL to the PostgreSQL server (the COPY baseline reads a server-side file)');

async function writeFile(
  path: string,
  header: string,
  rows: (write: (line: string) => Promise<void>) => Promise<void>,
) {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  };
  await write(header);
  await rows(write);
  out.end();
  await once(out, 'finish');
}

const database = await openBenchDatabase();
const dir = makeSharedTempDir('kap-orders-bench-');
try {
  const { actor, ...account } = await signUpBenchOwner(database.db, 'Orders bench', 'orders');
  const runFile = async (objectType: string, name: string, path: string) => {
    const uploaded = await uploadImportFile(database.db, actor, path, name, { objectType });
    await withWorkspace(database.db, account.workspaceId, (trx) => startImport(trx, actor, uploaded.id));
    return runImportTimed(database.db, actor, uploaded.id);
  };

  const peopleFile = join(dir, 'people.csv');
  await writeFile(peopleFile, 'First Name,Email', async (write) => {
    for (let i = 0; i < customerCount; i++) await write(`Customer ${i},customer${i}@orders.bench`);
  });
  const productsFile = join(dir, 'products.csv');
  await writeFile(productsFile, 'SKU,Name,Category,Price', async (write) => {
    for (let i = 0; i < productCount; i++)
      await write(`SKU-${i},Product ${i},Category ${i % 12},${(5 + (i % 40)).toFixed(2)}`);
  });
  console.log(
    `Setup: ${(await runFile('person', 'people.csv', peopleFile)).result.created} people, ${(await runFile('product', 'products.csv', productsFile)).result.created} products`,
  );

  // A Shopify-like export: 1–5 lines per order, order fields on the first line only.
  const ordersFile = join(dir, 'orders.csv');
  let orders = 0;
  await writeFile(
    ordersFile,
    'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem sku,Lineitem price,Source',
    async (write) => {
      let written = 0;
      while (written < lineCount) {
        const lines = Math.min(1 + (orders % 5), lineCount - written);
        const day = String(1 + (orders % 28)).padStart(2, '0');
        for (let l = 0; l < lines; l++) {
          const product = (orders * 7 + l * 13) % productCount;
          const head =
            l === 0
              ? `#${orders},customer${(orders * 31) % customerCount}@orders.bench,paid,2025-03-${day} 10:15:00 +0100`
              : `#${orders},,,`;
          await write(
            `${head},${1 + (l % 3)},SKU-${product},"${5 + (product % 40)},00",${l === 0 ? 'web' : ''}`,
          );
        }
        written += lines;
        orders++;
      }
    },
  );
  console.log(
    `Kap orders import bench — ${database.label}, ${lineCount.toLocaleString('en')} lines, ${orders.toLocaleString('en')} orders, ${customerCount} customers`,
  );
  const run = await runFile('order', 'orders.csv', ordersFile);
  const orderRows = await sql<{
    n: number;
  }>`select count(*)::int as n from orders where workspace_id = ${account.workspaceId}`.execute(database.db);
  console.log(
    `  Kap import: ${run.outcome}; created ${run.result.created} lines, rejected ${run.result.rejected}; ${orderRows.rows[0]?.n} orders`,
  );

  // Baseline: the same orders and lines, as Kap stored them, into another workspace by COPY.
  const other = await signUpBenchOwner(database.db, 'Copy bench', 'ocopy');
  const ordersCopy = join(dir, 'orders-copy.csv');
  const linesCopy = join(dir, 'lines-copy.csv');
  const orderColumns =
    'source, external_id, channel, occurred_at, status, currency, subtotal, discount_total, tax_total, total, base_currency, exchange_rate, base_total';
  await sql
    .raw(
      `create temp table id_map as select id as old_id, gen_random_uuid() as new_id from orders where workspace_id = '${account.workspaceId}'`,
    )
    .execute(database.db);
  await sql
    .raw(
      `copy (select '${other.workspaceId}'::uuid, m.new_id, ${orderColumns} from orders o join id_map m on m.old_id = o.id) to '${ordersCopy}' with (format csv)`,
    )
    .execute(database.db);
  await sql
    .raw(
      `copy (select '${other.workspaceId}'::uuid, m.new_id, line_no, description, sku, category, quantity, unit_price, discount, tax, line_total from order_lines l join id_map m on m.old_id = l.order_id where l.workspace_id = '${account.workspaceId}') to '${linesCopy}' with (format csv)`,
    )
    .execute(database.db);
  const copyStarted = performance.now();
  await sql
    .raw(`copy orders (workspace_id, id, ${orderColumns}) from '${ordersCopy}' with (format csv)`)
    .execute(database.db);
  await sql
    .raw(
      `copy order_lines (workspace_id, order_id, line_no, description, sku, category, quantity, unit_price, discount, tax, line_total) from '${linesCopy}' with (format csv)`,
    )
    .execute(database.db);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  console.log(
    `  Kap engine  ${run.seconds.toFixed(1).padStart(7)} s  ${Math.round(lineCount / run.seconds)
      .toLocaleString('en')
      .padStart(8)} lines/s  ${Math.round(orders / run.seconds)
      .toLocaleString('en')
      .padStart(7)} orders/s (with purchase stats)`,
  );
  console.log(
    `  raw COPY    ${copySeconds.toFixed(1).padStart(7)} s  ${Math.round(lineCount / copySeconds)
      .toLocaleString('en')
      .padStart(8)} lines/s  (orders + lines only: no lookups, totals or stats)`,
  );
  console.log(`  ratio (Kap rate / COPY rate): ${(copySeconds / run.seconds).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
}
