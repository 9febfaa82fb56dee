#!/usr/bin/env node
// Fails when the UI catalogues drift apart: every language must have the same keys (plural forms per
// the language's own CLDR rules), the same {{placeholders}} and the same <tags> as English.
// Usage: node apps/web/scripts/check-locales.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../src/locales');
const LANGUAGES = ['en', 'hy', 'ka', 'lt'];
const REFERENCE = 'en';
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(object, prefix = '', into = new Map()) {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') flatten(value, path, into);
    else into.set(path, value);
  }
  return into;
}

/** base key → { forms: Set<plural category | ''>, values: string[] } */
function group(flat) {
  const groups = new Map();
  for (const [path, value] of flat) {
    const match = path.match(PLURAL_SUFFIX);
    const base = match ? path.slice(0, -match[0].length) : path;
    const entry = groups.get(base) ?? { forms: new Set(), values: [] };
    entry.forms.add(match ? match[1] : '');
    entry.values.push(value);
    groups.set(base, entry);
  }
  return groups;
}

const tokens = (values, pattern) =>
  [...new Set(values.flatMap((v) => String(v).match(pattern) ?? []))].sort().join(' ');
const placeholders = (values) => tokens(values, /\{\{\s*[\w.]+\s*\}\}/g);
// Only the tags <Trans> components map; a literal "<key>" in prose is not markup.
const tags = (values) => tokens(values, /<\/?(?:b|i|strong|em|code|br|link)\s*\/?>/g);

const problems = [];
const warnings = [];
const catalogues = new Map();
for (const language of LANGUAGES) {
  const file = join(LOCALES_DIR, `${language}.json`);
  try {
    catalogues.set(language, group(flatten(JSON.parse(readFileSync(file, 'utf8')))));
  } catch (error) {
    problems.push(`${language}.json: cannot be read as JSON (${error.message})`);
  }
}

const reference = catalogues.get(REFERENCE);
for (const [language, groups] of catalogues) {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  for (const [base, entry] of groups) {
    if (reference && !reference.has(base))
      problems.push(`${language}: extra key "${base}" (not in ${REFERENCE}.json)`);
    for (const value of entry.values) {
      if (typeof value !== 'string' || value.trim() === '')
        problems.push(`${language}: "${base}" is empty or not a string`);
    }
    const isPlural = !entry.forms.has('');
    if (isPlural) {
      for (const category of categories) {
        if (!entry.forms.has(category))
          problems.push(`${language}: "${base}" lacks plural form "_${category}"`);
      }
    } else if (entry.forms.size > 1) {
      problems.push(`${language}: "${base}" mixes a plain key with plural forms`);
    }
  }
  if (!reference || language === REFERENCE) continue;
  for (const [base, expected] of reference) {
    const entry = groups.get(base);
    if (!entry) {
      problems.push(`${language}: missing key "${base}"`);
      continue;
    }
    if (expected.forms.has('') !== entry.forms.has(''))
      problems.push(`${language}: "${base}" plural/plain mismatch with ${REFERENCE}`);
    if (placeholders(expected.values) !== placeholders(entry.values)) {
      problems.push(
        `${language}: "${base}" placeholders [${placeholders(entry.values)}] ≠ ${REFERENCE} [${placeholders(expected.values)}]`,
      );
    }
    if (tags(expected.values) !== tags(entry.values))
      problems.push(`${language}: "${base}" markup differs from ${REFERENCE}`);
    if (
      entry.values.join() === expected.values.join() &&
      /[a-z]{4,}/i.test(
        expected.values.join().replace(/\{\{.*?\}\}|\S+@\S+|Kap|API|Bearer|Authorization/g, ''),
      )
    ) {
      warnings.push(`${language}: "${base}" is identical to ${REFERENCE} — not translated?`);
    }
  }
}

for (const warning of warnings) console.warn(`warning  ${warning}`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`error    ${problem}`);
  console.error(`\n${problems.length} problem(s) in ${LOCALES_DIR}`);
  process.exit(1);
}
console.log(
  `Locales OK: ${LANGUAGES.join(', ')} — ${reference?.size ?? 0} keys each, placeholders and plural forms consistent.`,
);
