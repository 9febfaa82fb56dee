import { type TImportMapping, ZCreatePersonRequest, ZImportMapping } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
// The custom-fields module's own value check (not exported from its index; used here to prove agreement).
import { parseFieldValue } from '../../custom-fields/custom-field-parsers.ts';
import type { TCustomFieldRow } from '../../custom-fields/custom-fields.repository.ts';
import { context, customFields, mappingOf, OWNER_ID } from './converter-test-helpers.ts';
import { compileRowConverter } from './row-converter.ts';

/** Each value passes the custom-fields module's check and comes back unchanged (already canonical). */
function expectStoredForm(values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    const field = customFields.find((f) => f.key === key);
    if (!field) throw new Error(`no field ${key}`);
    const row = { ...field, relationObjectType: null, isArchived: false } as unknown as TCustomFieldRow;
    expect(parseFieldValue(row, value, 'AM'), key).toEqual({ value });
  }
}

const PERSON_COLUMNS: [string, string | null][] = [
  ['First Name', 'firstName'],
  ['Last Name', 'lastName'],
  ['Email', 'email'],
  ['Email 2', 'email2'],
  ['Mobile', 'mobilePhone'],
  ['Work phone', 'workPhone'],
  ['Company', 'company'],
  ['Birthday', 'birthDate'],
  ['Language', 'preferredLanguage'],
  ['Channel', 'preferredChannel'],
  ['Time zone', 'timezone'],
  ['Stage', 'lifecycleStage'],
  ['Tags', 'tags'],
  ['More tags', 'tags'],
  ['Street', 'addressStreet'],
  ['City', 'addressCity'],
  ['Country', 'addressCountry'],
  ['Id', 'externalId'],
  ['Owner', 'owner'],
  ['Tier', 'cf.tier'],
  ['Hobbies', 'cf.hobbies'],
  ['Points', 'cf.points'],
  ['VIP', 'cf.isVip'],
  ['Since', 'cf.since'],
  ['Last seen', 'cf.lastSeen'],
  ['Balance', 'cf.balance'],
  ['Site', 'cf.site'],
  ['Backup', 'cf.backupEmail'],
  ['Fax', 'cf.fax'],
  ['Manager', 'cf.manager'],
  ['Ignored', null],
];
const PERSON_HEADERS = PERSON_COLUMNS.map(([column]) => column);
const FULL_ROW = [
  ' Anna ',
  'Petrosyan',
  'Anna@Example.AM',
  'anna@example.am',
  '091 123456',
  '+374 10 123456',
  'Acme LLC',
  '31.12.1990',
  'Armenian',
  'e-mail',
  'asia/yerevan',
  'Customer',
  'vip, new',
  'new; gold',
  'Abovyan 1',
  'Yerevan',
  'Armenia',
  'hs-42',
  'OWNER@kap.example',
  'GOLD',
  'chess; Skiing',
  '1 234,5',
  'да',
  '2020-01-15',
  '2024-03-31 09:30',
  '1250.50 EUR',
  'kap.example/anna',
  'Backup@Example.am',
  '010 123456',
  'owner@kap.example',
  'whatever',
].map((value) => value.trim());

