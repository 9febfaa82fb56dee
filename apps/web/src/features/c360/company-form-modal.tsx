import { COMPANY_SIZES, type TCompany, type TCreateCompanyRequest } from '@kap/shared';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  ExternalIdsEditor,
  externalIdRowsOf,
  externalIdsOfRows,
} from '../../components/external-ids-editor.tsx';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { useMembers } from '../members/use-members.ts';
import { createCompany, updateCompany } from './c360-api.ts';
import { CompanyPicker } from './company-picker.tsx';
import { CustomFieldInput } from './custom-field-input.tsx';
import { useCustomFields } from './use-c360.ts';

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
  'RUB',
  'TRY',
  'JPY',
  'CNY',
];

type TProps = { opened: boolean; onClose: () => void; company?: TCompany; parentName?: string };

export function CompanyFormModal({ opened, onClose, company, parentName }: TProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { members } = useMembers();
  const fields = (useCustomFields('company').data?.data ?? []).filter((f) => !f.isArchived);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [name, setName] = useState(company?.name ?? '');
  const [domains, setDomains] = useState<string[]>(company?.domains ?? []);
  const [industry, setIndustry] = useState(company?.industry ?? '');
  const [size, setSize] = useState<string | null>(company?.size ?? null);
  const [revenue, setRevenue] = useState(company?.annualRevenue ?? '');
  const [currency, setCurrency] = useState<string | null>(company?.currency ?? null);
  const [parentId, setParentId] = useState<string | null>(company?.parentCompanyId ?? null);
  const [ownerId, setOwnerId] = useState<string | null>(company?.ownerId ?? null);
  const [tags, setTags] = useState<string[]>(company?.tags ?? []);
  const [externalIdRows, setExternalIdRows] = useState(() => externalIdRowsOf(company?.externalIds ?? []));
  // Where each sent external id sits in the form, as of the last save (errors name the sent index).
  const toExternalIdRowPath = useRef((path: string) => path);
  const [custom, setCustom] = useState<Record<string, unknown>>({ ...(company?.customFields ?? {}) });

  const mutation = useMutation({
    mutationFn: () => {
      const { externalIds, toRowPath } = externalIdsOfRows(externalIdRows);
      toExternalIdRowPath.current = toRowPath;
      const body: TCreateCompanyRequest = {
        name: name.trim(),
        domains,
        industry: industry.trim() || null,
        size: size as TCreateCompanyRequest['size'],
        annualRevenue: revenue.trim() || null,
        currency: revenue.trim() ? currency : null,
        parentCompanyId: parentId,
        ownerId,
        tags,
        externalIds,
        customFields: custom,
      };
      return company
        ? updateCompany(company.id, company.version, body)
        : createCompany(body, idempotencyKey.current);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(['companies', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
      notifications.show({
        color: 'teal',
        message: t(company ? 'c360.company.saved' : 'c360.company.created', { name: saved.name }),
      });
      onClose();
      if (!company) await navigate(`/companies/${saved.id}`);
    },
  });
  const errors = new Map(
    isApiError(mutation.error)
      ? mutation.error.details.map((d) => [d.path.split('.')[0] ?? d.path, d.message] as const)
      : [],
  );
  const externalIdErrors = Object.fromEntries(
    Object.entries(fieldErrorsOf(mutation.error)).map(([path, message]) => [
      toExternalIdRowPath.current(path),
      message,
    ]),
  );
  const customErrors = new Map(
    isApiError(mutation.error) ? mutation.error.details.map((d) => [d.path, d.message] as const) : [],
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={company ? t('c360.company.editTitle', { name: company.name }) : t('c360.company.newTitle')}
      size="lg"
    >
      <Stack
        gap="sm"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) mutation.mutate();
        }}
        data-testid="company-form"
      >
        {mutation.isError && errors.size === 0 && (
          <Alert color="red">
            {isApiError(mutation.error, 'PRECONDITION_FAILED')
              ? t('c360.company.conflict')
              : describeError(mutation.error, t)}
          </Alert>
        )}
        <TextInput
          required
          data-autofocus
          label={t('fields.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.get('name')}
          data-testid="company-name"
        />
        <TagsInput
          label={t('c360.company.domains')}
          placeholder="example.com"
          value={domains}
          onChange={setDomains}
          error={errors.get('domains')}
          data-testid="company-domains"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('c360.company.industry')}
            value={industry}
            onChange={(e) => setIndustry(e.currentTarget.value)}
            data-testid="company-industry"
          />
          <Select
            label={t('c360.company.size')}
            clearable
            data={COMPANY_SIZES.map((s) => ({ value: s, label: t('c360.company.sizeBand', { band: s }) }))}
            value={size}
            onChange={setSize}
          />
          <TextInput
            label={t('c360.company.revenue')}
            inputMode="decimal"
            placeholder="1250000.00"
            value={revenue}
            onChange={(e) => setRevenue(e.currentTarget.value)}
            error={errors.get('annualRevenue')}
          />
          <Select
            label={t('c360.fields.currency')}
            searchable
            clearable
            data={CURRENCIES}
            value={currency}
            onChange={setCurrency}
            error={errors.get('currency')}
          />
          <CompanyPicker
            label={t('c360.company.parent')}
            value={parentId}
            names={parentId && parentName ? { [parentId]: parentName } : {}}
            onChange={setParentId}
            excludeId={company?.id}
          />
          <Select
            label={t('fields.owner')}
            clearable
            searchable
            data={members.map((m) => ({ value: m.userId, label: m.name }))}
            value={ownerId}
            onChange={setOwnerId}
          />
        </SimpleGrid>
        <TagsInput label={t('c360.fields.tags')} value={tags} onChange={setTags} />
        <ExternalIdsEditor
          rows={externalIdRows}
          onChange={setExternalIdRows}
          errors={externalIdErrors}
          description={t('c360.company.externalIdsHint')}
          testIdPrefix="company"
        />
        {fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {fields.map((field) => (
              <CustomFieldInput
                key={field.id}
                field={field}
                value={custom[field.key] ?? null}
                onChange={(value) => setCustom((c) => ({ ...c, [field.key]: value }))}
                error={customErrors.get(`customFields.${field.key}`)}
              />
            ))}
          </SimpleGrid>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={mutation.isPending}
            disabled={!name.trim()}
            data-testid="company-save"
          >
            {company ? t('common.save') : t('c360.company.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
