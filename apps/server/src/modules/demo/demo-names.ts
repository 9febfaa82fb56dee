/**
 * Names for demo people in the four languages Kap ships in. Armenian and Georgian names are in
 * their own scripts, with the Latin spelling beside them for email addresses; Lithuanian family
 * names have their male and (married) female forms.
 */
export type TNamePair = readonly [native: string, latin: string];

export type TCultureNames = {
  female: readonly TNamePair[];
  male: readonly TNamePair[];
  /** [male form, female form], each with its Latin spelling. */
  family: readonly (readonly [TNamePair, TNamePair])[];
  companyDomains: readonly string[];
};

const same = (names: readonly [string, string][]): readonly (readonly [TNamePair, TNamePair])[] =>
  names.map(([native, latin]) => [
    [native, latin],
    [native, latin],
  ]);

const latin = (names: string[]): TNamePair[] => names.map((name) => [name, name]);

/** Lithuanian has diacritics; addresses use the plain letters, as people there do. */
const lithuanian = (names: string[]): TNamePair[] =>
  names.map((name) => [name, name.normalize('NFD').replace(/\p{Diacritic}/gu, '')]);

export const ARMENIAN: TCultureNames = {
  female: [
    ['Անի', 'Ani'],
    ['Նարե', 'Nare'],
    ['Մարիամ', 'Mariam'],
    ['Լուսինե', 'Lusine'],
    ['Արփի', 'Arpi'],
    ['Սոնա', 'Sona'],
    ['Գայանե', 'Gayane'],
    ['Լիլիթ', 'Lilit'],
    ['Հասմիկ', 'Hasmik'],
    ['Տաթևիկ', 'Tatevik'],
    ['Նունե', 'Nune'],
    ['Սյուզաննա', 'Syuzanna'],
    ['Արմինե', 'Armine'],
    ['Մանե', 'Mane'],
    ['Էլեն', 'Elen'],
  ],
  male: [
    ['Արամ', 'Aram'],
    ['Դավիթ', 'Davit'],
    ['Տիգրան', 'Tigran'],
    ['Արմեն', 'Armen'],
    ['Գոռ', 'Gor'],
    ['Հայկ', 'Hayk'],
    ['Նարեկ', 'Narek'],
    ['Վահե', 'Vahe'],
    ['Կարեն', 'Karen'],
    ['Սամվել', 'Samvel'],
    ['Արտակ', 'Artak'],
    ['Ռուբեն', 'Ruben'],
    ['Էդգար', 'Edgar'],
    ['Լևոն', 'Levon'],
    ['Գագիկ', 'Gagik'],
  ],
  family: same([
    ['Պետրոսյան', 'Petrosyan'],
    ['Հովհաննիսյան', 'Hovhannisyan'],
    ['Սարգսյան', 'Sargsyan'],
    ['Գրիգորյան', 'Grigoryan'],
    ['Հարությունյան', 'Harutyunyan'],
    ['Մկրտչյան', 'Mkrtchyan'],
    ['Ավետիսյան', 'Avetisyan'],
    ['Կարապետյան', 'Karapetyan'],
    ['Խաչատրյան', 'Khachatryan'],
    ['Վարդանյան', 'Vardanyan'],
    ['Ղազարյան', 'Ghazaryan'],
    ['Մարտիրոսյան', 'Martirosyan'],
    ['Ստեփանյան', 'Stepanyan'],
    ['Աբրահամյան', 'Abrahamyan'],
    ['Բաղդասարյան', 'Baghdasaryan'],
  ]),
  companyDomains: [
    'ararat-trading.example',
    'yerevan-soft.example',
    'sevan-logistics.example',
    'gyumri-foods.example',
  ],
};

