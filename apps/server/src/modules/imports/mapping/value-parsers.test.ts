import { describe, expect, it } from 'vitest';
import { createDateParser, createDateTimeParser, guessDateFormat } from './date-parsers.ts';
import { parseCompanySize } from './target-parsers.ts';
import {
  createListParser,
  createMoneyParser,
  createNumberParser,
  createOptionMatcher,
  createPhoneParser,
  parseBoolean,
  parseCountry,
  parseCurrency,
  parseDomain,
  parseDuration,
  parseEmail,
  parseLanguage,
  parseTimeZone,
  parseUrl,
  toNumberText,
} from './value-parsers.ts';

const ok = <T>(value: T) => ({ ok: true, value });
const bad = (pattern: RegExp) => ({ ok: false, error: expect.stringMatching(pattern) });

describe('value parsers', () => {
  it('emails: syntax checked, lower-cased', () => {
    expect(parseEmail('Anna.P@Example.AM')).toEqual(ok('anna.p@example.am'));
    expect(parseEmail('bob@')).toEqual(bad(/^"bob@" is not a valid email address$/));
    expect(parseEmail('two words@x.am')).toEqual(bad(/not a valid email/));
    expect(parseEmail('a@b')).toEqual(bad(/not a valid email/));
  });

  it('phones: E.164 with the default country, or a reason', () => {
    const armenian = createPhoneParser('AM');
    expect(armenian('091 123456')).toEqual(ok('+37491123456'));
    expect(armenian('+370 612 34567')).toEqual(ok('+37061234567'));
    expect(armenian('(+995) 555-12-34-56')).toEqual(ok('+995555123456'));
    expect(armenian('12')).toEqual(
      bad(/^"12" is not a valid phone number \(numbers without "\+" are read as AM/),
    );
    expect(createPhoneParser(null)('091 123456')).toEqual(bad(/start it with "\+"/));
  });

  it('dates: ISO, dotted, slashed by the chosen order, month names, Excel serials', () => {
    const auto = createDateParser('auto');
    expect(auto('2024-03-31')).toEqual(ok('2024-03-31'));
    expect(auto('2024/3/5')).toEqual(ok('2024-03-05'));
    expect(auto('31.03.2024')).toEqual(ok('2024-03-31'));
    expect(auto('05.03.2024')).toEqual(ok('2024-03-05'));
    expect(auto('03/31/2024')).toEqual(ok('2024-03-31'));
    expect(auto('31/03/2024')).toEqual(ok('2024-03-31'));
    expect(auto('5 March 2024')).toEqual(ok('2024-03-05'));
    expect(auto('Mar 5, 2024')).toEqual(ok('2024-03-05'));
    expect(auto('45382')).toEqual(ok('2024-03-31'));
    expect(auto('59')).toEqual(ok('1900-02-28'));
    expect(auto('61')).toEqual(ok('1900-03-01'));
    expect(auto('2024-03-31T23:30:00-02:00')).toEqual(ok('2024-04-01'));
    expect(createDateParser('MDY')('03/04/2024')).toEqual(ok('2024-03-04'));
    expect(createDateParser('DMY')('03/04/2024')).toEqual(ok('2024-04-03'));
    expect(createDateParser('DMY')('03/04/99')).toEqual(ok('1999-04-03'));
    expect(auto('2023-02-29')).toEqual(bad(/^"2023-02-29" is not a date/));
    expect(auto('31.04.2024')).toEqual(bad(/is not a date/));
    expect(auto('tomorrow')).toEqual(bad(/is not a date/));
    expect(createDateParser('YMD')('03/04/2024')).toEqual(bad(/is not a date/));
  });

  it('guesses the day order from samples', () => {
    expect(guessDateFormat(['03/04/2024', '12/31/2024'])).toBe('MDY');
    expect(guessDateFormat(['03/04/2024', '31/12/2024 10:00'])).toBe('DMY');
    expect(guessDateFormat(['03/04/2024', '2024-01-01'])).toBeNull();
    expect(guessDateFormat(['13/01/2024', '01/13/2024'])).toBeNull();
  });

  it('date-times: zones honoured, none means UTC, 12-hour clocks, Excel fractions', () => {
    const parse = createDateTimeParser('auto');
    expect(parse('2024-03-31T09:30:00Z')).toEqual(ok('2024-03-31T09:30:00.000Z'));
    expect(parse('2024-03-31T09:30:00+04:00')).toEqual(ok('2024-03-31T05:30:00.000Z'));
    expect(parse('2024-03-31 09:30')).toEqual(ok('2024-03-31T09:30:00.000Z'));
    expect(parse('31.03.2024 09:30:15')).toEqual(ok('2024-03-31T09:30:15.000Z'));
    expect(parse('03/31/2024 2:05 PM')).toEqual(ok('2024-03-31T14:05:00.000Z'));
    expect(parse('2024-03-31')).toEqual(ok('2024-03-31T00:00:00.000Z'));
    expect(parse('45382.5')).toEqual(ok('2024-03-31T12:00:00.000Z'));
    expect(parse('2024-03-31 25:00')).toEqual(bad(/is not a date and time/));
    expect(parse('soon')).toEqual(bad(/is not a date and time/));
  });

  it('numbers with either decimal separator and thousands groups', () => {
    const auto = createNumberParser('auto');
    expect(auto('1234.56')).toEqual(ok(1234.56));
    expect(auto('1 234,56')).toEqual(ok(1234.56));
    expect(auto('1\u00a0234,56')).toEqual(ok(1234.56));
    expect(auto('1,234.56')).toEqual(ok(1234.56));
    expect(auto('1.234.567,8')).toEqual(ok(1234567.8));
    expect(auto("1'234.5")).toEqual(ok(1234.5));
    expect(auto('12,5')).toEqual(ok(12.5));
    expect(auto('1,234')).toEqual(ok(1234));
    expect(auto('-0.5')).toEqual(ok(-0.5));
    expect(auto('1e3')).toEqual(ok(1000));
    expect(createNumberParser(',')('1,234')).toEqual(ok(1.234));
    expect(createNumberParser(',')('1.234')).toEqual(ok(1234));
    expect(createNumberParser('.')('1,234')).toEqual(ok(1234));
    expect(createNumberParser('.')('12,5')).toEqual(bad(/^"12,5" is not a number$/));
    expect(auto('12abc')).toEqual(bad(/is not a number/));
    expect(auto('1,23,4')).toEqual(bad(/is not a number/));
    expect(toNumberText('1.234,5', 'auto')).toBe('1234.5');
  });

  it('booleans in English, Russian, Armenian, Georgian and Lithuanian', () => {
    for (const yes of ['yes', 'TRUE', '1', 'Y', 'да', 'այո', 'კი', 'Taip'])
      expect(parseBoolean(yes)).toEqual(ok(true));
    for (const no of ['no', 'false', '0', 'нет', 'ոչ', 'არა', 'ne'])
      expect(parseBoolean(no)).toEqual(ok(false));
    expect(parseBoolean('maybe')).toEqual(bad(/^"maybe" is not yes or no/));
  });

  it('select values by value or label in any case; lists split and de-duplicated', () => {
    const match = createOptionMatcher(
      [
        { value: 'gold', label: 'Gold member' },
        { value: 'silver', label: 'Silver' },
      ],
      'one of the options',
    );
    expect(match('GOLD')).toEqual(ok('gold'));
    expect(match('gold member')).toEqual(ok('gold'));
    expect(match('bronze')).toEqual(bad(/^"bronze" is not one of the options \("Gold member", "Silver"\)$/));
    expect(createListParser(undefined)(' vip, new;vip ,, ')).toEqual(['vip', 'new']);
    expect(createListParser('|')('a, b|c')).toEqual(['a, b', 'c']);
  });

  it('countries by code or name in several languages; currencies; money with its currency', () => {
    expect(parseCountry('am')).toEqual(ok('AM'));
    expect(parseCountry('Armenia')).toEqual(ok('AM'));
    expect(parseCountry('Հայաստան')).toEqual(ok('AM'));
    expect(parseCountry('საქართველო')).toEqual(ok('GE'));
    expect(parseCountry('Lietuva')).toEqual(ok('LT'));
    expect(parseCountry('USA')).toEqual(ok('US'));
    expect(parseCountry('Narnia')).toEqual(bad(/^"Narnia" is not a country/));
    expect(parseCurrency('eur')).toEqual(ok('EUR'));
    expect(parseCurrency('֏')).toEqual(ok('AMD'));
    expect(parseCurrency('XYZ')).toEqual(bad(/is not a currency/));
    const money = createMoneyParser('auto');
    expect(money('1 250,50 EUR')).toEqual(ok({ amount: '1250.50', currency: 'EUR' }));
    expect(money('€1,250.5')).toEqual(ok({ amount: '1250.5', currency: 'EUR' }));
    expect(money('1250')).toEqual(ok({ amount: '1250', currency: null }));
    expect(money('12 parrots')).toEqual(bad(/is not an amount of money/));
  });

  it('languages, time zones, durations, URLs, domains, company sizes', () => {
    expect(parseLanguage('hy-am')).toEqual(ok('hy-AM'));
    expect(parseLanguage('Armenian')).toEqual(ok('hy'));
    expect(parseLanguage('lietuvių')).toEqual(ok('lt'));
    expect(parseLanguage('Klingon!')).toEqual(bad(/is not a language/));
    expect(parseTimeZone('asia/yerevan')).toEqual(ok('Asia/Yerevan'));
    expect(parseTimeZone('Mars/Base')).toEqual(bad(/is not a time zone/));
    expect(parseDuration('90')).toEqual(ok(90));
    expect(parseDuration('1:30')).toEqual(ok(90));
    expect(parseDuration('01:02:03')).toEqual(ok(3723));
    expect(parseDuration('5 min')).toEqual(ok(300));
    expect(parseDuration('1,5 h')).toEqual(ok(5400));
    expect(parseDuration('forever')).toEqual(bad(/is not a duration/));
    expect(parseUrl('example.com/page')).toEqual(ok('https://example.com/page'));
    expect(parseUrl('ftp://example.com')).toEqual(bad(/is not a web address/));
    expect(parseUrl(`https://example.com/${'a'.repeat(2000)}`)).toEqual(bad(/longer than 2000/));
    expect(parseDomain('https://www.Example.com/about')).toEqual(ok('example.com'));
    expect(parseDomain('not a domain')).toEqual(bad(/is not a domain name/));
    expect(parseCompanySize('51 - 200')).toEqual(ok('51-200'));
    expect(parseCompanySize('10,001+')).toEqual(ok('10001+'));
    expect(parseCompanySize('75')).toEqual(ok('51-200'));
    expect(parseCompanySize('huge')).toEqual(bad(/is not a company size/));
  });
});
