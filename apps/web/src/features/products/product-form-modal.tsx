import type { TCreateProductRequest, TProduct } from '@kap/shared';
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { CustomFieldInput } from '../c360/custom-field-input.tsx';
import { useCustomFields } from '../c360/use-c360.ts';
import { createProduct, updateProduct } from './products-api.ts';

const CURRENCIES = [
  'EUR',
  'USD',
  'AMD',
  'GEL',
  'GBP',
  'CHF',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
  'CZK',
  'UAH',
  'TRY',
  'JPY',
];

type TProps = { onClose: () => void; product?: TProduct; categories: string[] };

/** Create or edit a product; the price is typed and sent as an exact decimal string. */
export function ProductFormModal({ onClose, product, categories }: TProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = (useCustomFields('product').data?.data ?? []).filter((f) => !f.isArchived);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [category, setCategory] = useState<string | null>(product?.category ?? null);
  const [description, setDescription] = useState(product?.description ?? '');
  const [price, setPrice] = useState(product?.price ?? '');
  const [currency, setCurrency] = useState<string | null>(product?.currency ?? 'EUR');
  const [isActive, setActive] = useState(product?.isActive ?? true);
  const [custom, setCustom] = useState<Record<string, unknown>>({ ...(product?.customFields ?? {}) });

  const mutation = useMutation({
    mutationFn: () => {
      const body: TCreateProductRequest = {
        sku: sku.trim(),
        name: name.trim(),
        category: category?.trim() || null,
        description: description.trim() || null,
        price: price.trim(),
        currency: currency ?? '',
        isActive,
        customFields: custom,
      };
      return product
        ? updateProduct(product.id, product.version, body)
        : createProduct(body, idempotencyKey.current);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      notifications.show({
        color: 'teal',
        message: t(product ? 'products.saved' : 'products.created', { name: saved.name }),
      });
      onClose();
    },
  });
  const errors = new Map(
    isApiError(mutation.error) ? mutation.error.details.map((d) => [d.path, d.message] as const) : [],
  );
  const categoryOptions = [...new Set([...categories, ...(category ? [category] : [])])];

  return (
    <Modal
      opened
      onClose={onClose}
      title={product ? t('products.editTitle', { name: product.name }) : t('products.newTitle')}
      size="lg"
    >
      <Stack
        gap="sm"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
        data-testid="product-form"
      >
        {mutation.isError && errors.size === 0 && (
          <Alert color="red">{describeError(mutation.error, t)}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            required
            data-autofocus
            label={t('products.fields.sku')}
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={
              errors.get('sku') &&
              (isApiError(mutation.error, 'DUPLICATE') ? t('products.skuTaken') : errors.get('sku'))
            }
            data-testid="product-sku"
          />
          <TextInput
            required
            label={t('products.fields.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.get('name')}
            data-testid="product-name"
          />
          <Select
            label={t('products.fields.category')}
            data={categoryOptions}
            value={category}
            onChange={setCategory}
            searchable
            clearable
            onSearchChange={(value) => {
              if (value && !categoryOptions.includes(value)) setCategory(value);
            }}
            data-testid="product-category"
          />
          <Group gap="xs" grow align="flex-start">
            <TextInput
              required
              label={t('products.fields.price')}
              inputMode="decimal"
              placeholder="129.90"
              value={price}
              onChange={(e) => setPrice(e.currentTarget.value)}
              error={errors.get('price') && t('products.priceInvalid')}
              data-testid="product-price"
            />
            <Select
              required
              label={t('products.fields.currency')}
              searchable
              data={CURRENCIES}
              value={currency}
              onChange={setCurrency}
              error={errors.get('currency')}
            />
          </Group>
        </SimpleGrid>
        <Textarea
          label={t('products.fields.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Switch
          label={t('products.fields.isActive')}
          checked={isActive}
          onChange={(e) => setActive(e.currentTarget.checked)}
          data-testid="product-active"
        />
        {fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {fields.map((field) => (
              <CustomFieldInput
                key={field.id}
                field={field}
                value={custom[field.key] ?? null}
                onChange={(value) => setCustom((c) => ({ ...c, [field.key]: value }))}
                error={errors.get(`customFields.${field.key}`)}
              />
            ))}
          </SimpleGrid>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="product-submit">
            {product ? t('common.save') : t('products.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
