import {
  Anchor,
  Avatar,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash, IconWorld } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../components/confirm-modal.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { externalIdsText } from '../components/external-ids-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { deleteCompany, getCompany, listCompanyPeople } from '../features/c360/c360-api.ts';
import { CompanyFormModal } from '../features/c360/company-form-modal.tsx';
import { CompanyDuplicatesCallout } from '../features/c360/duplicates-callout.tsx';
import { useCompanyNames } from '../features/c360/person-profile-card.tsx';
import { CustomFieldValue } from '../features/c360/record-name.tsx';
import { TasksPanel } from '../features/c360/tasks-panel.tsx';
import { TimelinePanel } from '../features/c360/timeline-panel.tsx';
import { useCustomFields, useStageLabel } from '../features/c360/use-c360.ts';
import { RecordDealsCard } from '../features/deals/record-deals-card.tsx';
import { useMembers } from '../features/members/use-members.ts';
import { CustomerPurchaseCards } from '../features/orders/customer-purchase-cards.tsx';
import { personDisplayName, primaryOf } from '../features/people/person-name.ts';
import { isApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';
import { useFormat } from '../lib/use-format.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

function CompanyPeopleCard({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const query = useQuery({
    queryKey: ['companies', 'people', companyId],
    queryFn: () => listCompanyPeople(companyId),
  });
  const people = query.data?.data ?? [];
  return (
    <Card data-testid="company-people">
      <Title order={2} fz="md" mb="sm">
        {t('c360.company.people')}
      </Title>
      {query.isPending ? (
        <Skeleton h={60} />
      ) : query.isError ? (
        <Text c="red" size="sm">
          {describeError(query.error, t)}
        </Text>
      ) : people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('c360.company.noPeople')}
        </Text>
      ) : (
        <Stack gap="xs">
          {people.map((p) => (
            <Group key={p.id} gap="sm" wrap="nowrap">
              <Avatar size={28} radius="xl" color="initials" name={personDisplayName(p, t)} />
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Anchor
                  component={Link}
                  to={`/contacts/${p.id}`}
                  size="sm"
                  fw={600}
                  truncate
                  data-testid="company-person"
                >
                  {personDisplayName(p, t)}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {[p.jobTitle, primaryOf(p.emails)?.email].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {p.lifecycleStage && (
                <Badge size="xs" variant="light">
                  {stageLabel(p.lifecycleStage)}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function CompanyDetailPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { companyId = '' } = useParams();
  const permissions = usePermissions();
  const { members } = useMembers();
  const fields = (useCustomFields('company').data?.data ?? []).filter((f) => !f.isArchived);
  const [isEditOpen, edit] = useDisclosure(false);
  const [isConfirmOpen, confirm] = useDisclosure(false);
  const query = useQuery({
    queryKey: ['companies', 'detail', companyId],
    queryFn: () => getCompany(companyId),
  });
  // A merged company's id answers with the survivor: show it under its own address.
  const survivorId = query.data?.id;
  useEffect(() => {
    if (survivorId && survivorId !== companyId) void navigate(`/companies/${survivorId}`, { replace: true });
  }, [survivorId, companyId, navigate]);
  const parentId = query.data?.parentCompanyId ?? null;
  const parentNames = useCompanyNames(parentId ? [parentId] : []).data ?? {};
  const remove = useMutation({
    mutationFn: () => deleteCompany(companyId),
    onSuccess: async () => {
      confirm.close();
      void queryClient.invalidateQueries({ queryKey: ['companies', 'list'] });
      notifications.show({
        color: 'teal',
        message: t('c360.company.deleted', { name: query.data?.name ?? '' }),
      });
      await navigate('/companies', { replace: true });
    },
    onError: (error) => {
      confirm.close();
      notifications.show({ color: 'red', message: describeError(error, t) });
    },
  });

  if (query.isPending)
    return (
      <Stack gap="lg">
        <Skeleton h={40} w={320} />
        <Skeleton h={220} />
      </Stack>
    );
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        title={t('c360.company.loadOneFailed')}
        onRetry={isApiError(query.error, 'NOT_FOUND') ? undefined : () => void query.refetch()}
        action={
          <Button component={Link} to="/companies" variant="light">
            {t('nav.companies')}
          </Button>
        }
      />
    );
  const company = query.data;
  const canWrite = permissions.canWrite('companies');
  const revenue =
    company.annualRevenue && company.currency
      ? (() => {
          try {
            return new Intl.NumberFormat(undefined, { style: 'currency', currency: company.currency }).format(
              Number(company.annualRevenue),
            );
          } catch {
            return `${company.annualRevenue} ${company.currency}`;
          }
        })()
      : company.annualRevenue;

  return (
    <Stack gap="lg" data-testid="company-detail">
      <Breadcrumbs>
        <Anchor component={Link} to="/companies" size="sm">
          {t('nav.companies')}
        </Anchor>
        <span>{company.name}</span>
      </Breadcrumbs>
      <PageHeader
        documentTitle={company.name}
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="md" color="initials" name={company.name} />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Title order={1} fz={26} data-testid="company-title" style={{ overflowWrap: 'anywhere' }}>
                {company.name}
              </Title>
              <Group gap="sm" wrap="wrap">
                {company.industry && <Badge variant="light">{company.industry}</Badge>}
                {company.domains.map((d) => (
                  <Group key={d} gap={4}>
                    <IconWorld size={14} />
                    <Anchor href={`https://${d}`} target="_blank" rel="noreferrer" size="sm">
                      {d}
                    </Anchor>
                  </Group>
                ))}
                {company.tags.map((tag) => (
                  <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Group>
        }
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={edit.open}
                data-testid="edit-company-button"
              >
                {t('common.edit')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={16} />}
                onClick={confirm.open}
              >
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      <CompanyDuplicatesCallout company={company} canMerge={canWrite} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card>
              <Title order={2} fz="md" mb="md">
                {t('people.details')}
              </Title>
              <SimpleGrid cols={2} spacing="md">
                <Fact label={t('c360.company.size')}>
                  {company.size ? t('c360.company.sizeBand', { band: company.size }) : ''}
                </Fact>
                <Fact label={t('c360.company.revenue')}>{revenue}</Fact>
                <Fact label={t('c360.company.parent')}>
                  {parentId && (
                    <Anchor component={Link} to={`/companies/${parentId}`} size="sm">
                      {parentNames[parentId] ?? '…'}
                    </Anchor>
                  )}
                </Fact>
                <Fact label={t('fields.owner')}>
                  {members.find((m) => m.userId === company.ownerId)?.name}
                </Fact>
                <Fact label={t('c360.company.addresses')}>
                  {company.addresses
                    .map((a) => [a.line1, a.city, a.country].filter(Boolean).join(', '))
                    .join(' · ')}
                </Fact>
                {company.externalIds.length > 0 && (
                  <Fact label={t('c360.fields.externalIds')}>
                    <span data-testid="company-external-ids">{externalIdsText(company.externalIds)}</span>
                  </Fact>
                )}
                {fields.map((f) => (
                  <Fact key={f.id} label={f.label}>
                    <CustomFieldValue field={f} value={company.customFields[f.key]} />
                  </Fact>
                ))}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="md">
                {t('c360.company.version', { n: formatNumber(company.version) })}
              </Text>
            </Card>
            <CompanyPeopleCard companyId={company.id} />
            <RecordDealsCard companyId={company.id} />
            <CustomerPurchaseCards kind="companies" id={company.id} name={company.name} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <TasksPanel record="companies" recordId={company.id} />
            <TimelinePanel record="companies" recordId={company.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      {isEditOpen && (
        <CompanyFormModal
          opened
          onClose={edit.close}
          company={company}
          parentName={parentId ? parentNames[parentId] : undefined}
        />
      )}
      <ConfirmModal
        opened={isConfirmOpen}
        danger
        title={t('c360.company.deleteTitle')}
        message={t('c360.company.deleteMessage', { name: company.name })}
        confirmLabel={t('common.delete')}
        isLoading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={confirm.close}
      />
    </Stack>
  );
}
