import type pg from 'pg';

// Multilingual name parts (Armenian, Georgian, Lithuanian, English): a surname is a root plus an
// ending, so 1M people get thousands of distinct surnames, as a real customer base has.
const FIRST_NAMES = [
  'Արամ',
  'Անի',
  'Նարեկ',
  'Լիլիթ',
  'Գոռ',
  'Մարիամ',
  'Տիգրան',
  'Սոնա',
  'Դավիթ',
  'Արմինե',
  'Պետրոս',
  'Հասմիկ',
  'ნინო',
  'გიორგი',
  'ლევან',
  'მარიამ',
  'დავით',
  'თამარ',
  'ლუკა',
  'ანა',
  'ირაკლი',
  'ნათია',
  'Šarūnas',
  'Jonas',
  'Rūta',
  'Eglė',
  'Mantas',
  'Gintarė',
  'Žydrūnas',
  'Aušra',
  'Tomas',
  'Ieva',
  'Anna',
  'John',
  'Maria',
  'David',
  'Sophie',
  'Mark',
  'Elena',
  'Peter',
  'Laura',
  'Alex',
];
const SURNAME_ROOTS = [
  'Պետրոս',
  'Հովհաննիս',
  'Սարգս',
  'Գրիգոր',
  'Կարապետ',
  'Մարտիրոս',
  'Ավետիս',
  'Համբարձում',
  'Միքայել',
  'Աբրահամ',
  'ბერი',
  'კაპანა',
  'გელაშვი',
  'ლომი',
  'მამალა',
  'ჯაფარი',
  'ხარაბა',
  'ნოზა',
  'ცინცა',
  'ქავთარა',
  'Kazlausk',
  'Jankausk',
  'Petrausk',
  'Stankevič',
  'Vasiliausk',
  'Žukausk',
  'Butkev',
  'Paulausk',
  'Urbon',
  'Kavaliausk',
  'Smith',
  'Johns',
  'Willi',
  'Brown',
  'Taylor',
  'Ander',
  'Thom',
  'Jack',
  'White',
  'Harri',
];
const SURNAME_ENDINGS = [
  ['յան', 'ունց', 'յանց', 'ենց', 'յանով'],
  ['ძე', 'შვილი', 'ანი', 'ია', 'ავა'],
  ['as', 'ienė', 'aitė', 'is', 'ius'],
  ['', 'son', 'ton', 'ley', 'er'],
] as const;
const COMPANY_WORDS = [
  'Արարատ',
  'Սևան',
  'Երևան',
  'Արագած',
  'Տավուշ',
  'Ანი',
  'თბილისი',
  'მთაწმინდა',
  'ქართლი',
  'კავკასია',
  'Šiaulių',
  'Vilniaus',
  'Kauno',
  'Baltijos',
  'Žalgirio',
  'Nordic',
  'Acme',
  'Global',
  'Summit',
  'Pioneer',
];
const COMPANY_KINDS = [
  'Bank',
  'Trade',
  'Logistics',
  'Foods',
  'Tech',
  'Motors',
  'Pharma',
  'Textile',
  'Energy',
  'Media',
];
const STAGES = ['subscriber', 'lead', 'qualifiedLead', 'opportunity', 'customer', 'evangelist', 'other'];
const DOMAINS = ['gmail.com', 'mail.am', 'yandex.ru', 'inbox.lt', 'outlook.com', 'ge.ge', 'example.com'];

