import { ZCreateActivityRequest, ZCreateCompanyRequest } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { context, mappingOf } from './converter-test-helpers.ts';
import { compileRowConverter } from './row-converter.ts';

describe('compileRowConverter: companies and activities', () => {
  it('turns company rows into schema-valid inputs and names what is wrong', () => {
    const headers = ['Name', 'Website', 'Employees', 'Revenue', 'Currency', 'Country', 'Tags'];
    const convert = compileRowConverter(
      'company',
      mappingOf(
        headers.map((h, i) => [
          h,
          ['name', 'domains', 'size', 'annualRevenue', 'currency', 'addressCountry', 'tags'][i] ?? null,
        ]),
      ),
      context(headers, { customFields: [] }),
    );
    const result = convert({
      rowNumber: 1,
      values: ['Acme', 'https://www.acme.am; acme.com', '120', '1 250 000,5', 'amd', 'AM', 'b2b'],
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record).toEqual({
      input: {
        name: 'Acme',
        domains: ['acme.am', 'acme.com'],
        size: '51-200',
        annualRevenue: '1250000.50',
        currency: 'AMD',
        addresses: [
          {
            label: 'other',
            line1: null,
            line2: null,
            city: null,
            region: null,
            postalCode: null,
            country: 'AM',
          },
        ],
        tags: ['b2b'],
      },
      match: { name: 'Acme', domain: 'acme.am', externalId: null },
    });
    expect(ZCreateCompanyRequest.parse(result.record.input)).toEqual(result.record.input);
    expect(convert({ rowNumber: 3, values: ['', 'acme.am', '', '', '', '', ''] })).toEqual({
      ok: false,
      reason: 'Name is empty; a company needs a name',
      column: 'Name',
    });
    expect(convert({ rowNumber: 4, values: ['Acme', '', '', '100', '', '', ''] })).toMatchObject({
      ok: false,
      column: 'Revenue',
      reason: expect.stringContaining('has no currency'),
    });
    expect(convert({ rowNumber: 5, values: ['Acme', '', '', '100.123', 'EUR', '', ''] })).toMatchObject({
      ok: false,
      column: 'Revenue',
      reason: expect.stringContaining('at most 2 decimals'),
    });
    expect(() => compileRowConverter('company', mappingOf([['Web', 'domains']]), context(['Web']))).toThrow(
      /Map a column to the company name/,
    );
  });

  it('turns activity rows into schema-valid inputs with the person to link', () => {
    const headers = ['Type', 'Direction', 'When', 'Subject', 'Notes', 'Duration', 'Email', 'Company'];
    const targets = [
      'type',
      'direction',
      'occurredAt',
      'subject',
      'body',
      'duration',
      'personEmail',
      'companyName',
    ];
    const convert = compileRowConverter(
      'activity',
      mappingOf(headers.map((h, i) => [h, targets[i] ?? null])),
      context(headers, { customFields: [] }),
    );
    const result = convert({
      rowNumber: 1,
      values: [
        'Phone call',
        'outbound',
        '31.03.2024 14:05',
        'Renewal',
        'Said <yes>\nCall back',
        '5:30',
        'Anna@Example.am',
        'Acme',
      ],
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record).toEqual({
      input: {
        type: 'call',
        direction: 'out',
        occurredAt: '2024-03-31T14:05:00.000Z',
        subject: 'Renewal',
        body: 'Said &lt;yes&gt;<br>Call back',
        durationSeconds: 330,
      },
      personMatch: { email: 'anna@example.am', externalId: null },
      companyName: 'Acme',
      externalId: null,
    });
    expect(ZCreateActivityRequest.parse(result.record.input)).toEqual(result.record.input);
    expect(convert({ rowNumber: 2, values: ['call', '', '', '', '', '', 'a@b.am', ''] })).toEqual({
      ok: false,
      reason: 'Direction is empty; a call needs a direction (in or out)',
      column: 'Direction',
    });
    expect(convert({ rowNumber: 3, values: ['fax', '', '', '', '', '', '', ''] })).toMatchObject({
      ok: false,
      column: 'Type',
      reason: expect.stringMatching(/^Type "fax" is not an activity type/),
    });
  });
});

describe('compileRowConverter: speed', () => {
  it('converts a typical person row fast (precompiled; measured and printed)', () => {
    const headers = ['First Name', 'Last Name', 'Email', 'Phone', 'Company', 'City', 'Tags', 'Birthday'];
    const targets = [
      'firstName',
      'lastName',
      'email',
      'phone',
      'company',
      'addressCity',
      'tags',
      'birthDate',
    ];
    const convert = compileRowConverter(
      'person',
      mappingOf(headers.map((h, i) => [h, targets[i] ?? null])),
      context(headers, { customFields: [] }),
    );
    const rows = Array.from({ length: 50_000 }, (_, i) => ({
      rowNumber: i + 1,
      values: [
        `Anna${i}`,
        'Petrosyan',
        `anna${i}@example.am`,
        `+37491${String(i).padStart(6, '0')}`,
        'Acme',
        'Yerevan',
        'vip, new',
        '31.12.1990',
      ],
    }));
    const withoutPhone = rows.map((row) => ({
      ...row,
      values: row.values.map((v, i) => (i === 3 ? '' : v)),
    }));
    for (const row of rows.slice(0, 2000)) convert(row);
    /** Rows per second of wall time and per second of this process's CPU time (fair on a busy machine). */
    const measure = (batch: typeof rows) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      let accepted = 0;
      for (const row of batch) if (convert(row).ok) accepted++;
      const used = process.cpuUsage(cpu);
      expect(accepted).toBe(batch.length);
      const wall = (performance.now() - started) / 1000;
      return [Math.round(batch.length / wall), Math.round(batch.length / ((used.user + used.system) / 1e6))];
    };
    const [perSecond, perCpuSecond] = measure(rows);
    const [noPhonePerSecond, noPhonePerCpuSecond] = measure(withoutPhone);
    console.info(
      `converter: ${perSecond} person rows/s with a phone (${perCpuSecond} per CPU second), ` +
        `${noPhonePerSecond} without (${noPhonePerCpuSecond} per CPU second)`,
    );
    // A loose floor (shared CI machines vary); the figures above are what to read.
    expect(perCpuSecond).toBeGreaterThan(20_000);
  });
});
