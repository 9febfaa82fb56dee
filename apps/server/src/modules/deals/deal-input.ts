import {
  ExactDecimal as Decimal,
  sumDealLineTotals,
  type TCreateDealRequest,
  type TLineItemInput,
  type TUpdateDealRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { findVisibleCompanyIds } from '../companies/index.ts';
import { findVisiblePersonIds } from '../people/index.ts';
import { findProductsByIds } from '../products/index.ts';
import { isMember } from '../workspaces/index.ts';
import type { TLineItemRow } from './deals.repository.ts';

export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid ${path}: ${message}`, [{ path, message }]);

export async function assertOwnerIsMember(trx: TTrx, actor: TActor, ownerId: string | null | undefined) {
  if (!ownerId || (actor.type === 'user' && ownerId === actor.userId)) return;
  if (!(await isMember(trx, actor.workspaceId, ownerId)))
    throw invalid('ownerId', 'Not a member of this workspace');
}

/** People the actor may see, each one (400 at `personIds.<i>` otherwise); duplicates collapse. */
export async function resolvePersonIds(trx: TTrx, actor: TActor, ids: readonly string[]): Promise<string[]> {
  const wanted = ids.map((id) => id.toLowerCase());
  const visible = await findVisiblePersonIds(trx, actor, [...new Set(wanted)]);
  const missing = wanted.findIndex((id) => !visible.has(id));
  if (missing >= 0) throw invalid(`personIds.${missing}`, 'No such person in this workspace');
  return [...new Set(wanted)];
}

export async function resolveCompanyId(trx: TTrx, actor: TActor, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const wanted = id.toLowerCase();
  const visible = await findVisibleCompanyIds(trx, actor, [wanted]);
  if (!visible.has(wanted)) throw invalid('companyId', 'No such company in this workspace');
  return wanted;
}

type TLineItemColumns = Omit<TLineItemRow, 'dealId' | 'position'>;

/**
 * Line items as stored: a product's name and price are copied when the line is written (a later
 * price change does not rewrite a deal); without a product, name and unit price are required.
 */
export async function resolveLineItems(
  trx: TTrx,
  actor: TActor,
  items: readonly TLineItemInput[],
): Promise<TLineItemColumns[]> {
  const productIds = [
    ...new Set(items.flatMap((item) => (item.productId ? [item.productId.toLowerCase()] : []))),
  ];
  const products = new Map(
    (productIds.length > 0 ? await findProductsByIds(trx, actor.workspaceId, productIds) : []).map((p) => [
      p.id,
      p,
    ]),
  );
  return items.map((item, index) => {
    const productId = item.productId ? item.productId.toLowerCase() : null;
    const product = productId ? products.get(productId) : undefined;
    if (productId && !product)
      throw invalid(`lineItems.${index}.productId`, 'No such product in this workspace');
    const name = item.name ?? product?.name;
    const unitPrice = item.unitPrice ?? product?.price;
    if (!name) throw invalid(`lineItems.${index}.name`, 'Required without a product');
    if (unitPrice === undefined) throw invalid(`lineItems.${index}.unitPrice`, 'Required without a product');
    return { productId, name, quantity: item.quantity, unitPrice, discountPercent: item.discountPercent };
  });
}

/** The deal's amount when it has lines (the arithmetic is shared with the web's live totals). */
export const totalOf = (items: readonly TLineItemColumns[]): string => sumDealLineTotals(items);

/** numeric(20, 2) holds 18 digits before the point: a bigger total is the client's error, not a 500. */
export function assertAmountFits(amount: string, path: string): void {
  if (new Decimal(amount).greaterThanOrEqualTo('1e18')) throw invalid(path, 'Too large');
}

export type TDealInput = TCreateDealRequest | TUpdateDealRequest;