export const GEORGIAN: TCultureNames = {
  female: [
    ['ნინო', 'Nino'],
    ['მარიამ', 'Mariam'],
    ['თამარ', 'Tamar'],
    ['ანა', 'Ana'],
    ['ნათია', 'Natia'],
    ['ეკატერინე', 'Ekaterine'],
    ['სალომე', 'Salome'],
    ['ქეთევან', 'Ketevan'],
    ['მაკა', 'Maka'],
    ['ნანა', 'Nana'],
    ['ლიკა', 'Lika'],
    ['თეონა', 'Teona'],
    ['ელენე', 'Elene'],
    ['ხატია', 'Khatia'],
    ['სოფო', 'Sopo'],
  ],
  male: [
    ['გიორგი', 'Giorgi'],
    ['დავით', 'Davit'],
    ['ლევან', 'Levan'],
    ['ნიკოლოზ', 'Nikoloz'],
    ['ირაკლი', 'Irakli'],
    ['ლაშა', 'Lasha'],
    ['ზურაბ', 'Zurab'],
    ['ალექსანდრე', 'Aleksandre'],
    ['ბექა', 'Beka'],
    ['თორნიკე', 'Tornike'],
    ['გოგა', 'Goga'],
    ['ვახტანგ', 'Vakhtang'],
    ['შოთა', 'Shota'],
    ['მამუკა', 'Mamuka'],
    ['ლუკა', 'Luka'],
  ],
  family: same([
    ['ბერიძე', 'Beridze'],
    ['კაპანაძე', 'Kapanadze'],
    ['მაისურაძე', 'Maisuradze'],
    ['გელაშვილი', 'Gelashvili'],
    ['ლომიძე', 'Lomidze'],
    ['ჯაფარიძე', 'Japaridze'],
    ['ხარაიშვილი', 'Kharaishvili'],
    ['ნოზაძე', 'Nozadze'],
    ['ცინცაძე', 'Tsintsadze'],
    ['გოგოლაძე', 'Gogoladze'],
    ['ქავთარაძე', 'Kavtaradze'],
    ['ბაქრაძე', 'Bakradze'],
    ['ჩიქოვანი', 'Chikovani'],
    ['კვარაცხელია', 'Kvaratskhelia'],
    ['წერეთელი', 'Tsereteli'],
  ]),
  companyDomains: [
    'tbilisi-wines.example',
    'kartli-tech.example',
    'batumi-port.example',
    'mtatsminda-media.example',
  ],
};

const LITHUANIAN_FAMILY: [string, string][] = [
  ['Jonaitis', 'Jonaitienė'],
  ['Kazlauskas', 'Kazlauskienė'],
  ['Petrauskas', 'Petrauskienė'],
  ['Jankauskas', 'Jankauskienė'],
  ['Stankevičius', 'Stankevičienė'],
  ['Vasiliauskas', 'Vasiliauskienė'],
  ['Žukauskas', 'Žukauskienė'],
  ['Butkus', 'Butkienė'],
  ['Paulauskas', 'Paulauskienė'],
  ['Urbonas', 'Urbonienė'],
  ['Kavaliauskas', 'Kavaliauskienė'],
  ['Navickas', 'Navickienė'],
  ['Šimkus', 'Šimkienė'],
  ['Ramanauskas', 'Ramanauskienė'],
  ['Žemaitis', 'Žemaitienė'],
];

export const LITHUANIAN: TCultureNames = {
  female: lithuanian([
    'Eglė',
    'Rūta',
    'Ieva',
    'Gabija',
    'Austėja',
    'Aušra',
    'Kotryna',
    'Ugnė',
    'Jurgita',
    'Dalia',
    'Giedrė',
    'Živilė',
    'Lina',
    'Vaida',
    'Inga',
  ]),
  male: lithuanian([
    'Šarūnas',
    'Jonas',
    'Mindaugas',
    'Tomas',
    'Darius',
    'Andrius',
    'Lukas',
    'Mantas',
    'Giedrius',
    'Vytautas',
    'Žygimantas',
    'Rimantas',
    'Paulius',
    'Justinas',
    'Kęstutis',
  ]),
  family: LITHUANIAN_FAMILY.map(([male, female]) => {
    const [maleName, femaleName] = lithuanian([male, female]);
    return [maleName ?? [male, male], femaleName ?? [female, female]] as const;
  }),
  companyDomains: [
    'vilnius-baltic.example',
    'nemunas-agro.example',
    'kaunas-systems.example',
    'trakai-travel.example',
  ],
};

export const ENGLISH: TCultureNames = {
  female: latin([
    'Emily',
    'Olivia',
    'Sophie',
    'Charlotte',
    'Grace',
    'Hannah',
    'Jessica',
    'Amelia',
    'Lucy',
    'Sarah',
    'Megan',
    'Rachel',
    'Laura',
    'Emma',
    'Chloe',
  ]),
  male: latin([
    'James',
    'Oliver',
    'Jack',
    'Harry',
    'Thomas',
    'William',
    'Daniel',
    'Michael',
    'David',
    'Matthew',
    'Samuel',
    'Benjamin',
    'Joseph',
    'Andrew',
    'Ryan',
  ]),
  family: same(
    latin([
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Taylor',
      'Davies',
      'Wilson',
      'Evans',
      'Thomas',
      'Roberts',
      'Walker',
      'Wright',
      'Robinson',
      'Thompson',
      'Hughes',
      'Miller',
      'Anderson',
      'Clarke',
      'Bennett',
      'Cooper',
    ]) as [string, string][],
  ),
  companyDomains: [
    'northwind.example',
    'brightlane.example',
    'oakfield-partners.example',
    'redwood-labs.example',
  ],
};

/** Domains under the reserved `.example` TLD: plausible on screen, and no demo mail can ever be delivered. */
export const PERSONAL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'] as const;
