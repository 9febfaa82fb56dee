import {
  computeLineAmounts,
  sumOrderAmounts,
  type TCreateOrderRequest,
  type TLineAmounts,
  type TOrder,
  type TOrderAmounts,
  type TOrderChannel,
  type TOrderLineInput,
} from '@kap/shared';

export type TTaxMode = 'rate' | 'amount';

/** One line as typed: decimal strings exactly as the user wrote them (never parsed to floats). */
export type TLineDraft = {
  key: string;
  productId: string | null;
  /** The chosen product's name, to show in the picker before its options load. */
  productName: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxMode: TTaxMode;
  tax: string;
};

export type TInputStatus = NonNullable<TCreateOrderRequest['status']>;

export type TOrderDraft = {
  personId: string | null;
  companyId: string | null;
  channel: TOrderChannel;
  location: string;
  /** `datetime-local` value in the browser's time zone. */
  occurredAt: string;
  status: TInputStatus;
  currency: string;
  note: string;
  lines: TLineDraft[];
};

const DECIMAL = /^\d+(\.\d+)?$/;
const isDecimal = (value: string) => DECIMAL.test(value.trim());

export const newLineDraft = (): TLineDraft => ({
  key: crypto.randomUUID(),
  productId: null,
  productName: null,
  description: '',
  quantity: '1',
  unitPrice: '',
  discount: '',
  taxMode: 'rate',
  tax: '',
});

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Trailing zeros of stored decimals ("2.0000" → "2", "20.5000" → "20.5") for editing. */
const trimZeros = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

export function newOrderDraft(
  customer: { personId?: string; companyId?: string },
  currency: string,
): TOrderDraft {
  return {
    personId: customer.personId ?? null,
    companyId: customer.companyId ?? null,
    channel: 'store',
    location: '',
    occurredAt: toLocalInput(new Date()),
    status: 'placed',
    currency,
    note: '',
    lines: [newLineDraft()],
  };
}

const INPUT_STATUSES: readonly string[] = ['placed', 'paid', 'fulfilled', 'cancelled'];

export function draftOfOrder(order: TOrder): TOrderDraft {
  return {
    personId: order.personId,
    companyId: order.companyId,
    channel: order.channel,
    location: order.location ?? '',
    occurredAt: toLocalInput(new Date(order.occurredAt)),
    status: (INPUT_STATUSES.includes(order.status) ? order.status : 'placed') as TInputStatus,
    currency: order.currency,
    note: order.note ?? '',
    lines: order.lines.map((line) => ({
      key: crypto.randomUUID(),
      productId: line.productId,
      productName: line.productId ? line.description : null,
      description: line.description,
      quantity: trimZeros(line.quantity),
      unitPrice: line.unitPrice,
      discount: line.discount === '0.00' ? '' : line.discount,
      taxMode: line.taxRate === null ? 'amount' : 'rate',
      tax: line.taxRate === null ? (line.tax === '0.00' ? '' : line.tax) : trimZeros(line.taxRate),
    })),
  };
}

/** A line as the API takes it; empty optional fields are left out, text is sent as typed. */
export function toLineInput(line: TLineDraft): TOrderLineInput {
  const description = line.description.trim();
  const tax = line.tax.trim();
  return {
    ...(line.productId ? { productId: line.productId } : {}),
    ...(description && description !== line.productName ? { description } : {}),
    quantity: line.quantity.trim(),
    ...(line.unitPrice.trim() ? { unitPrice: line.unitPrice.trim() } : {}),
    ...(line.discount.trim() ? { discount: line.discount.trim() } : {}),
    ...(tax ? (line.taxMode === 'rate' ? { taxRate: tax } : { tax }) : {}),
  };
}

/** The request body: the local date and time become an instant with its offset. */
export function toOrderRequest(draft: TOrderDraft) {
  const occurredAt = new Date(draft.occurredAt);
  return {
    channel: draft.channel,
    location: draft.location.trim() || null,
    personId: draft.personId,
    companyId: draft.companyId,
    occurredAt: Number.isNaN(occurredAt.getTime()) ? draft.occurredAt : occurredAt.toISOString(),
    status: draft.status,
    currency: draft.currency,
    note: draft.note.trim() || null,
    lines: draft.lines.map(toLineInput),
  };
}

/**
 * A line's amounts with the server's own formulas (`@kap/shared`), or null while a number is not
 * complete yet or the discount is larger than the line.
 */
export function lineAmountsOf(line: TLineDraft): TLineAmounts | null {
  const optional = [line.discount, line.tax].map((v) => v.trim());
  if (!isDecimal(line.quantity) || !isDecimal(line.unitPrice)) return null;
  if (optional.some((v) => v !== '' && !isDecimal(v))) return null;
  const tax = line.tax.trim();
  const computed = computeLineAmounts({
    quantity: line.quantity.trim(),
    unitPrice: line.unitPrice.trim(),
    discount: line.discount.trim() || undefined,
    ...(tax ? (line.taxMode === 'rate' ? { taxRate: tax } : { tax }) : {}),
  });
  return 'amounts' in computed ? computed.amounts : null;
}

/** The order's totals, or null while any line is incomplete. */
export function orderAmountsOf(lines: readonly TLineDraft[]): TOrderAmounts | null {
  const amounts = lines.map(lineAmountsOf);
  return amounts.every((a): a is TLineAmounts => a !== null) ? sumOrderAmounts(amounts) : null;
}
