import type { TDeal } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

// Deals sorted on a custom field page through `custom_field_values` in index order, as people and
// companies do (lib/filters/indexed-sort.ts): every deal once, ties by id, nulls last.
const { app } = await createTestApp();
const kit = dealsKit(app);

describe('deals sorted on a custom field', () => {
  it('pages through the values, then the deals without one, both directions', async () => {
    const ws = await signUp(app, 'Deals custom sort');
    const field = await kit.call(ws, 'POST', '/api/v1/custom-fields', {
      objectType: 'deal',
      key: 'signedOn',
      label: 'Signed on',
      type: 'date',
    });
    expect(field.statusCode, field.body).toBe(201);
    const dates = ['2026-05-01', null, '2025-01-31', '2026-05-01', null, '2024-12-24', '2026-05-01'];
    const deals: { id: string; date: string | null }[] = [];
    for (const [i, date] of dates.entries()) {
      const deal = await kit.createDeal(ws, {
        name: `D${i}`,
        currency: 'EUR',
        customFields: date ? { signedOn: date } : {},
      });
      deals.push({ id: deal.id, date });
    }
    for (const isDescending of [false, true]) {
      const sign = isDescending ? -1 : 1;
      const expected = [...deals]
        .sort((a, b) => {
          if (a.date !== b.date) {
            if (a.date === null || b.date === null) return a.date === null ? 1 : -1;
            return sign * a.date.localeCompare(b.date);
          }
          return sign * a.id.localeCompare(b.id);
        })
        .map((d) => d.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const sort = `${isDescending ? '-' : ''}customFields.signedOn`;
        const url: string = `/api/v1/deals?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await kit.call(ws, 'GET', url);
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json() as { data: TDeal[]; nextCursor: string | null };
        seen.push(...body.data.map((d) => d.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });
});
