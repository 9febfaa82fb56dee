import type { TCustomerKind } from './orders-api.ts';
import { PurchasesCard } from './purchases-card.tsx';
import { SuggestedProductsCard } from './suggested-products-card.tsx';

/** What the person and company pages show about purchases: stats, recent orders, suggestions. */
export function CustomerPurchaseCards({ kind, id, name }: { kind: TCustomerKind; id: string; name: string }) {
  return (
    <>
      <PurchasesCard kind={kind} id={id} />
      <SuggestedProductsCard kind={kind} id={id} customerName={name} />
    </>
  );
}
