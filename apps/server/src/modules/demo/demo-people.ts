import { v7 } from 'uuid';
import type { TEmailValue, TPhoneValue } from '../people/index.ts';
import {
  ARMENIAN,
  ENGLISH,
  GEORGIAN,
  LITHUANIAN,
  PERSONAL_DOMAINS,
  type TCultureNames,
  type TNamePair,
} from './demo-names.ts';

/** mulberry32: tiny, fast and good enough to make the same demo data on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type TRandom = () => number;

function pick<T>(random: TRandom, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const digits = (random: TRandom, count: number): string =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

type TCulture = { names: TCultureNames; share: number; phone: (random: TRandom) => string };

/** Who a demo CRM in the Caucasus and the Baltics would hold, with each country's phone format. */
const CULTURES: TCulture[] = [
  {
    names: ARMENIAN,
    share: 0.3,
    phone: (r) =>
      `+374 ${pick(r, ['91', '93', '94', '95', '96', '98', '99', '77', '55', '10'])} ${digits(r, 6)}`,
  },
  {
    names: GEORGIAN,
    share: 0.25,
    phone: (r) => `+995 5${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  },
  { names: LITHUANIAN, share: 0.25, phone: (r) => `+370 6${digits(r, 2)} ${digits(r, 5)}` },
  {
    names: ENGLISH,
    share: 0.2,
    // Ofcom's drama range and the North American 555-01xx block: numbers reserved for fiction.
    phone: (r) =>
      r() < 0.5
        ? `+44 7700 900${digits(r, 3)}`
        : `+1 ${pick(r, ['202', '212', '312', '415', '617'])} 555 01${digits(r, 2)}`,
  },
];

function pickCulture(roll: number): TCulture {
  let rest = roll;
  for (const culture of CULTURES) {
    rest -= culture.share;
    if (rest < 0) return culture;
  }
  return CULTURES[0] as TCulture;
}

export type TDemoPerson = {
  id: string;
  firstName: string;
  lastName: string;
  emails: TEmailValue[];
  phones: TPhoneValue[];
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A fixed "today" for the demo, so dates on screenshots do not move from one day to the next. */
export const DEMO_ANCHOR = Date.UTC(2026, 0, 15, 9, 0, 0);
const SPAN_MS = 730 * 24 * 3600_000;

function emailOf(
  random: TRandom,
  first: TNamePair,
  last: TNamePair,
  culture: TCultureNames,
  isWork: boolean,
): string {
  const f = first[1].toLowerCase();
  const l = last[1].toLowerCase().replace(/[^a-z]/g, '');
  const local = pick(random, [
    `${f}.${l}`,
    `${f[0] ?? ''}.${l}`,
    `${f}${l}`,
    `${f}_${l}${digits(random, 2)}`,
  ]);
  const domain = isWork ? pick(random, culture.companyDomains) : pick(random, PERSONAL_DOMAINS);
  return `${local}@${domain}`;
}

/**
 * The `index`-th of `count` demo people. Names, contact details, owners and dates come from the
 * seeded generator, so every run makes the same people; ids are fresh UUIDv7s stamped with the
 * person's creation time, so they sort like real records.
 */
export function makeDemoPerson(
  random: TRandom,
  index: number,
  count: number,
  ownerIds: readonly string[],
): TDemoPerson {
  const culture = pickCulture(random());
  const isFemale = random() < 0.5;
  const first = pick(random, isFemale ? culture.names.female : culture.names.male);
  const family = pick(random, culture.names.family);
  const last = isFemale ? family[1] : family[0];

  const emails: TEmailValue[] = [];
  const emailRoll = random();
  if (emailRoll < 0.92)
    emails.push({ email: emailOf(random, first, last, culture.names, true), label: 'work', isPrimary: true });
  if (emailRoll < 0.2)
    emails.push({
      email: emailOf(random, first, last, culture.names, false),
      label: 'personal',
      isPrimary: false,
    });
  const phones: TPhoneValue[] = [];
  const phoneRoll = random();
  if (phoneRoll < 0.75) phones.push({ number: culture.phone(random), label: 'mobile', isPrimary: true });
  if (phoneRoll < 0.12) phones.push({ number: culture.phone(random), label: 'work', isPrimary: false });

  const step = SPAN_MS / count;
  const createdAt = Math.floor(DEMO_ANCHOR - SPAN_MS + index * step + random() * step * 0.9);
  const updatedAt = Math.min(DEMO_ANCHOR, createdAt + Math.floor(random() * random() * 90 * 24 * 3600_000));
  const ownerId = ownerIds.length === 0 || random() < 0.1 ? null : pick(random, ownerIds);
  return {
    id: v7({ msecs: createdAt }),
    firstName: first[0],
    lastName: last[0],
    emails,
    phones,
    ownerId,
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
  };
}
