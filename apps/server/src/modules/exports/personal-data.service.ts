import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { findCompanyNames } from '../companies/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';
import { getPerson } from '../people/index.ts';
import { listPersonalDataSources, type TPersonalDataSource } from '../personal-data/index.ts';
import { listMembers } from '../workspaces/index.ts';

const csvLine = (values: readonly unknown[]) =>
  stringify([values.map(csvValue)], { record_delimiter: 'windows' });

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `<name>.csv`: one row per item, nested values as JSON text. */
async function* csvOf(
  source: TPersonalDataSource,
  rows: AsyncIterable<Record<string, unknown>>,
): AsyncGenerator<string> {
  let columns = source.columns;
  if (columns) yield `\uFEFF${csvLine(columns)}`;
  for await (const row of rows) {
    if (!columns) {
      columns = Object.keys(row);
      yield `\uFEFF${csvLine(columns)}`;
    }
    yield csvLine(columns.map((column) => row[column]));
  }
}

/** `<name>.json`: a JSON array, written item by item. */
async function* jsonOf(rows: AsyncIterable<Record<string, unknown>>): AsyncGenerator<string> {
  let isFirst = true;
  yield '[';
  for await (const row of rows) {
    yield `${isFirst ? '\n' : ',\n'}${JSON.stringify(row)}`;
    isFirst = false;
  }
  yield isFirst ? ']\n' : '\n]\n';
}

/**
 * Everything Kap holds about one person, as a zip: `person.json` (every field, custom fields with
 * their labels, companies, owner) and a CSV and a JSON file per registered kind of data
 * (activities, tasks, changes, and whatever later modules register). Checked (403/404) before
 * anything is streamed; audited as `person.export` on the person.
 */
export async function preparePersonalDataExport(trx: TTrx, actor: TActor, personId: string) {
  assertCapability(actor, 'export');
  const person = await getPerson(trx, actor, personId, true);
  const [fields, companyNames, members] = [
    await listFieldDefinitions(trx, actor.workspaceId, { objectType: 'person', includeArchived: true }),
    await findCompanyNames(trx, actor, person.companyIds),
    await listMembers(trx, actor),
  ];
  const owner = members.find((m) => m.userId === person.ownerId);
  const sources = listPersonalDataSources();
  const document = {
    exportedAt: new Date().toISOString(),
    person,
    customFieldLabels: Object.fromEntries(
      fields.filter((f) => f.key in person.customFields).map((f) => [f.key, f.label]),
    ),
    companies: person.companyIds.map((id) => ({
      id,
      name: companyNames.get(id) ?? null,
      isPrimary: id === person.primaryCompanyId,
    })),
    owner: owner ? { id: owner.userId, name: owner.name, email: owner.email } : null,
    files: sources.flatMap((s) => [`${s.name}.csv`, `${s.name}.json`]),
  };
  await recordAudit(trx, actor, {
    action: 'person.export',
    recordType: 'person',
    recordId: person.id,
    after: { gdprExport: sources.map((s) => s.name) },
  });
  const name = (person.displayName || person.id).replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  return {
    fileName: `kap-personal-data-${name}.zip`,
    write: async (out: Writable) => {
      const zip = new yazl.ZipFile();
      // A source that fails (a database error) ends the zip stream, so the reply is cut short.
      zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
      zip.addBuffer(Buffer.from(`${JSON.stringify(document, null, 2)}\n`), 'person.json');
      for (const source of sources) {
        // Each file reads its source when the zip reaches it: one at a time, on the one transaction.
        zip.addReadStream(
          Readable.from(csvOf(source, source.load(trx, actor, person.id))),
          `${source.name}.csv`,
        );
        zip.addReadStream(Readable.from(jsonOf(source.load(trx, actor, person.id))), `${source.name}.json`);
      }
      zip.end();
      await pipeline(zip.outputStream, out);
    },
  };
}
