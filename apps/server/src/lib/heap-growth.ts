import v8 from 'node:v8';

/**
 * How much V8's old generation may grow past what the last full collection kept alive before it
 * collects again, in percent. V8 sizes this slack from the machine: with the 4 GB heap limit it
 * picks on a 24 GB machine it lets the heap grow up to 4× the live data. Kap's processes keep
 * little alive (≈ 45 MB of modules, plus the batch in hand: an import's 5,000 rows, an export's
 * 2,000 records) but make garbage at the rate they read and write rows, and the batches outlive
 * a few young collections while their statements run, so they die in the old generation: an
 * import of 100k people reached 434–525 MB of RSS with ~70 MB alive (278 MB with this setting, a
 * million rows 296 MB; docs/performance.md). With 25% the heap stays
 * near the live size; it is not a limit (the heap still grows to whatever is alive), it trades
 * more frequent full collections (tens of milliseconds each, on a process that mostly waits for
 * PostgreSQL) for memory.
 */
export const HEAP_GROWING_PERCENT = 25;

/** Sets the slack for this process (V8 reads the flag at each collection, so it applies at once). */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