const toSqlArray = (items: readonly string[]) =>
  `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** What a search box receives in the bench: prefixes, full names, typos, emails, phones, domains. */
export function buildSearchQueries(count: number): string[] {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const root = SURNAME_ROOTS[(i * 7) % SURNAME_ROOTS.length] ?? '';
    const first = FIRST_NAMES[(i * 11) % FIRST_NAMES.length] ?? '';
    const company = COMPANY_WORDS[(i * 3) % COMPANY_WORDS.length] ?? '';
    const n = 1 + ((i * 7919) % 9000);
    const cases = [
      root.toLowerCase(), // a surname prefix, as typed
      `${first} ${root}`, // a full name
      first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), // without diacritics
      `${root.slice(0, -1)}x${root.slice(-1)}`.toLowerCase(), // a typo
      `p${n}.`, // an email prefix
      `+374 9${String(n).padStart(7, '0').slice(0, 3)} ${String(n).padStart(7, '0').slice(3)}`, // a phone
      `${company} ${COMPANY_KINDS[i % COMPANY_KINDS.length]}`.toLowerCase(), // a company
      `c${n}.example`, // a domain prefix
    ];
    queries.push(cases[i % cases.length] ?? root);
  }
  return queries;
}

/**
 * Seeds one workspace the way the services would have written it, with set-based SQL: companies,
 * people (names, emails, E.164 phones, stage, tags, one primary company), their identifier rows and
 * company links, and activities with links for the first people (their timelines). The search
 * terms come from migration 0004's triggers, as for any write.
 */
export async function seedCustomer360(
  pool: pg.Pool,
  input: { workspaceId: string; userId: string; people: number; companies: number; withTimeline: number },
): Promise<void> {
  const { workspaceId, userId, people, companies, withTimeline } = input;
  await pool.query(
    `insert into companies (workspace_id, id, name, domains, industry, owner_id, created_at, updated_at)
     select $1, gen_random_uuid(),
            (${toSqlArray(COMPANY_WORDS)})[1 + i % ${COMPANY_WORDS.length}] || ' ' ||
            (${toSqlArray(COMPANY_KINDS)})[1 + (i / ${COMPANY_WORDS.length}) % ${COMPANY_KINDS.length}] ||
            case when i >= ${COMPANY_WORDS.length * COMPANY_KINDS.length} then ' ' || i else '' end,
            array['c' || i || '.example.am'], 'industry ' || (i % 12), $2,
            now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval
       from generate_series(1, $3) as i`,
    [workspaceId, userId, companies],
  );
  // Two custom fields, so lists can be filtered on them: a loyalty tier (1 in 1,000 people is
  // "platinum") and a yearly spend.
  await pool.query(
    `insert into custom_fields (workspace_id, id, object_type, key, label, type, options)
     values ($1, gen_random_uuid(), 'person', 'tier', 'Tier', 'select',
             '[{"value":"bronze","label":"Bronze"},{"value":"silver","label":"Silver"},{"value":"gold","label":"Gold"},{"value":"platinum","label":"Platinum"}]'),
            ($1, gen_random_uuid(), 'person', 'spend', 'Yearly spend', 'number', null)`,
    [workspaceId],
  );
  // Batches keep each statement's trigger work (search terms) and memory bounded.
  const batch = 100_000;
  for (let from = 1; from <= people; from += batch) {
    const to = Math.min(people, from + batch - 1);
    await pool.query(
      `insert into people (workspace_id, id, first_name, last_name, emails, phones, lifecycle_stage, tags,
                           custom_fields, owner_id, created_at, updated_at)
       select $1, gen_random_uuid(), f.first_name, f.last_name,
              jsonb_build_array(jsonb_build_object('email', 'p' || i || '.' || lower(f.ascii) || '@' ||
                (${toSqlArray(DOMAINS)})[1 + i % ${DOMAINS.length}], 'label', 'work', 'isPrimary', true)),
              jsonb_build_array(jsonb_build_object('number', f.phone, 'label', 'mobile', 'isPrimary', true)),
              (${toSqlArray(STAGES)})[1 + i % ${STAGES.length}],
              case when i % 10 = 0 then array['vip'] else '{}'::text[] end,
              jsonb_build_object('tier', case when i % 1000 = 7 then 'platinum' when i % 10 = 1 then 'gold'
                                              when i % 3 = 0 then 'silver' else 'bronze' end,
                                 'spend', (i::bigint * 7919) % 100000),
              $2, now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval
         from generate_series($3::int, $4::int) as i,
         lateral (select
           (${toSqlArray(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] as first_name,
           (${toSqlArray(SURNAME_ROOTS)})[1 + (i / 7) % ${SURNAME_ROOTS.length}] ||
             (array[${SURNAME_ENDINGS.map(toSqlArray).join(',')}])[1 + ((i / 7) % ${SURNAME_ROOTS.length}) / 10][1 + (i / 311) % 5]
             as last_name,
           'n' || (i % 1000) as ascii,
           case i % 3 when 0 then '+3749' || lpad((i % 10000000)::text, 7, '0')
                      when 1 then '+9955' || lpad((i % 100000000)::text, 8, '0')
                      else '+3706' || lpad((i % 10000000)::text, 7, '0') end as phone) f`,
      [workspaceId, userId, from, to],
    );
  }
  await pool.query(
    `insert into person_identifiers (workspace_id, kind, source, value, person_id)
     select workspace_id, 'email', '', lower(emails -> 0 ->> 'email'), id from people where workspace_id = $1
     union all
     select workspace_id, 'phone', '', phones -> 0 ->> 'number', id from people where workspace_id = $1
     on conflict do nothing`,
    [workspaceId],
  );
  await pool.query(
    `insert into person_companies (workspace_id, person_id, company_id, is_primary)
     select $1, p.id, c.id, true
       from (select id, row_number() over (order by id) % $2 as n from people where workspace_id = $1) p
       join (select id, row_number() over (order by id) - 1 as n from companies where workspace_id = $1) c using (n)`,
    [workspaceId, companies],
  );
  // The most recently updated people get 30 calls each: their detail pages have a full timeline.
  await pool.query(
    `with planned as (
       select gen_random_uuid() as activity_id, p.id as person_id, p.updated_at - (k || ' hours')::interval as at, k
         from (select id, updated_at from people where workspace_id = $1 order by updated_at desc limit $2) p,
              generate_series(1, 30) k),
     made as (
       insert into activities (workspace_id, id, type, channel, direction, occurred_at, subject, owner_id,
                               created_by, created_by_type, created_by_name)
       select $1, activity_id, 'call', 'phone', 'out', at, 'Call ' || k, $3, $4, 'user', 'Bench' from planned)
     insert into activity_links (workspace_id, activity_id, record_type, record_id, occurred_at)
     select $1, activity_id, 'person', person_id, at from planned`,
    [workspaceId, withTimeline, userId, userId],
  );
  for (const table of [
    'people',
    'companies',
    'person_identifiers',
    'person_companies',
    'activities',
    'activity_links',
    'search_terms',
    'search_words',
    'custom_field_values',
  ]) {
    await pool.query(`analyze ${table}`);
  }
}

/** People for a list bench: `people` of them, a company for every ten, no timelines. */
export function seedPeopleForListBench(
  pool: pg.Pool,
  input: { workspaceId: string; userId: string; people: number },
): Promise<void> {
  return seedCustomer360(pool, {
    ...input,
    companies: Math.max(1, Math.round(input.people / 10)),
    withTimeline: 0,
  });
}
