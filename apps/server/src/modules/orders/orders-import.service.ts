import type { TOrderChannel, TOrderLineInput } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { findConversion, getBaseCurrency, type TConversion } from '../currencies/index.ts';
import { findProductsByIds } from '../products/index.ts';
import { lockAdvisoryBuckets } from './advisory-locks.ts';
import { compareMoney, computeLines, type TComputedLine, type TLineProduct, toBase } from './order-totals.ts';
import type { TOrderRow } from './orders.repository.ts';
import { toLine } from './orders.service.ts';
import {
  deleteOrdersCreatedBy,
  insertOrderRows,
  replaceLinesOfOrders,
  selectLinesOfOrders,
  selectOrdersByExternalIds,
  selectOrdersByIds,
  setOrdersUpdatedBy,
  type TOrderValues,
  updateOrderRows,
} from './orders-import.repository.ts';
import { refreshPurchaseStatsBulk } from './purchase-stats-bulk.ts';

/** One order of an import file, its customer and products already resolved by the importer. */
export type TImportedOrderInput = {
  source: string;
  externalId: string;
  channel: TOrderChannel;
  location: string | null;
  personId: string | null;
  companyId: string | null;
  occurredAt: string;
  status: 'placed' | 'paid' | 'fulfilled' | 'cancelled';
  currency: string;
  note: string | null;
  lines: TOrderLineInput[];
};

export type TOrderImportDecision =
  | { outcome: 'create' | 'update'; orderId: string; values: TOrderValues; lines: TComputedLine[] }
  | { outcome: 'skip'; orderId: string; reason: string | null }
  | { outcome: 'reject'; reason: string; path: string | null };

/** What undo needs to put an order back: its columns and lines before the import. */
export type TOrderBeforeImage = { values: TOrderValues; lines: TComputedLine[]; updatedBy?: string | null };

export type TOrderImportPlan = {
  decisions: TOrderImportDecision[];
  /** Writes the planned orders and their customers' stats; returns undo's before-images. */
  write: (
    trx: TTrx,
    marker: string,
  ) => Promise<{ recordId: string; before: TOrderBeforeImage; versionAfter: number }[]>;
};

const valuesOf = (row: TOrderRow): TOrderValues => ({
  id: row.id,
  source: row.source,
  externalId: row.externalId ?? '',
  channel: row.channel,
  location: row.location,
  personId: row.personId,
  companyId: row.companyId,
  occurredAt: row.occurredAt.toISOString(),
  status: row.status,
  currency: row.currency,
  subtotal: row.subtotal,
  discountTotal: row.discountTotal,
  taxTotal: row.taxTotal,
  total: row.total,
  baseCurrency: row.baseCurrency,
  exchangeRate: row.exchangeRate,
  baseTotal: row.baseTotal,
  note: row.note,
});

const isSame = (a: TOrderValues, b: TOrderValues, aLines: TComputedLine[], bLines: TComputedLine[]) =>
  JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(aLines) === JSON.stringify(bLines);

/** The order's conversion to the base currency, looked up once per (currency, day) of a batch. */
function conversionFinder(trx: TTrx, workspaceId: string) {
  const cache = new Map<string, Promise<TConversion | AppError>>();
  let base: Promise<string> | null = null;
  return async (currency: string, at: Date): Promise<TConversion | AppError> => {
    base ??= getBaseCurrency(trx, workspaceId);
    const baseCurrency = await base;
    if (currency === baseCurrency) return { baseCurrency, rate: '1.0000000000' };
    const key = `${currency}:${at.toISOString().slice(0, 10)}`;
    let found = cache.get(key);
    if (!found) {
      found = findConversion(trx, workspaceId, currency, at).catch((error: unknown) => {
        if (error instanceof AppError) return error;
        throw error;
      });
      cache.set(key, found);
    }
    return found;
  };
}

/**
 * Plans the create-or-replace of many orders by (source, external id), as `upsertOrder` does one
 * — same arithmetic (`computeLines`), same rate rules, same "a repeat changes nothing" — reading
 * in a handful of statements: existing orders, their lines, the lines' products, the rates.
 * `skip` leaves existing orders alone; otherwise an existing order is replaced as a whole.
 * Orders that already have refunds are left alone (skipped with a reason): their refunds were
 * made against the lines Kap has. Locks the external ids until the transaction ends, so an API
 * upsert of the same order waits instead of racing the import.
 */
