import { DEFAULT_IMPORT_ORDER_SOURCE, findImportMappingProblems } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { compileRowConverter } from './row-converter.ts';
import { suggestMapping } from './suggest-mapping.ts';

const targetsOf = (mapping: ReturnType<typeof suggestMapping>) =>
  Object.fromEntries(mapping.columns.map((c) => [c.column, c.target]));

const context = (headers: string[]) => ({
  customFields: [],
  defaultCountry: 'LT',
  lifecycleStages: [],
  memberIdsByEmail: new Map<string, string>(),
  headers,
});

describe('suggestMapping: products and orders', () => {
  it('maps a WooCommerce orders export', () => {
    const headers = [
      'Order Number',
      'Order Status',
      'Order Date',
      'Customer Note',
      'First Name (Billing)',
      'Company (Billing)',
      'Email (Billing)',
      'Phone (Billing)',
      'SKU',
      'Item Name',
      'Quantity',
      'Item Cost',
      'Order Total Amount',
    ];
    const mapping = suggestMapping('order', headers, []);
    expect(targetsOf(mapping)).toEqual({
      'Order Number': 'orderId',
      'Order Status': 'status',
      'Order Date': 'occurredAt',
      'Customer Note': 'note',
      'First Name (Billing)': null,
      'Company (Billing)': 'companyName',
      'Email (Billing)': 'customerEmail',
      'Phone (Billing)': 'customerPhone',
      SKU: 'productSku',
      'Item Name': 'productName',
      Quantity: 'quantity',
      'Item Cost': 'unitPrice',
      'Order Total Amount': null,
    });
    expect(findImportMappingProblems('order', mapping, new Set())).toEqual([]);
  });

  it('maps Armenian, Georgian and Lithuanian order and product headers', () => {
    expect(
      targetsOf(suggestMapping('order', ['Պատվերի համար', 'Ամսաթիվ', 'Քանակ', 'Գին', 'Արտիկուլ'], [])),
    ).toEqual({
      'Պատվերի համար': 'orderId',
      Ամսաթիվ: 'occurredAt',
      Քանակ: 'quantity',
      Գին: 'unitPrice',
      Արտիկուլ: 'productSku',
    });
    expect(
      targetsOf(suggestMapping('order', ['შეკვეთის ნომერი', 'თარიღი', 'რაოდენობა', 'ფასი', 'ელფოსტა'], [])),
    ).toEqual({
      'შეკვეთის ნომერი': 'orderId',
      თარიღი: 'occurredAt',
      რაოდენობა: 'quantity',
      ფასი: 'unitPrice',
      ელფოსტა: 'customerEmail',
    });
    expect(
      targetsOf(
        suggestMapping(
          'product',
          ['Prekės kodas', 'Pavadinimas', 'Kategorija', 'Kaina', 'Valiuta', 'Aktyvus'],
          [],
        ),
      ),
    ).toEqual({
      'Prekės kodas': 'sku',
      Pavadinimas: 'name',
      Kategorija: 'category',
      Kaina: 'price',
      Valiuta: 'currency',
      Aktyvus: 'isActive',
    });
  });

  it("names the orders' default source when a customer external id column is mapped", () => {
    const mapping = suggestMapping('order', ['Order id', 'Customer external id', 'SKU'], []);
    expect(targetsOf(mapping)['Customer external id']).toBe('customerExternalId');
    // The same source as an order import without that column: the column does not move the orders.
    expect(mapping.options.externalIdSource).toBe(DEFAULT_IMPORT_ORDER_SOURCE);
    expect(suggestMapping('person', ['Email', 'External id'], []).options.externalIdSource).toBe('file');
  });

  it('maps a Shopify products export', () => {
    const headers = ['Handle', 'Title', 'Body (HTML)', 'Type', 'Variant SKU', 'Variant Price', 'Status'];
    expect(targetsOf(suggestMapping('product', headers, []))).toEqual({
      Handle: null,
      Title: 'name',
      'Body (HTML)': 'description',
      Type: 'category',
      'Variant SKU': 'sku',
      'Variant Price': 'price',
      Status: 'isActive',
    });
  });
});

