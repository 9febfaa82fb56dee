/** What a value parser gives: the value to store, or why the text is not one (English, for the rejected-rows file). */
export type TParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const parsed = <T>(value: T): TParseResult<T> => ({ ok: true, value });
export const failed = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Quotes a cell's text in a reason, shortened so one huge cell does not flood the rejected-rows file. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