describe('compileRowConverter: people', () => {
  const convert = compileRowConverter(
    'person',
    mappingOf(PERSON_COLUMNS, { externalIdSource: 'hubspot' }),
    context(PERSON_HEADERS),
  );

  it('turns a full row into a schema-valid, normalised person input', () => {
    const result = convert({ rowNumber: 1, values: FULL_ROW });
    if (!result.ok) throw new Error(result.reason);
    const { input, companyName, match } = result.record;
    expect(input).toEqual({
      firstName: 'Anna',
      lastName: 'Petrosyan',
      birthDate: '1990-12-31',
      preferredLanguage: 'hy',
      preferredChannel: 'email',
      timezone: 'Asia/Yerevan',
      lifecycleStage: 'customer',
      tags: ['vip', 'new', 'gold'],
      emails: [{ email: 'anna@example.am', label: 'other', isPrimary: true }],
      phones: [
        { number: '+37491123456', label: 'mobile', isPrimary: true },
        { number: '+37410123456', label: 'work', isPrimary: false },
      ],
      addresses: [
        {
          label: 'other',
          line1: 'Abovyan 1',
          line2: null,
          city: 'Yerevan',
          region: null,
          postalCode: null,
          country: 'AM',
        },
      ],
      externalIds: [{ source: 'hubspot', id: 'hs-42' }],
      ownerId: OWNER_ID,
      customFields: {
        tier: 'gold',
        hobbies: ['chess', 'ski'],
        points: 1234.5,
        isVip: true,
        since: '2020-01-15',
        lastSeen: '2024-03-31T09:30:00.000Z',
        balance: { amount: '1250.5', currency: 'EUR' },
        site: 'https://kap.example/anna',
        backupEmail: 'backup@example.am',
        fax: '+37410123456',
        manager: OWNER_ID,
      },
    });
    expect(companyName).toBe('Acme LLC');
    expect(match).toEqual({
      email: 'anna@example.am',
      phone: '+37491123456',
      externalId: { source: 'hubspot', id: 'hs-42' },
    });
    // Already in the form the API stores: parsing changes nothing.
    expect(ZCreatePersonRequest.parse(input)).toEqual(input);
    expectStoredForm(input.customFields ?? {});
  });

  it('leaves empty cells out, so an update never clears a field', () => {
    const values = PERSON_HEADERS.map((h) => (h === 'Email' ? 'only@example.am' : ''));
    const result = convert({ rowNumber: 2, values });
    expect(result).toEqual({
      ok: true,
      record: {
        input: { emails: [{ email: 'only@example.am', label: 'other', isPrimary: true }] },
        companyName: null,
        match: { email: 'only@example.am', phone: null, externalId: null },
      },
    });
  });

  it.each([
    ['Email', 'bob@', 'Email "bob@" is not a valid email address'],
    ['Mobile', '12', 'Mobile "12" is not a valid phone number (numbers without "+" are read as AM numbers)'],
    ['Birthday', '31.02.1990', 'Birthday "31.02.1990" is not a date (e.g. 2024-03-31 or 31.03.2024)'],
    ['Birthday', '01.01.2999', 'Birthday 2999-01-01 is not a birth date between 1800-01-01 and today'],
    ['Stage', 'Prospect', 'Stage "Prospect" is not a lifecycle stage ('],
    ['Owner', 'stranger@x.am', 'Owner "stranger@x.am" is not the email of a member of this workspace'],
    ['Tier', 'bronze', 'Tier "bronze" is not one of the options ("Gold", "Silver")'],
    ['Hobbies', 'chess, golf', 'Hobbies "golf" is not one of the options ("Chess", "Skiing")'],
    ['Points', 'many', 'Points "many" is not a number'],
    ['VIP', 'perhaps', 'VIP "perhaps" is not yes or no (true/false, 1/0)'],
    ['Balance', '12.5', 'Balance "12.5" has no currency (write it as 12.50 EUR)'],
    ['Country', 'Atlantis', 'Country "Atlantis" is not a country (a name or a code such as AM)'],
    ['First Name', 'x'.repeat(121), 'First Name is longer than 120 characters'],
    ['Tags', 'x'.repeat(101), 'is longer than 100 characters'],
  ])('rejects %s = %j with its reason', (column, value, reason) => {
    const values = [...FULL_ROW];
    values[PERSON_HEADERS.indexOf(column)] = value;
    const result = convert({ rowNumber: 3, values });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.column).toBe(column);
    expect(result.reason.startsWith(reason) || result.reason.endsWith(reason)).toBe(true);
  });

  it('rejects more tags than a person takes, gathered from several columns', () => {
    const values = [...FULL_ROW];
    values[PERSON_HEADERS.indexOf('Tags')] = Array.from({ length: 60 }, (_, i) => `a${i}`).join(',');
    values[PERSON_HEADERS.indexOf('More tags')] = Array.from({ length: 60 }, (_, i) => `b${i}`).join(',');
    expect(convert({ rowNumber: 5, values })).toEqual({
      ok: false,
      reason: 'Tags has 120 tags; at most 100',
      column: 'Tags',
    });
  });

  it('rejects a row with nothing that names the person', () => {
    const values = PERSON_HEADERS.map((h) => (h === 'City' ? 'Yerevan' : ''));
    expect(convert({ rowNumber: 4, values })).toEqual({
      ok: false,
      reason: 'The row has no name, email, phone or external id',
      column: null,
    });
  });

  it('finds columns by header, so the mapping may list them in any order or leave some out', () => {
    const headers = ['Note', 'Mail', 'Name'];
    const convertSome = compileRowConverter(
      'person',
      mappingOf([
        ['Name', 'displayName'],
        ['Mail', 'email'],
      ]),
      context(headers),
    );
    expect(convertSome({ rowNumber: 1, values: ['hi', 'a@b.am', 'Ani'] })).toMatchObject({
      ok: true,
      record: { input: { displayName: 'Ani', emails: [{ email: 'a@b.am' }] } },
    });
  });

  it('refuses mappings that do not fit, at mapping.<path>', () => {
    const fails = (mapping: TImportMapping, headers: string[]) => {
      try {
        compileRowConverter('person', mapping, context(headers));
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).details;
      }
      throw new Error('compiled');
    };
    expect(
      fails(
        mappingOf([
          ['A', 'email'],
          ['B', 'email'],
        ]),
        ['A', 'B'],
      ),
    ).toEqual([{ path: 'mapping.columns.1.target', message: '"email" is already filled by column "A"' }]);
    expect(fails(mappingOf([['A', 'salary']]), ['A'])).toEqual([
      { path: 'mapping.columns.0.target', message: '"salary" is not a field of person imports' },
    ]);
    expect(
      fails(
        mappingOf([
          ['A', 'cf.nope'],
          ['B', 'cf.old'],
        ]),
        ['A', 'B'],
      ),
    ).toEqual([
      { path: 'mapping.columns.0.target', message: 'No custom field "nope"' },
      { path: 'mapping.columns.1.target', message: 'The custom field "old" is archived' },
    ]);
    expect(fails(mappingOf([['Missing', 'email']]), ['A'])).toEqual([
      { path: 'mapping.columns.0.column', message: 'The file has no column "Missing"' },
    ]);
    expect(fails(mappingOf([['A', 'externalId']]), ['A'])).toEqual([
      {
        path: 'mapping.options.externalIdSource',
        message: 'Name the source of the external ids, e.g. "hubspot"',
      },
    ]);
  });

  it('imports a column into a custom field it creates', () => {
    const mapping = ZImportMapping.parse({
      columns: [
        { column: 'Email', target: 'email' },
        {
          column: 'Shoe size',
          target: null,
          newField: { key: 'shoeSize', label: 'Shoe size', type: 'number' },
        },
      ],
    });
    const convertNew = compileRowConverter('person', mapping, context(['Email', 'Shoe size']));
    expect(convertNew({ rowNumber: 1, values: ['a@b.am', '42,5'] })).toMatchObject({
      ok: true,
      record: { input: { customFields: { shoeSize: 42.5 } } },
    });
  });
});
