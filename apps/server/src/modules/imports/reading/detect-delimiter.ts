import { DELIMITERS, type TDelimiter } from './table-types.ts';

const MAX_RECORDS = 100;

/** Fields per record for the first records of `text` split by `delimiter`, quotes respected. */
export function countFieldsPerRecord(text: string, delimiter: string, isComplete: boolean): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let isBlankRecord = true;
  for (let i = 0; i < text.length && counts.length < MAX_RECORDS; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (char === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      isBlankRecord = false;
    } else if (char === delimiter) {
      fields++;
      atFieldStart = true;
      isBlankRecord = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      if (!isBlankRecord) counts.push(fields);
      fields = 1;
      atFieldStart = true;
      isBlankRecord = true;
    } else if (char !== ' ') {
      atFieldStart = false;
      isBlankRecord = false;
    }
  }
  // A last record without its line end is whole only if the text is the whole file.
  if (isComplete && !isBlankRecord && counts.length < MAX_RECORDS) counts.push(fields);
  return counts;
}

/**
 * The delimiter that splits the first records into the same number (more than one) of fields
 * most consistently; "," when none splits anything (a one-column file).
 */
export function detectDelimiter(text: string, isComplete: boolean): TDelimiter {
  let best: { delimiter: TDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = countFieldsPerRecord(text, delimiter, isComplete);
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    // Rows as wide as the header; a few ragged rows lower the score but do not rule it out.
    const consistent = counts.filter((count) => count === header).length / counts.length;
    const score = consistent * 1000 + Math.min(header, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
