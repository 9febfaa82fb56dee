import type { TTrx } from '../../db/tenant.ts';
import { makeDemoActivities, type TDemoCompany } from './demo-companies.ts';
import { DEMO_ANCHOR } from './demo-people.ts';

export async function insertDemoCompanies(
  trx: TTrx,
  workspaceId: string,
  companies: TDemoCompany[],
): Promise<void> {
  for (let start = 0; start < companies.length; start += 1000) {
    await trx
      .insertInto('companies')
      .values(
        companies.slice(start, start + 1000).map(({ country, city, createdAt, ...company }) => ({
          ...company,
          workspaceId,
          addresses: JSON.stringify([
            { label: 'office', line1: null, line2: null, city, region: null, postalCode: null, country },
          ]),
          createdAt,
          updatedAt: createdAt,
          createdBy: company.ownerId,
          updatedBy: company.ownerId,
        })),
      )
      .execute();
  }
}

type TDemoPersonRow = { id: string; ownerId: string | null; createdAt: Date };

/** Company links and activities (with their timeline links) for one batch of demo people. */
export async function insertDemoRelations(
  trx: TTrx,
  workspaceId: string,
  people: readonly TDemoPersonRow[],
  companies: readonly TDemoCompany[],
  random: () => number,
): Promise<number> {
  const companyLinks = [];
  const activities = [];
  const activityLinks = [];
  for (const person of people) {
    const company =
      companies.length > 0 && random() < 0.7 ? companies[Math.floor(random() * companies.length)] : undefined;
    if (company)
      companyLinks.push({
        workspaceId,
        personId: person.id,
        companyId: company.id,
        isPrimary: true,
        position: 0,
      });
    for (const activity of makeDemoActivities(random, person.createdAt.getTime(), DEMO_ANCHOR)) {
      const { id, occurredAt } = activity;
      activities.push({
        ...activity,
        workspaceId,
        ownerId: person.ownerId,
        createdAt: occurredAt,
        updatedAt: occurredAt,
        createdBy: person.ownerId,
        createdByType: 'system' as const,
        createdByName: 'Kap demo',
        updatedBy: person.ownerId,
      });
      activityLinks.push({
        workspaceId,
        activityId: id,
        recordType: 'person',
        recordId: person.id,
        occurredAt,
      });
      if (company)
        activityLinks.push({
          workspaceId,
          activityId: id,
          recordType: 'company',
          recordId: company.id,
          occurredAt,
        });
    }
  }
  if (companyLinks.length > 0) await trx.insertInto('personCompanies').values(companyLinks).execute();
  for (let start = 0; start < activities.length; start += 1000) {
    await trx
      .insertInto('activities')
      .values(activities.slice(start, start + 1000))
      .execute();
  }
  for (let start = 0; start < activityLinks.length; start += 1000) {
    await trx
      .insertInto('activityLinks')
      .values(activityLinks.slice(start, start + 1000))
      .execute();
  }
  return activities.length;
}
