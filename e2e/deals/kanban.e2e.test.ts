// Browser test of the deals board: drag a deal to another stage (the column totals follow), drag
// one to a lost stage (the reason is asked first), then the move shows in the deal's stage history
// after a reload. Starts its own Kap and drives the system Chromium; with KAP_DOC_SCREENSHOTS=1 it
// also writes the documentation screenshots to docs/screenshots/deals/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TDeal, TPipeline } from '@kap/shared';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, get, pick, post, signUpWorkspace, TIMING } from '../customer360/c360-browser.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('deals');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/deals');

async function docShot(page: Page, name: string): Promise<void> {
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}

/** A real pointer drag (dnd-kit's PointerSensor starts after 5 px of movement). */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('not visible');
  // Grabbed by the title, which is also the link to the deal: the drop must not open it.
  const y = a.y + 12;
  await page.mouse.move(a.x + a.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, y + 8, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 120, { steps: 12 });
  await page.mouse.up();
}

kap.browserTest(
  'kanban: drag between stages, totals update, lost reason, stage history',
  { ...TIMING, viewport: { width: 1800, height: 900 } },
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Yerevan Software');
    const { data } = await get<{ data: TPipeline[] }>(page, base, '/api/v1/pipelines');
    const pipeline = data[0];
    if (!pipeline) throw new Error('no pipeline');
    const stageId = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';
    const person = await post(page, base, '/api/v1/people', { firstName: 'Ani', lastName: 'Sargsyan' });
    const alpha = await post<TDeal>(page, base, '/api/v1/deals', {
      name: 'Ararat Bank CRM',
      amount: '12000',
      currency: 'EUR',
      stageId: stageId('Lead'),
      expectedCloseDate: '2027-01-20',
      personIds: [person.id],
      lineItems: [
        { name: 'Licences', quantity: '10', unitPrice: '1000' },
        { name: 'Onboarding', unitPrice: '2000' },
      ],
    });
    await post(page, base, '/api/v1/deals', {
      name: 'Gyumri Textiles',
      amount: '4500',
      currency: 'EUR',
      stageId: stageId('Lead'),
      expectedCloseDate: '2027-02-05',
    });
    await post(page, base, '/api/v1/deals', {
      name: 'Tbilisi Logistics',
      amount: '8000',
      currency: 'USD',
      stageId: stageId('Proposal'),
      expectedCloseDate: '2027-01-31',
    });
    await post(page, base, '/api/v1/deals', {
      name: 'Vilnius Retail',
      amount: '3000',
      currency: 'EUR',
      stageId: stageId('Negotiation'),
      expectedCloseDate: '2026-12-15',
    });

    await page.goto(`${base}/deals`);
    const count = (stage: string) => page.getByTestId(`stage-count-${stage}`);
    await eventually(() => count('Lead').textContent()).toBe('2 deals');
    await eventually(() => count('Qualified').textContent()).toBe('0 deals');

    await drag(
      page,
      page.getByTestId('deal-card-Ararat Bank CRM'),
      page.getByTestId('stage-column-Qualified'),
    );
    await eventually(() => count('Qualified').textContent()).toBe('1 deal');
    await eventually(() => count('Lead').textContent()).toBe('1 deal');
    // 12,000 at 25 % → weighted 3,000.
    await eventually(() => page.getByTestId('stage-sum-Qualified-EUR').textContent()).toContain('3,000');
    await eventually(() => page.getByTestId('stage-sum-Lead-EUR').textContent()).toContain('4,500');

    await drag(page, page.getByTestId('deal-card-Gyumri Textiles'), page.getByTestId('stage-column-Lost'));
    await page.getByTestId('lost-reason-input').fill('Chose a local vendor');
    await page.getByTestId('lost-reason-confirm').click();
    await eventually(() => count('Lost').textContent()).toBe('1 deal');
    await eventually(() => count('Lead').textContent()).toBe('0 deals');
    await docShot(page, 'kanban-board');

    // The move is in the deal's history, also after a reload.
    await page.goto(`${base}/deals/${alpha.id}`);
    await page.reload();
    const history = page.getByTestId('stage-history');
    await eventually(() => history.textContent()).toContain('Lead → Qualified');
    expect(await page.getByTestId('deal-stage-badge').textContent()).toContain('Qualified');
    // The deal page moves it too (same call as the board).
    await pick(page, page.getByTestId('deal-stage-select'), 'Proposal · 50%');
    await eventually(() => history.textContent()).toContain('Qualified → Proposal');
    await docShot(page, 'deal-page');

    await page.goto(`${base}/deals?view=table`);
    await page.getByTestId('deals-table').getByText('Ararat Bank CRM').waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByTestId('filter-builder').waitFor();
    await docShot(page, 'deals-table');

    await page.goto(`${base}/deals?view=forecast`);
    await page.getByTestId('forecast-view').getByRole('table').waitFor();
    await docShot(page, 'forecast');

    await page.goto(`${base}/settings/pipelines`);
    await page.getByTestId('pipeline-editor').waitFor();
    await docShot(page, 'pipelines-settings');
  },
);
