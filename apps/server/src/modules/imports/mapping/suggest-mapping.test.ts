import { findImportMappingProblems, ZImportMapping } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from './suggest-mapping.ts';

const targetsOf = (mapping: ReturnType<typeof suggestMapping>) =>
  Object.fromEntries(mapping.columns.map((c) => [c.column, c.target]));

describe('suggestMapping', () => {
  it('maps a HubSpot contacts export', () => {
    const headers = [
      'Record ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Mobile Phone Number',
      'Company Name',
      'Job Title',
      'Lifecycle Stage',
      'Contact owner',
      'Street Address',
      'City',
      'State/Region',
      'Postal Code',
      'Country/Region',
      'Original Source',
      'Create Date',
    ];
    const mapping = suggestMapping('person', headers, []);
    expect(targetsOf(mapping)).toEqual({
      'Record ID': 'externalId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Mobile Phone Number': 'mobilePhone',
      'Company Name': 'company',
      'Job Title': 'jobTitle',
      'Lifecycle Stage': 'lifecycleStage',
      'Contact owner': 'owner',
      'Street Address': 'addressStreet',
      City: 'addressCity',
      'State/Region': 'addressRegion',
      'Postal Code': 'addressPostalCode',
      'Country/Region': 'addressCountry',
      'Original Source': 'leadSource',
      'Create Date': null,
    });
    expect(mapping.options.externalIdSource).toBe('file');
    expect(ZImportMapping.parse(mapping)).toEqual(mapping);
    expect(findImportMappingProblems('person', mapping, new Set())).toEqual([]);
  });

  it('maps Google and Outlook contacts exports, second and third emails in turn', () => {
    const google = suggestMapping(
      'person',
      [
        'Given Name',
        'Family Name',
        'Birthday',
        'Group Membership',
        'E-mail 1 - Value',
        'E-mail 2 - Value',
        'Phone 1 - Value',
        'Organization 1 - Name',
        'Organization 1 - Title',
        'Address 1 - City',
      ],
      [],
    );
    expect(targetsOf(google)).toEqual({
      'Given Name': 'firstName',
      'Family Name': 'lastName',
      Birthday: 'birthDate',
      'Group Membership': 'tags',
      'E-mail 1 - Value': 'email',
      'E-mail 2 - Value': 'email2',
      'Phone 1 - Value': 'phone',
      'Organization 1 - Name': 'company',
      'Organization 1 - Title': 'jobTitle',
      'Address 1 - City': 'addressCity',
    });
    const outlook = suggestMapping(
      'person',
      [
        'First Name',
        'E-mail Address',
        'E-mail 2 Address',
        'E-mail 3 Address',
        'Personal E-mail',
        'Mobile Phone',
        'Business Phone',
        'Home Phone',
        'Company',
        'Business Country/Region',
      ],
      [],
    );
    expect(targetsOf(outlook)).toEqual({
      'First Name': 'firstName',
      'E-mail Address': 'email',
      'E-mail 2 Address': 'email2',
      'E-mail 3 Address': 'email3',
      'Personal E-mail': null,
      'Mobile Phone': 'mobilePhone',
      'Business Phone': 'workPhone',
      'Home Phone': 'homePhone',
      Company: 'company',
      'Business Country/Region': 'addressCountry',
    });
  });

  it('maps Salesforce, Zoho, Pipedrive and Mailchimp exports', () => {
    expect(
      targetsOf(
        suggestMapping(
          'person',
          [
            'Contact ID',
            'Salutation',
            'First Name',
            'Last Name',
            'Title',
            'Account Name',
            'Mobile',
            'Mailing Zip/Postal Code',
            'Birthdate',
            'Lead Source',
            'Contact Owner',
          ],
          [],
        ),
      ),
    ).toEqual({
      'Contact ID': 'externalId',
      Salutation: null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Title: 'jobTitle',
      'Account Name': 'company',
      Mobile: 'mobilePhone',
      'Mailing Zip/Postal Code': 'addressPostalCode',
      Birthdate: 'birthDate',
      'Lead Source': 'leadSource',
      'Contact Owner': 'owner',
    });
    expect(
      targetsOf(suggestMapping('person', ['Secondary Email', 'Email', 'Tag', 'Date of Birth'], [])),
    ).toEqual({
      'Secondary Email': 'email2',
      Email: 'email',
      Tag: 'tags',
      'Date of Birth': 'birthDate',
    });
    expect(
      targetsOf(
        suggestMapping(
          'person',
          [
            'Person - Name',
            'Person - Email',
            'Person - Phone',
            'Person - Organization',
            'Person - Labels',
            'Person - Owner',
          ],
          [],
        ),
      ),
    ).toEqual({
      'Person - Name': 'displayName',
      'Person - Email': 'email',
      'Person - Phone': 'phone',
      'Person - Organization': 'company',
      'Person - Labels': 'tags',
      'Person - Owner': 'owner',
    });
    expect(
      targetsOf(
        suggestMapping(
          'person',
          ['Email Address', 'First Name', 'Last Name', 'Address', 'Phone Number', 'TAGS', 'LEID'],
          [],
        ),
      ),
    ).toEqual({
      'Email Address': 'email',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Address: 'addressStreet',
      'Phone Number': 'phone',
      TAGS: 'tags',
      LEID: 'externalId',
    });
  });

  it('maps Armenian, Georgian and Lithuanian headers', () => {
    expect(
      targetsOf(
        suggestMapping(
          'person',
          ['Անուն', 'Ազգանուն', 'Էլ. փոստ', 'Հեռախոս', 'Ընկերություն', 'Ծննդյան ամսաթիվ', 'Քաղաք'],
          [],
        ),
      ),
    ).toEqual({
      Անուն: 'firstName',
      Ազգանուն: 'lastName',
      'Էլ. փոստ': 'email',
      Հեռախոս: 'phone',
      Ընկերություն: 'company',
      'Ծննդյան ամսաթիվ': 'birthDate',
      Քաղաք: 'addressCity',
    });
    expect(
      targetsOf(
        suggestMapping('person', ['სახელი', 'გვარი', 'ელ-ფოსტა', 'მობილური', 'თანამდებობა', 'ქვეყანა'], []),
      ),
    ).toEqual({
      სახელი: 'firstName',
      გვარი: 'lastName',
      'ელ-ფოსტა': 'email',
      მობილური: 'mobilePhone',
      თანამდებობა: 'jobTitle',
      ქვეყანა: 'addressCountry',
    });
    expect(
      targetsOf(
        suggestMapping(
          'person',
          [
            'VARDAS',
            'Pavardė',
            'El. pašto adresas',
            'Telefonas',
            'Įmonė',
            'Gimimo data',
            'Pašto kodas',
            'Žymos',
          ],
          [],
        ),
      ),
    ).toEqual({
      VARDAS: 'firstName',
      Pavardė: 'lastName',
      'El. pašto adresas': 'email',
      Telefonas: 'phone',
      Įmonė: 'company',
      'Gimimo data': 'birthDate',
      'Pašto kodas': 'addressPostalCode',
      Žymos: 'tags',
    });
  });

  it('prefers the workspace custom fields, skips archived ones, uses each field once', () => {
    const mapping = suggestMapping(
      'person',
      ['Loyalty Tier', 'loyalty_points', 'Status', 'Email', 'E-mail', 'Old Field', 'Tags', 'Tag'],
      [
        { key: 'loyaltyTier', label: 'Loyalty tier' },
        { key: 'loyalty_points', label: 'Points' },
        { key: 'status', label: 'Status' },
        { key: 'oldField', label: 'Old field', isArchived: true },
      ],
    );
    expect(targetsOf(mapping)).toEqual({
      'Loyalty Tier': 'cf.loyaltyTier',
      loyalty_points: 'cf.loyalty_points',
      Status: 'cf.status',
      Email: 'email',
      'E-mail': 'email2',
      'Old Field': null,
      Tags: 'tags',
      Tag: 'tags',
    });
  });

  it('recognises email and phone columns by their values when the names say nothing', () => {
    const headers = ['Who', 'Inbox', 'Reach', 'Count'];
    const rows = [
      ['Ani', 'ani@example.am', '+374 91 123456', '12'],
      ['Nino', 'nino@example.ge', '555 12 34 56', '7'],
      ['Jonas', '', '+370 612 34567', '3'],
      ['Bob', 'bob@example.com', '', '1'],
    ];
    expect(targetsOf(suggestMapping('person', headers, [], rows))).toEqual({
      Who: null,
      Inbox: 'email',
      Reach: 'phone',
      Count: null,
    });
  });

  it('chooses the day order of dates from sample rows', () => {
    const headers = ['Name', 'Birthday'];
    expect(
      suggestMapping(
        'person',
        headers,
        [],
        [
          ['a', '03/04/1990'],
          ['b', '12/25/1990'],
        ],
      ).options.dateFormat,
    ).toBe('MDY');
    expect(suggestMapping('person', headers, [], [['a', '25.12.1990']]).options.dateFormat).toBe('DMY');
    expect(suggestMapping('person', headers, []).options.dateFormat).toBe('auto');
  });

  it('maps company and activity exports', () => {
    expect(
      targetsOf(
        suggestMapping(
          'company',
          ['Company name', 'Website URL', 'Industry', 'Number of Employees', 'Annual Revenue', 'Country'],
          [],
        ),
      ),
    ).toEqual({
      'Company name': 'name',
      'Website URL': 'domains',
      Industry: 'industry',
      'Number of Employees': 'size',
      'Annual Revenue': 'annualRevenue',
      Country: 'addressCountry',
    });
    expect(
      targetsOf(
        suggestMapping(
          'activity',
          ['Activity Type', 'Date', 'Subject', 'Notes', 'Contact Email', 'Call Duration'],
          [],
        ),
      ),
    ).toEqual({
      'Activity Type': 'type',
      Date: 'occurredAt',
      Subject: 'subject',
      Notes: 'body',
      'Contact Email': 'personEmail',
      'Call Duration': 'duration',
    });
  });
});
