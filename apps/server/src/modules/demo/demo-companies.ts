import { v7 } from 'uuid';

type TRandom = () => number;

function pick<T>(random: TRandom, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

type TCompanyCulture = {
  places: readonly string[];
  currency: string;
  country: string;
  cities: readonly string[];
  share: number;
};

/** Where the demo's companies are: the same four markets as its people. */
const COMPANY_CULTURES: readonly TCompanyCulture[] = [
  {
    places: ['Ararat', 'Sevan', 'Yerevan', 'Gyumri', 'Dilijan', 'Արարատ', 'Սևան'],
    currency: 'AMD',
    country: 'AM',
    cities: ['Yerevan', 'Gyumri', 'Vanadzor'],
    share: 0.3,
  },
  {
    places: ['Tbilisi', 'Kutaisi', 'Batumi', 'Mtskheta', 'Kakheti', 'თბილისი', 'ბათუმი'],
    currency: 'GEL',
    country: 'GE',
    cities: ['Tbilisi', 'Batumi', 'Kutaisi'],
    share: 0.25,
  },
  {
    places: ['Vilnius', 'Kaunas', 'Klaipėda', 'Nemunas', 'Neris', 'Šiauliai', 'Žalgiris'],
    currency: 'EUR',
    country: 'LT',
    cities: ['Vilnius', 'Kaunas', 'Klaipėda'],
    share: 0.25,
  },
  {
    places: ['Thames', 'Harbor', 'Northwind', 'Bluebell', 'Riverside', 'Oakwood'],
    currency: 'GBP',
    country: 'GB',
    cities: ['London', 'Manchester', 'Leeds'],
    share: 0.2,
  },
];

const KINDS = [
  ['Foods', 'Food & beverage'],
  ['Wines', 'Food & beverage'],
  ['Trading', 'Wholesale'],
  ['Logistics', 'Transport & logistics'],
  ['Soft', 'Software'],
  ['Digital', 'Advertising'],
  ['Textiles', 'Manufacturing'],
  ['Motors', 'Automotive'],
  ['Pharma', 'Health care'],
  ['Retail', 'Retail'],
  ['Hotels', 'Hospitality'],
  ['Studio', 'Media'],
] as const;

const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000'] as const;
const TAGS = ['vip', 'partner', 'wholesale', 'newsletter', 'trade-fair-2026', 'at-risk'] as const;

/** The culture whose cumulative share first reaches `roll` (0 ≤ roll < 1). */
function pickCompanyCulture(roll: number): TCompanyCulture {
  let cumulative = 0;
  for (const culture of COMPANY_CULTURES) {
    cumulative += culture.share;
    if (roll < cumulative) return culture;
  }
  return pick(() => 0, COMPANY_CULTURES);
}

export type TDemoCompany = {
  id: string;
  name: string;
  domains: string[];
  industry: string;
  size: string;
  annualRevenue: string;
  currency: string;
  country: string;
  city: string;
  tags: string[];
  ownerId: string | null;
  createdAt: Date;
};

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-');

/** `count` distinct companies, the same ones on every run for the same seed. */
export function makeDemoCompanies(
  random: TRandom,
  count: number,
  ownerIds: readonly string[],
  anchor: number,
): TDemoCompany[] {
  const companies: TDemoCompany[] = [];
  const names = new Set<string>();
  for (let attempt = 0; companies.length < count && attempt < count * 20; attempt++) {
    const culture = pickCompanyCulture(random());
    const [kind, industry] = pick(random, KINDS);
    const base = `${pick(random, culture.places)} ${kind}`;
    const name = names.has(base) ? `${base} ${companies.length + 1}` : base;
    names.add(name);
    const domainSlug = slug(name) || `company-${companies.length + 1}`;
    const createdAt = anchor - Math.floor(random() * 720 * 24 * 3600_000);
    const revenue = Math.round(10 ** (4 + random() * 4)) * 100;
    companies.push({
      id: v7({ msecs: createdAt }),
      name,
      domains: [`${domainSlug}.example`],
      industry,
      size: pick(random, SIZES),
      annualRevenue: `${revenue}.00`,
      currency: culture.currency,
      country: culture.country,
      city: pick(random, culture.cities),
      tags: random() < 0.35 ? [pick(random, TAGS)] : [],
      ownerId: ownerIds.length === 0 ? null : pick(random, ownerIds),
      createdAt: new Date(createdAt),
    });
  }
  return companies;
}

type TActivityTemplate = {
  type: 'note' | 'call' | 'email' | 'meeting' | 'storeVisit' | 'chat';
  channel: 'store' | 'web' | 'phone' | 'email' | 'social' | 'other' | 'mobileApp';
  direction: 'in' | 'out' | null;
  subject: string;
  body: string;
};

const ACTIVITIES: readonly TActivityTemplate[] = [
  {
    type: 'call',
    channel: 'phone',
    direction: 'out',
    subject: 'Intro call',
    body: '<p>Talked about their needs for next season.</p>',
  },
  {
    type: 'call',
    channel: 'phone',
    direction: 'in',
    subject: 'Asked about delivery times',
    body: '<p>Wants delivery within a week.</p>',
  },
  {
    type: 'email',
    channel: 'email',
    direction: 'out',
    subject: 'Sent the price list',
    body: '<p>Price list and catalogue attached.</p>',
  },
  {
    type: 'email',
    channel: 'email',
    direction: 'in',
    subject: 'Question about an invoice',
    body: '<p>Needs a copy of the last invoice.</p>',
  },
  {
    type: 'meeting',
    channel: 'other',
    direction: null,
    subject: 'Meeting at their office',
    body: '<p>Demo of the new range; follow up in two weeks.</p>',
  },
  {
    type: 'storeVisit',
    channel: 'store',
    direction: 'in',
    subject: 'Visited the store',
    body: '<p>Looked at the autumn collection.</p>',
  },
  {
    type: 'chat',
    channel: 'web',
    direction: 'in',
    subject: 'Chat on the website',
    body: '<p>Asked whether the loyalty card works online.</p>',
  },
  {
    type: 'note',
    channel: 'other',
    direction: null,
    subject: 'Note',
    body: '<p><strong>Prefers</strong> to be contacted in the morning.</p>',
  },
];

export type TDemoActivity = TActivityTemplate & {
  id: string;
  occurredAt: Date;
  durationSeconds: number | null;
};

/** A few interactions between when the person was created and the demo's "today". */
export function makeDemoActivities(random: TRandom, createdAt: number, anchor: number): TDemoActivity[] {
  const count = Math.floor(random() * 4);
  return Array.from({ length: count }, () => {
    const template = pick(random, ACTIVITIES);
    const occurredAt = createdAt + Math.floor(random() * Math.max(1, anchor - createdAt));
    return {
      ...template,
      id: v7({ msecs: occurredAt }),
      occurredAt: new Date(occurredAt),
      durationSeconds:
        template.type === 'call' || template.type === 'meeting' ? 60 * (2 + Math.floor(random() * 45)) : null,
    };
  });
}

const STAGES = [
  'subscriber',
  'lead',
  'lead',
  'qualifiedLead',
  'opportunity',
  'customer',
  'customer',
  'customer',
  'evangelist',
];
const SOURCES = ['website', 'store', 'referral', 'trade fair', 'instagram', 'newsletter'];
const PERSON_TAGS = ['vip', 'newsletter', 'wholesale', 'loyalty card', 'at-risk'];

/** Where a demo person is in the funnel, how they came, and a tag or two. */
export function makeDemoProfile(random: TRandom): {
  lifecycleStage: string;
  leadSource: string;
  tags: string[];
} {
  const tags = PERSON_TAGS.filter(() => random() < 0.12);
  return { lifecycleStage: pick(random, STAGES), leadSource: pick(random, SOURCES), tags };
}
