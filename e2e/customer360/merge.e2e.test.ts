// Duplicates and merge in the browser, for people and for companies: the "possible duplicates"
// callout, the merge dialog with a value taken from the merged record, the merged id opening the
// survivor, and the survivor's timeline naming only the fields that changed.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import { docShot, eventually, get, openPage, post, signUpWorkspace, TIMING } from './c360-browser.ts';

const kap = useKapInBrowser('customer360');

type TChange = { field: string };
type TTimeline = { data: { kind: string; data: { action?: string; changes?: TChange[] } }[] };

async function mergeEntryFields(page: Page, path: string): Promise<string[]> {
  const timeline = await get<TTimeline>(page, kap.baseUrl(), `${path}/timeline?kinds=change`);
  const entry = timeline.data.find((item) => item.data.action?.endsWith('.merge'));
  return (entry?.data.changes ?? []).map((c) => c.field).sort();
}

kap.browserTest(
  'people: duplicates callout, merge with a chosen value, redirect, timeline',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Dilijan Honey');
    const survivor = await post(page, base, '/api/v1/people', {
      firstName: 'Armen',
      lastName: 'Grigoryan',
      emails: [{ email: 'armen@example.am', isPrimary: true }],
      tags: ['honey'],
    });
    await post(page, base, '/api/v1/activities', {
      type: 'note',
      channel: 'other',
      occurredAt: '2026-10-01T10:00:00Z',
      subject: 'Asked for the autumn price list',
      personIds: [survivor.id],
    });
    await post(page, base, '/api/v1/activities', {
      type: 'call',
      channel: 'phone',
      direction: 'in',
      occurredAt: '2026-11-02T09:30:00Z',
      subject: 'Ordered 40 jars of linden honey',
      personIds: [survivor.id],
    });
    const duplicate = await post(page, base, '/api/v1/people', {
      firstName: 'Armen',
      lastName: 'Grigoryan',
      jobTitle: 'Beekeeper',
      emails: [{ email: 'ARMEN@example.am', isPrimary: true }],
      phones: [{ number: '+37493123456' }],
    });

    await openPage(page, `${base}/contacts/${survivor.id}`);
    const callout = page.getByTestId('duplicates-callout');
    await callout.getByText('same email').waitFor();
    await page.getByTestId('timeline-item').first().waitFor();
    await callout.getByTestId('open-merge').click();
    const dialog = page.getByTestId('merge-dialog');
    const jobTitle = dialog.locator('[data-testid="merge-row"][data-field="jobTitle"]');
    await jobTitle.waitFor();
    // Only the fields that differ are offered; the survivor's (empty) job title is preselected.
    expect(await dialog.locator('[data-testid="merge-row"]').count()).toBe(1);
    await jobTitle.getByRole('radio', { name: 'Job title: Beekeeper' }).check();
    await docShot(page, 'merge-dialog');
    await dialog.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    await page.waitForURL(`${base}/contacts/${survivor.id}`);
    await page.getByTestId('person-profile').getByText('Beekeeper').waitFor();
    await page.getByTestId('duplicates-callout').waitFor({ state: 'detached' });
    const merged = await get<{ id: string; jobTitle: string; phones: { number: string }[] }>(
      page,
      base,
      `/api/v1/people/${survivor.id}`,
    );
    expect(merged).toMatchObject({ jobTitle: 'Beekeeper', phones: [{ number: '+37493123456' }] });

    // The merged id opens the survivor, under the survivor's address.
    await openPage(page, `${base}/contacts/${duplicate.id}`);
    await page.waitForURL(`${base}/contacts/${survivor.id}`);
    await page.getByTestId('person-name').filter({ hasText: 'Armen Grigoryan' }).waitFor();

    // The timeline shows the merge with the fields that changed, and nothing else.
    const entry = page.locator('[data-testid="timeline-item"][data-action="person.merge"]');
    await entry.waitFor();
    await docShot(page, 'contact-detail-timeline', { fullPage: true });
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('Records merged into this one');
    expect(text).toMatch(/Changed: .*Job title/);
    expect(text).not.toMatch(/mergedIds|fieldChoices|moved|First name|Last name/);
    expect(await mergeEntryFields(page, `/api/v1/people/${survivor.id}`)).toEqual(['jobTitle', 'phones']);
  },
);

kap.browserTest(
  'companies: duplicates callout, merge with a chosen name, redirect, timeline',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Sevan Fisheries');
    const survivor = await post(page, base, '/api/v1/companies', {
      name: 'Sevan Trout',
      domains: ['sevantrout.am'],
      industry: 'Food',
      tags: ['fish'],
    });
    const duplicate = await post(page, base, '/api/v1/companies', {
      name: 'Sevan Trout LLC',
      domains: ['sevantrout.am', 'sevan-trout.com'],
      industry: 'Food',
      size: '11-50',
    });
    await post(page, base, '/api/v1/people', { firstName: 'Gayane', companyIds: [duplicate.id] });

    await openPage(page, `${base}/companies/${survivor.id}`);
    const callout = page.getByTestId('duplicates-callout');
    await callout.getByText('same domain').waitFor();
    await callout.getByTestId('open-merge').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.locator('[data-testid="merge-row"][data-field="name"]').waitFor();
    await dialog.getByRole('radio', { name: 'Name: Sevan Trout LLC' }).check();
    await docShot(page, 'merge-dialog-companies');
    await dialog.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    await page.waitForURL(`${base}/companies/${survivor.id}`);
    await page.getByTestId('company-title').filter({ hasText: 'Sevan Trout LLC' }).waitFor();
    // The merged company's person now belongs to the survivor.
    await page.getByTestId('company-person').filter({ hasText: 'Gayane' }).waitFor();

    await openPage(page, `${base}/companies/${duplicate.id}`);
    await page.waitForURL(`${base}/companies/${survivor.id}`);
    await page.getByTestId('company-title').filter({ hasText: 'Sevan Trout LLC' }).waitFor();
    const entry = page.locator('[data-testid="timeline-item"][data-action="company.merge"]');
    await entry.waitFor();
    expect((await entry.textContent()) ?? '').not.toMatch(/mergedIds|fieldChoices|moved|Industry/);
    await eventually(() => mergeEntryFields(page, `/api/v1/companies/${survivor.id}`)).toEqual(
      ['domains', 'name', 'size'].sort(),
    );
  },
);
