import type { TImport } from '@kap/shared';
import { Card, Loader, Stepper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { MappingStep } from './mapping-step.tsx';
import { PreviewStep } from './preview-step.tsx';
import { RunStep } from './run-step.tsx';
import { UploadStep } from './upload-step.tsx';
import { useImport } from './use-imports.ts';

const STEPS = ['upload', 'mapping', 'preview', 'run'] as const;
type TStep = (typeof STEPS)[number];

/**
 * The import wizard: upload → mapping → preview → run. The import's id and the step live in the
 * URL, so the wizard survives a reload and a running import can be left and opened again from the
 * imports list.
 */
export function ImportWizard({ importId }: { importId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const query = useImport(importId ?? undefined);
  const item = importId ? (query.data ?? null) : null;

  const go = (id: string, step: TStep, replace = false) =>
    void navigate(`/imports/${id}${step === 'run' ? '' : `?step=${step}`}`, { replace });
  const remember = (next: TImport) => {
    queryClient.setQueryData(['imports', 'one', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  };

  if (importId && query.isPending) return <Loader m="xl" />;
  if (importId && query.isError) {
    return (
      <ErrorState error={query.error} title={t('imports.loadFailed')} onRetry={() => void query.refetch()} />
    );
  }

  const asked = searchParams.get('step') as TStep | null;
  const step: TStep = !item
    ? 'upload'
    : item.status !== 'uploaded'
      ? 'run'
      : asked && asked !== 'run'
        ? asked
        : 'mapping';

  return (
    <Card withBorder padding="lg">
      <Stepper
        active={STEPS.indexOf(step)}
        size="sm"
        mb="xl"
        allowNextStepsSelect={false}
        data-testid="import-stepper"
      >
        {STEPS.map((s) => (
          <Stepper.Step
            key={s}
            label={t(`imports.wizard.steps.${s}`)}
            description={t(`imports.wizard.hints.${s}`)}
          />
        ))}
      </Stepper>
      {step === 'upload' && (
        <UploadStep
          current={item}
          onUploaded={(next) => {
            remember(next);
            go(next.id, 'upload', true);
          }}
          onNext={() => item && go(item.id, 'mapping')}
        />
      )}
      {step === 'mapping' && item && (
        <MappingStep
          key={item.id}
          item={item}
          onBack={() => go(item.id, 'upload')}
          onSaved={(next) => {
            remember(next);
            go(next.id, 'preview');
          }}
        />
      )}
      {step === 'preview' && item && (
        <PreviewStep
          item={item}
          onBack={() => go(item.id, 'mapping')}
          onStarted={(next) => {
            remember(next);
            go(next.id, 'run', true);
          }}
        />
      )}
      {step === 'run' && item && <RunStep item={item} />}
    </Card>
  );
}
