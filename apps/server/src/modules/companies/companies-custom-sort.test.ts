import type { TCompany } from '@kap/shared';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../../test/helpers.ts';

// The companies list sorted on a custom field reads `custom_field_values` in index order
// (lib/filters/indexed-sort.ts), as the people list does: every company once, nulls last.
const { app, db } = await createTestApp();

describe('companies sorted on a custom field', () => {
  it('pages through values (ties by id) then the companies without one, both directions', async () => {
    const ws = await signUp(app, 'Companies custom sort');
    const headers = { cookie: ws.cookie };
    const field = await app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers,
      payload: { objectType: 'company', key: 'employees', label: 'Employees', type: 'number' },
    });
    expect(field.statusCode, field.body).toBe(201);
    const values = [50, null, 7, 50, 1200, null, 7, 0, null, 3];
    const companies: { id: string; employees: number | null }[] = [];
    for (const [i, employees] of values.entries()) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/companies',
        headers,
        payload: { name: `C${i}`, customFields: employees === null ? {} : { employees } },
      });
      expect(response.statusCode, response.body).toBe(201);
      companies.push({ id: response.json().id, employees });
    }
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/companies?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await app.inject({ method: 'GET', url, headers });
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json() as { data: TCompany[]; nextCursor: string | null };
        seen.push(...body.data.map((c) => c.id));
        cursor = body.nextCursor;
      } while (cursor);
      return seen;
    };
    const expected = (isDescending: boolean) => {
      const sign = isDescending ? -1 : 1;
      return [...companies]
        .sort((a, b) => {
          if (a.employees === null || b.employees === null) {
            if (a.employees !== b.employees) return a.employees === null ? 1 : -1;
          } else if (a.employees !== b.employees) return sign * (a.employees - b.employees);
          return sign * a.id.localeCompare(b.id);
        })
        .map((c) => c.id);
    };
    expect(await walk('customFields.employees')).toEqual(expected(false));
    expect(await walk('-customFields.employees')).toEqual(expected(true));

    // The order comes from the index, not from reading every company's jsonb: a value changed
    // behind the trigger's back (never done by Kap) moves the company in the list.
    const [smallest] = expected(false);
    await sql`update custom_field_values set value_number = 1e9 where record_id = ${smallest}::uuid`.execute(
      db,
    );
    const moved = await walk('customFields.employees');
    expect(moved.indexOf(smallest ?? '')).toBe(values.filter((v) => v !== null).length - 1);
  });
});
