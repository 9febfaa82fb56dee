import type { TProduct } from '@kap/shared';
import { ActionIcon, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFieldErrors } from '../../lib/form-errors.ts';
import { useMoney } from '../../lib/use-money.ts';
import { ProductPicker } from '../products/product-picker.tsx';
import { lineAmountsOf, newLineDraft, type TLineDraft } from './order-draft.ts';

type TProps = {
  lines: TLineDraft[];
  onChange: (lines: TLineDraft[]) => void;
  currency: string;
  /** Errors at `lines.<i>.<field>` (the API's and the form's paths). */
  errors: TFieldErrors;
};

/** The order's lines: product or free text, quantity, unit price, discount, tax rate or amount. */
export function OrderLinesEditor({ lines, onChange, currency, errors }: TProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const update = (index: number, change: Partial<TLineDraft>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const pickProduct = (index: number, product: TProduct | null) =>
    update(index, {
      productId: product?.id ?? null,
      productName: product?.name ?? null,
      // Empty: the line takes the product's name (shown as the placeholder) unless one is typed.
      description: '',
      // The product's price when it is in the order's currency; else the user types one.
      ...(product && product.currency === currency ? { unitPrice: product.price } : {}),
    });
  const errorAt = (i: number, field: string) => errors[`lines.${i}.${field}`];
  const numberInput = (i: number, field: 'quantity' | 'unitPrice' | 'discount', testId: string) => (
    <TextInput
      size="xs"
      inputMode="decimal"
      aria-label={t(`orders.fields.${field}`)}
      value={lines[i]?.[field] ?? ''}
      onChange={(e) => update(i, { [field]: e.currentTarget.value })}
      error={errorAt(i, field)}
      placeholder={field === 'discount' ? '0.00' : undefined}
      styles={{ input: { textAlign: 'right' } }}
      data-testid={testId}
    />
  );
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing={6} data-testid="order-editor-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.fields.item')}</Table.Th>
              <Table.Th w={80}>{t('orders.fields.quantity')}</Table.Th>
              <Table.Th w={110}>{t('orders.fields.unitPrice')}</Table.Th>
              <Table.Th w={100}>{t('orders.fields.discount')}</Table.Th>
              <Table.Th w={170}>{t('orders.fields.tax')}</Table.Th>
              <Table.Th w={110} ta="right">
                {t('orders.fields.lineTotal')}
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const amounts = lineAmountsOf(line);
              return (
                <Table.Tr key={line.key} data-testid="order-editor-line" style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Stack gap={4}>
                      <ProductPicker
                        value={line.productId}
                        valueName={line.productName}
                        onChange={(product) => pickProduct(i, product)}
                        error={errorAt(i, 'productId')}
                        testId="line-product"
                        size="xs"
                      />
                      <TextInput
                        size="xs"
                        aria-label={t('orders.editor.description')}
                        placeholder={line.productName ?? t('orders.editor.description')}
                        value={line.description}
                        onChange={(e) => update(i, { description: e.currentTarget.value })}
                        error={errorAt(i, 'description')}
                        data-testid="line-description"
                      />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{numberInput(i, 'quantity', 'line-quantity')}</Table.Td>
                  <Table.Td>{numberInput(i, 'unitPrice', 'line-unit-price')}</Table.Td>
                  <Table.Td>{numberInput(i, 'discount', 'line-discount')}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <TextInput
                        size="xs"
                        inputMode="decimal"
                        aria-label={t(
                          line.taxMode === 'rate' ? 'orders.editor.taxRate' : 'orders.editor.taxAmount',
                        )}
                        value={line.tax}
                        onChange={(e) => update(i, { tax: e.currentTarget.value })}
                        error={errorAt(i, line.taxMode === 'rate' ? 'taxRate' : 'tax')}
                        styles={{ input: { textAlign: 'right' } }}
                        w={80}
                        data-testid="line-tax"
                      />
                      <SegmentedControl
                        size="xs"
                        value={line.taxMode}
                        onChange={(mode) => update(i, { taxMode: mode === 'amount' ? 'amount' : 'rate' })}
                        data={[
                          { value: 'rate', label: '%' },
                          { value: 'amount', label: currency || '¤' },
                        ]}
                        aria-label={t('orders.editor.taxMode')}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={500} pt={4} data-testid="line-total">
                      {amounts ? money(amounts.lineTotal, currency) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      mt={2}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                      disabled={lines.length === 1}
                      aria-label={t('orders.editor.removeLine')}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.lines && (
        <Text size="xs" c="red">
          {errors.lines}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...lines, newLineDraft()])}
          data-testid="add-order-line"
        >
          {t('orders.editor.addLine')}
        </Button>
      </Group>
    </Stack>
  );
}