describe('compileRowConverter: products and orders', () => {
  it('reads a product row; refuses a SKU with spaces and a price in another currency', () => {
    const headers = ['SKU', 'Name', 'Price', 'Currency', 'Active'];
    const convert = compileRowConverter(
      'product',
      {
        columns: headers.map((h, i) => ({
          column: h,
          target: ['sku', 'name', 'price', 'currency', 'isActive'][i] ?? null,
        })),
        options: { dateFormat: 'auto', decimalSeparator: 'auto' },
      },
      context(headers),
    );
    const row = (values: string[]) => convert({ rowNumber: 1, values });
    expect(row(['A-1', 'Mug', '1 234,50', 'EUR', 'draft'])).toEqual({
      ok: true,
      record: { input: { sku: 'A-1', name: 'Mug', price: '1234.50', currency: 'EUR', isActive: false } },
    });
    expect(row(['A 1', 'Mug', '1', 'EUR', ''])).toMatchObject({ ok: false, column: 'SKU' });
    expect(row(['A-1', 'Mug', '12 USD', 'EUR', ''])).toEqual({
      ok: false,
      reason: 'Price is in USD but Currency says EUR',
      column: 'Price',
    });
  });

  it('takes product names as long as the products schema allows (300), company names up to 200', () => {
    const productConvert = compileRowConverter(
      'product',
      {
        columns: [
          { column: 'SKU', target: 'sku' },
          { column: 'Name', target: 'name' },
        ],
        options: { dateFormat: 'auto', decimalSeparator: 'auto' },
      },
      context(['SKU', 'Name']),
    );
    const product = (name: string) => productConvert({ rowNumber: 2, values: ['A-1', name] });
    expect(product('n'.repeat(300))).toEqual({
      ok: true,
      record: { input: { sku: 'A-1', name: 'n'.repeat(300) } },
    });
    expect(product('n'.repeat(301))).toMatchObject({
      ok: false,
      column: 'Name',
      reason: expect.stringContaining('longer than 300 characters'),
    });
    const companyConvert = compileRowConverter(
      'company',
      {
        columns: [{ column: 'Company', target: 'name' }],
        options: { dateFormat: 'auto', decimalSeparator: 'auto' },
      },
      context(['Company']),
    );
    expect(companyConvert({ rowNumber: 2, values: ['c'.repeat(201)] })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('longer than 200 characters'),
    });
  });

  it('reads an order line: status and channel aliases, decimals either way, reasons per column', () => {
    const headers = ['Order', 'Date', 'Status', 'Channel', 'SKU', 'Qty', 'Price', 'VAT %'];
    const targets = [
      'orderId',
      'occurredAt',
      'status',
      'channel',
      'productSku',
      'quantity',
      'unitPrice',
      'taxRate',
    ];
    const convert = compileRowConverter(
      'order',
      {
        columns: headers.map((h, i) => ({ column: h, target: targets[i] ?? null })),
        options: { dateFormat: 'DMY', decimalSeparator: 'auto' },
      },
      context(headers),
    );
    const row = (values: string[]) => convert({ rowNumber: 1, values });
    expect(
      row(['#7', '31.03.2025 14:05', 'Partially_Refunded', 'POS', 'A-1', '1,5', '€12,50', '21']),
    ).toEqual({
      ok: true,
      record: {
        orderId: '#7',
        order: {
          occurredAt: '2025-03-31T14:05:00.000Z',
          status: 'partiallyRefunded',
          channel: 'store',
          currency: 'EUR',
        },
        customer: {},
        line: { sku: 'A-1', name: null, quantity: '1.5', unitPrice: '12.50', taxRate: '21' },
      },
    });
    expect(row(['#7', '31.03.2025', 'lost', '', 'A-1', '1', '1', ''])).toMatchObject({
      ok: false,
      column: 'Status',
      reason: expect.stringContaining('Status "lost" is not an order status'),
    });
    expect(row(['#7', 'yesterday', '', '', 'A-1', '1', '1', ''])).toMatchObject({
      ok: false,
      column: 'Date',
    });
    expect(row(['#7', '31.03.2025', '', 'carrier pigeon', 'A-1', '1', '1', ''])).toMatchObject({
      ok: false,
      column: 'Channel',
    });
    expect(row(['#7', '31.03.2025', '', '', 'A-1', '0', '1', ''])).toMatchObject({
      ok: false,
      column: 'Qty',
    });
    expect(row(['', '31.03.2025', '', '', 'A-1', '1', '1', ''])).toMatchObject({
      ok: false,
      column: 'Order',
    });
  });
});
