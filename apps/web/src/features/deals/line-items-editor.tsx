import {
  computeDraftDealLineTotal,
  sumDraftDealLineTotals,
  type TLineItem,
  type TLineItemInput,
  ZLineItemInput,
} from '@kap/shared';
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type TFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { useMoney } from '../../lib/use-money.ts';
import { ProductPicker } from '../products/product-picker.tsx';

/** One line as the form holds it: text fields as typed; `key` keeps React rows stable. */
export type TLineDraft = {
  key: string;
  productId: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
};

export const newLineDraft = (): TLineDraft => ({
  key: crypto.randomUUID(),
  productId: null,
  name: '',
  quantity: '1',
  unitPrice: '',
  discountPercent: '0',
});

export const toLineDrafts = (items: readonly TLineItem[]): TLineDraft[] =>
  items.map((item) => ({
    key: crypto.randomUUID(),
    productId: item.productId,
    name: item.name,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    discountPercent: item.discountPercent,
  }));

const ZLineItems = z.array(ZLineItemInput).max(200);

const LINE_FIELD_MESSAGES = {
  quantity: 'deals.lineItems.errors.quantity',
  unitPrice: 'deals.lineItems.errors.unitPrice',
  discountPercent: 'deals.lineItems.errors.discount',
} as const;

/**
 * The request body's `lineItems`, checked with the API's own schema first: errors come back under
 * `lineItems.<i>.<field>`, the paths the server uses, so both show next to the same field.
 */
export function validateLineDrafts(
  lines: readonly TLineDraft[],
  t: TFunction,
): { data: TLineItemInput[]; errors: null } | { data: null; errors: TFieldErrors } {
  const input = lines.map((line) => ({
    productId: line.productId,
    ...(line.name.trim() || !line.productId ? { name: line.name } : {}),
    quantity: line.quantity,
    ...(line.unitPrice.trim() ? { unitPrice: line.unitPrice } : {}),
    discountPercent: line.discountPercent.trim() || '0',
  }));
  const result = validateWith(ZLineItems, input, t, (issue) => {
    const field = String(issue.path.at(-1));
    if (issue.code !== 'custom' || !Object.hasOwn(LINE_FIELD_MESSAGES, field)) return undefined;
    return t(LINE_FIELD_MESSAGES[field as keyof typeof LINE_FIELD_MESSAGES]);
  });
  if (result.errors) {
    const errors: TFieldErrors = {};
    for (const [path, message] of Object.entries(result.errors)) errors[`lineItems.${path}`] = message;
    return { data: null, errors };
  }
  // A line without a product needs a unit price (the schema leaves that rule to the server).
  const missingPrice = lines.findIndex((line) => !line.productId && !line.unitPrice.trim());
  if (missingPrice >= 0)
    return { data: null, errors: { [`lineItems.${missingPrice}.unitPrice`]: t('validation.required') } };
  return { data: result.data, errors: null };
}

function LineRow({
  line,
  index,
  currency,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  line: TLineDraft;
  index: number;
  currency: string;
  errors: TFieldErrors;
  disabled: boolean;
  onChange: (line: TLineDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [productCurrency, setProductCurrency] = useState<string | null>(null);
  const lineTotal = computeDraftDealLineTotal(line);
  const error = (field: string) => errors[`lineItems.${index}.${field}`];
  const set = (patch: Partial<TLineDraft>) => onChange({ ...line, ...patch });
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={`line-item-${index}`}>
      <Stack gap={6}>
        <Group grow align="flex-start" gap="xs">
          <ProductPicker
            value={line.productId}
            valueName={line.name}
            label={t('deals.lineItems.product')}
            disabled={disabled}
            error={error('productId')}
            testId={`line-item-${index}-product`}
            onChange={(product) => {
              setProductCurrency(product?.currency ?? null);
              set(
                product
                  ? { productId: product.id, name: product.name, unitPrice: product.price }
                  : { productId: null },
              );
            }}
          />
          <TextInput
            label={t('deals.lineItems.name')}
            value={line.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={error('name')}
            disabled={disabled}
            data-testid={`line-item-${index}-name`}
          />
        </Group>
        {productCurrency && productCurrency !== currency && (
          <Text size="xs" c="orange">
            {t('deals.lineItems.otherCurrency', { currency: productCurrency })}
          </Text>
        )}
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            label={t('deals.lineItems.quantity')}
            value={line.quantity}
            onChange={(e) => set({ quantity: e.currentTarget.value })}
            error={error('quantity')}
            inputMode="decimal"
            disabled={disabled}
            w={90}
            data-testid={`line-item-${index}-quantity`}
          />
          <TextInput
            label={`${t('deals.lineItems.unitPrice')} (${currency})`}
            value={line.unitPrice}
            onChange={(e) => set({ unitPrice: e.currentTarget.value })}
            error={error('unitPrice')}
            inputMode="decimal"
            placeholder="0.00"
            disabled={disabled}
            style={{ flex: 1 }}
            data-testid={`line-item-${index}-unit-price`}
          />
          <TextInput
            label={t('deals.lineItems.discount')}
            value={line.discountPercent}
            onChange={(e) => set({ discountPercent: e.currentTarget.value })}
            error={error('discountPercent')}
            inputMode="decimal"
            rightSection={<Text size="xs">%</Text>}
            disabled={disabled}
            w={90}
            data-testid={`line-item-${index}-discount`}
          />
          <Stack gap={0} align="flex-end" style={{ minWidth: 96 }}>
            <Text size="sm" fw={500}>
              {t('deals.lineItems.lineTotal')}
            </Text>
            <Text size="sm" mt={8} data-testid={`line-item-${index}-total`}>
              {lineTotal === null ? '—' : money(lineTotal, currency)}
            </Text>
          </Stack>
          {!disabled && (
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              onClick={onRemove}
              aria-label={t('deals.lineItems.remove')}
              data-testid={`line-item-${index}-remove`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Editable product lines with each line's total and the deal total, computed exactly as the server does. */
export function LineItemsEditor({
  lines,
  onChange,
  currency,
  errors,
  disabled = false,
}: {
  lines: TLineDraft[];
  onChange: (lines: TLineDraft[]) => void;
  currency: string;
  errors: TFieldErrors;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const total = sumDraftDealLineTotals(lines);
  return (
    <Stack gap="xs">
      {lines.map((line, index) => (
        <LineRow
          key={line.key}
          line={line}
          index={index}
          currency={currency}
          errors={errors}
          disabled={disabled}
          onChange={(next) => onChange(lines.map((l) => (l.key === line.key ? next : l)))}
          onRemove={() => onChange(lines.filter((l) => l.key !== line.key))}
        />
      ))}
      <Group justify="space-between">
        {!disabled ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...lines, newLineDraft()])}
            disabled={lines.length >= 200}
            data-testid="line-item-add"
          >
            {t('deals.lineItems.add')}
          </Button>
        ) : (
          <span />
        )}
        {lines.length > 0 && (
          <Text fw={700} data-testid="line-items-total">
            {t('deals.lineItems.total')}: {total === null ? '—' : money(total, currency)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