export async function planOrderImport(
  trx: TTrx,
  workspaceId: string,
  inputs: readonly TImportedOrderInput[],
  mode: 'skip' | 'fillEmpty' | 'overwrite',
): Promise<TOrderImportPlan> {
  await lockAdvisoryBuckets(
    trx,
    `order-external-id:${workspaceId}`,
    inputs.map((i) => `${i.source}:${i.externalId}`),
  );
  const existing = new Map(
    (await selectOrdersByExternalIds(trx, workspaceId, inputs)).map((row) => [
      `${row.source}\u0000${row.externalId}`,
      row,
    ]),
  );
  const existingLines = await selectLinesOfOrders(
    trx,
    workspaceId,
    [...existing.values()].map((row) => row.id),
  );
  const productIds = inputs.flatMap((i) => i.lines.flatMap((l) => (l.productId ? [l.productId] : [])));
  const products = new Map<string, TLineProduct>(
    (await findProductsByIds(trx, workspaceId, productIds)).map((p) => [p.id, p]),
  );
  const convert = conversionFinder(trx, workspaceId);
  const decisions: TOrderImportDecision[] = [];
  const befores = new Map<string, TOrderBeforeImage>();
  for (const input of inputs) {
    const current = existing.get(`${input.source}\u0000${input.externalId}`);
    if (current && mode === 'skip') {
      decisions.push({ outcome: 'skip', orderId: current.id, reason: null });
      continue;
    }
    if (current && compareMoney(current.refundedTotal, '0') > 0) {
      decisions.push({
        outcome: 'skip',
        orderId: current.id,
        reason: `Order ${input.externalId} has refunds in Kap; it is left as it is`,
      });
      continue;
    }
    let computed: ReturnType<typeof computeLines>;
    try {
      computed = computeLines(input.lines, input.currency, products);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const detail = error.details?.[0];
      decisions.push({
        outcome: 'reject',
        reason: detail?.message ?? error.message,
        path: detail?.path ?? null,
      });
      continue;
    }
    const occurredAt = new Date(input.occurredAt);
    const conversion = await convert(input.currency, occurredAt);
    if (conversion instanceof AppError) {
      decisions.push({ outcome: 'reject', reason: conversion.message, path: 'currency' });
      continue;
    }
    const values: TOrderValues = {
      id: current?.id ?? newId(),
      source: input.source,
      externalId: input.externalId,
      channel: input.channel,
      location: input.location,
      personId: input.personId,
      companyId: input.companyId,
      occurredAt: occurredAt.toISOString(),
      status: input.status,
      currency: input.currency,
      ...computed.totals,
      baseCurrency: conversion.baseCurrency,
      exchangeRate: conversion.rate,
      baseTotal: toBase(computed.totals.total, conversion.rate),
      note: input.note,
    };
    if (current) {
      const before = {
        values: valuesOf(current),
        lines: (existingLines.get(current.id) ?? []).map(toLine),
        updatedBy: current.updatedBy,
      };
      if (isSame(before.values, values, before.lines, computed.lines)) {
        decisions.push({ outcome: 'skip', orderId: current.id, reason: null });
        continue;
      }
      befores.set(current.id, before);
    }
    decisions.push({
      outcome: current ? 'update' : 'create',
      orderId: values.id,
      values,
      lines: computed.lines,
    });
  }

  const write: TOrderImportPlan['write'] = async (writeTrx, marker) => {
    const creates: TOrderValues[] = [];
    const updates: TOrderValues[] = [];
    const lines = new Map<string, TComputedLine[]>();
    for (const decision of decisions) {
      if (decision.outcome !== 'create' && decision.outcome !== 'update') continue;
      (decision.outcome === 'create' ? creates : updates).push(decision.values);
      lines.set(decision.orderId, decision.lines);
    }
    await insertOrderRows(writeTrx, workspaceId, creates, marker);
    const versions = await updateOrderRows(writeTrx, workspaceId, updates, marker);
    await replaceLinesOfOrders(
      writeTrx,
      workspaceId,
      lines,
      updates.map((o) => o.id),
    );
    const touched = [...creates, ...updates, ...[...befores.values()].map((b) => b.values)];
    await refreshPurchaseStatsBulk(writeTrx, workspaceId, {
      personIds: touched.map((o) => o.personId),
      companyIds: touched.map((o) => o.companyId),
    });
    return [...befores].flatMap(([recordId, before]) => {
      const versionAfter = versions.get(recordId);
      return versionAfter === undefined ? [] : [{ recordId, before, versionAfter }];
    });
  };
  return { decisions, write };
}

/** Current versions of orders (undo compares them with the versions the import left). */
export async function selectOrderVersions(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  return new Map((await selectOrdersByIds(trx, workspaceId, ids)).map((row) => [row.id, row.version]));
}

/** Undo: deletes the orders an import created and recomputes their customers' stats. */
export async function deleteImportedOrders(trx: TTrx, workspaceId: string, marker: string): Promise<number> {
  const customers = await deleteOrdersCreatedBy(trx, workspaceId, marker);
  await refreshPurchaseStatsBulk(trx, workspaceId, {
    personIds: customers.map((c) => c.personId),
    companyIds: customers.map((c) => c.companyId),
  });
  return customers.length;
}

/**
 * Undo: puts orders back as they were before an import (columns and lines, a new version) and recomputes the stats of their customers then and now. Orders gone since are left out.
 */
export async function restoreImportedOrders(
  trx: TTrx,
  workspaceId: string,
  befores: readonly TOrderBeforeImage[],
  actorId: string,
): Promise<number> {
  const current = new Map(
    (
      await selectOrdersByIds(
        trx,
        workspaceId,
        befores.map((b) => b.values.id),
      )
    ).map((row) => [row.id, row]),
  );
  const present = befores.filter((b) => current.has(b.values.id));
  await updateOrderRows(
    trx,
    workspaceId,
    present.map((b) => b.values),
    actorId,
  );
  await replaceLinesOfOrders(trx, workspaceId, new Map(present.map((b) => [b.values.id, b.lines])));
  // Who changed them last, as before: an order an earlier import created is that import's again.
  await setOrdersUpdatedBy(
    trx,
    workspaceId,
    present.flatMap((b) => (b.updatedBy === undefined ? [] : [{ id: b.values.id, updatedBy: b.updatedBy }])),
  );
  const rows = [...present.map((b) => b.values), ...current.values()];
  await refreshPurchaseStatsBulk(trx, workspaceId, {
    personIds: rows.map((o) => o.personId),
    companyIds: rows.map((o) => o.companyId),
  });
  return present.length;
}
