// Browser tests of the deal page's product lines (pick a product, quantities, discounts, exact
// totals, a field error, someone else's change first) and of a board column holding more deals
// than one page (scrolling the column loads the next page; the true count stays in the header;
// a card from the second page drags like any other). With KAP_DOC_SCREENSHOTS=1 they also write
// documentation screenshots to docs/screenshots/deals/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TDeal, TPipeline } from '@kap/shared';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, get, post, signUpWorkspace, TIMING } from '../customer360/c360-browser.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('deals-lines-columns');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/deals');
const VIEWPORT = { width: 1800, height: 1000 };

async function docShot(page: Page, name: string): Promise<void> {
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}

async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 12 });
  await page.mouse.up();
}

kap.browserTest(
  'deal page: edit product lines, exact totals, field errors, a stale save',
  { ...TIMING, viewport: VIEWPORT },
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Ararat Lines');
    const product = await post(page, base, '/api/v1/products', {
      sku: 'KAP-LIC',
      name: 'Kap licence',
      price: '19.99',
      currency: 'EUR',
    });
    const deal = await post<TDeal>(page, base, '/api/v1/deals', {
      name: 'Ararat Bank CRM',
      amount: '100.00',
      currency: 'EUR',
    });
    await page.goto(`${base}/deals/${deal.id}`);
    const card = page.getByTestId('deal-line-items');
    await card.getByText('No products on this deal').waitFor();

    // Someone else saves the deal while the lines are being edited: the save is refused, clearly.
    await page.getByTestId('line-item-add').click();
    await page.getByTestId('line-item-0-name').fill('Consulting');
    await page.getByTestId('line-item-0-unit-price').fill('50');
    const renamed = await page.request.patch(`${base}/api/v1/deals/${deal.id}`, {
      data: { name: 'Ararat Bank CRM rollout' },
      headers: { 'If-Match': `"${deal.version}"` },
    });
    expect(renamed.status()).toBe(200);
    await page.getByTestId('line-items-save').click();
    await eventually(() => card.getByRole('alert').textContent()).toContain('Someone else changed this deal');
    await page.getByTestId('line-items-reload').click();
    await page.getByText('Ararat Bank CRM rollout').first().waitFor();
    await card.getByText('No products on this deal').waitFor();

    // A product from the catalogue fills name and price; quantity and discount make the line total.
    await page.getByTestId('line-item-add').click();
    await page.getByTestId('line-item-0-product').click();
    await page.getByTestId('line-item-0-product').fill('Kap');
    await page.getByRole('option', { name: /Kap licence/ }).click();
    await eventually(() => page.getByTestId('line-item-0-name').inputValue()).toBe('Kap licence');
    expect(await page.getByTestId('line-item-0-unit-price').inputValue()).toBe('19.99');
    await page.getByTestId('line-item-0-quantity').fill('2.5');
    await page.getByTestId('line-item-0-discount').fill('12.5');
    // 2.5 × 19.99 × 0.875 = 43.728125 → €43.73
    await eventually(() => page.getByTestId('line-item-0-total').textContent()).toBe('€43.73');

    await page.getByTestId('line-item-add').click();
    await page.getByTestId('line-item-1-name').fill('Setup');
    await page.getByTestId('line-item-1-quantity').fill('3');
    await page.getByTestId('line-item-1-unit-price').fill('0.10');
    await page.getByTestId('line-item-1-discount').fill('120');
    await eventually(() => page.getByTestId('line-item-1-total').textContent()).toBe('—');
    await page.getByTestId('line-items-save').click();
    // The error sits under the field it is about.
    const discount = page.getByTestId('line-item-1-discount');
    await eventually(() =>
      discount.evaluate((input) => input.closest('.mantine-InputWrapper-root')?.textContent ?? ''),
    ).toContain('A percentage from 0 to 100');
    await discount.fill('0');
    // 3 × 0.10 = €0.30 exactly (no float drift); 43.73 + 0.30 = €44.03
    await eventually(() => page.getByTestId('line-item-1-total').textContent()).toBe('€0.30');
    await eventually(() => page.getByTestId('line-items-total').textContent()).toBe('Total: €44.03');
    await docShot(page, 'deal-line-items');
    await page.getByTestId('line-items-save').click();
    await page.getByText('Products saved; the deal amount is their total').waitFor();

    // Saved: the deal's amount is the lines' total, also after a reload.
    await page.reload();
    await eventually(() => page.getByTestId('line-items-total').textContent()).toBe('Total: €44.03');
    expect(await page.getByTestId('line-item-0-product').inputValue()).toContain('Kap licence');
    const saved = await get<TDeal>(page, base, `/api/v1/deals/${deal.id}`);
    expect(saved).toMatchObject({ amount: '44.03', version: deal.version + 2 });
    expect(saved.lineItems.map((l) => [l.productId, l.total])).toEqual([
      [product.id, '43.73'],
      [null, '0.30'],
    ]);

    // The create modal takes lines too: the amount field shows their total.
    await page.goto(`${base}/deals`);
    await page.getByTestId('deal-create').click();
    await page.getByTestId('deal-name-input').fill('Training');
    await page.getByTestId('line-item-add').click();
    await page.getByTestId('line-item-0-name').fill('Workshop day');
    await page.getByTestId('line-item-0-quantity').fill('2');
    await page.getByTestId('line-item-0-unit-price').fill('150.50');
    await page.getByTestId('line-item-0-discount').fill('10');
    // 2 × 150.50 × 0.9 = 270.90
    await eventually(() => page.getByTestId('deal-amount-input').inputValue()).toBe('270.90');
    await docShot(page, 'deal-create-line-items');
    await page.getByTestId('deal-create-submit').click();
    await eventually(() => page.getByTestId('deal-card-Training').textContent()).toContain('€270.90');
  },
);

kap.browserTest(
  'board: a column with more deals than one page loads the rest as it scrolls',
  { ...TIMING, viewport: VIEWPORT },
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Gyumri Pipeline');
    const { data } = await get<{ data: TPipeline[] }>(page, base, '/api/v1/pipelines');
    const pipeline = data[0];
    if (!pipeline) throw new Error('no pipeline');
    const stageId = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';
    for (let i = 1; i <= 57; i++)
      await post(page, base, '/api/v1/deals', {
        name: `Lead ${String(i).padStart(2, '0')}`,
        amount: '100.10',
        currency: 'EUR',
        stageId: stageId('Lead'),
      });
    await post(page, base, '/api/v1/deals', {
      name: 'Qualified one',
      amount: '10',
      currency: 'EUR',
      stageId: stageId('Qualified'),
    });

    await page.goto(`${base}/deals`);
    const count = (stage: string) => page.getByTestId(`stage-count-${stage}`);
    const cards = page.getByTestId('stage-cards-Lead').locator('[data-testid^="deal-card-"]');
    await eventually(() => count('Lead').textContent()).toBe('57 deals');
    // 57 × 100.10
    await eventually(() => page.getByTestId('stage-sum-Lead-EUR').textContent()).toContain('€5,705.70');
    await eventually(() => cards.count()).toBe(50);
    expect(await cards.first().getAttribute('data-testid')).toBe('deal-card-Lead 57');
    expect(await page.getByTestId('stage-load-more-Lead').textContent()).toBe('Load more (50 of 57)');
    await docShot(page, 'kanban-board-columns');

    // Scrolling to the end of the column loads the next page.
    await page.getByTestId('stage-cards-Lead').evaluate((column) => {
      column.scrollTop = column.scrollHeight;
    });
    await eventually(() => cards.count()).toBe(57);
    await eventually(() => page.getByTestId('stage-load-more-Lead').count()).toBe(0);
    expect(await cards.last().getAttribute('data-testid')).toBe('deal-card-Lead 01');

    // A card of the second page drags like any other; counts and sums follow, and it leads its new column.
    await drag(page, page.getByTestId('deal-card-Lead 01'), page.getByTestId('stage-column-Qualified'));
    await eventually(() => count('Qualified').textContent()).toBe('2 deals');
    await eventually(() => count('Lead').textContent()).toBe('56 deals');
    await eventually(() => page.getByTestId('stage-sum-Lead-EUR').textContent()).toContain('€5,605.60');
    // 100.10 + 10 = 110.10; weighted 25 % each: 25.03 + 2.50 = 27.53
    await eventually(() => page.getByTestId('stage-sum-Qualified-EUR').textContent()).toContain('€110.10');
    await eventually(() => page.getByTestId('stage-sum-Qualified-EUR').textContent()).toContain('€27.53');
    const qualified = page.getByTestId('stage-cards-Qualified').locator('[data-testid^="deal-card-"]');
    expect(await qualified.first().getAttribute('data-testid')).toBe('deal-card-Lead 01');
    expect(await cards.count()).toBe(56);

    // After a reload the server agrees.
    await page.reload();
    await eventually(() => count('Lead').textContent()).toBe('56 deals');
    await eventually(() => qualified.first().getAttribute('data-testid')).toBe('deal-card-Lead 01');
  },
);
