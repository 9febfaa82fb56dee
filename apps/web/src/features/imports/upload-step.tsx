import type { TImport, TImportObjectType } from '@kap/shared';
import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileUpload, IconRefresh } from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import classes from './imports.module.css';
import { cancelImport, uploadImport } from './imports-api.ts';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'windows-1252', 'windows-1257'];
const DELIMITERS = [',', ';', '\t', '|'] as const;

type TProps = {
  current: TImport | null;
  onUploaded: (item: TImport) => void;
  onNext: () => void;
};

/**
 * Step 1: the file (drag and drop or choose) and what it holds; Kap detects the format, encoding
 * and delimiter, shown here and changeable (the file is read again with the choice).
 */
export function UploadStep({ current, onUploaded, onNext }: TProps) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [objectType, setObjectType] = useState<TImportObjectType>(current?.objectType ?? 'person');
  const [file, setFile] = useState<File | null>(null);
  const [isDragging, setDragging] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shape = current?.shape ?? null;

  const send = async (chosen: File, options: { encoding?: string; delimiter?: string } = {}) => {
    setBusy(true);
    setError(null);
    try {
      const uploaded = await uploadImport(chosen, { objectType, ...options });
      // Read again with other options: the earlier upload of the same file is not needed any more.
      if (current && current.status === 'uploaded') await cancelImport(current.id).catch(() => undefined);
      setFile(chosen);
      onUploaded(uploaded);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void send(dropped);
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t('imports.upload.objectType')}
        </Text>
        <SegmentedControl
          value={objectType}
          onChange={(value) => setObjectType(value as TImportObjectType)}
          disabled={Boolean(current)}
          data={[
            { value: 'person', label: t('imports.objectTypes.person') },
            { value: 'company', label: t('imports.objectTypes.company') },
            { value: 'activity', label: t('imports.objectTypes.activity') },
            { value: 'product', label: t('imports.objectTypes.product') },
            { value: 'order', label: t('imports.objectTypes.order') },
          ]}
          data-testid="import-object-type"
          w="fit-content"
        />
      </Stack>
      <button
        type="button"
        className={classes.dropzone}
        data-dragging={isDragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        onClick={() => input.current?.click()}
        data-testid="import-dropzone"
      >
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconFileUpload size={26} />
        </ThemeIcon>
        <Text component="span" display="block" fw={600}>
          {isBusy ? t('imports.upload.uploading') : t('imports.upload.drop')}
        </Text>
        <Text component="span" display="block" size="sm" c="dimmed">
          {t('imports.upload.formats')}
        </Text>
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0];
          if (chosen) void send(chosen);
          event.currentTarget.value = '';
        }}
        data-testid="import-file-input"
      />
      {error !== null && (
        <Alert color="red" title={t('imports.upload.failed')} data-testid="import-upload-error">
          {describeError(error, t)}
        </Alert>
      )}
      {current && shape && (
        <Card withBorder data-testid="import-detected">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>{current.fileName}</Text>
              <Text size="sm" c="dimmed">
                {t('imports.upload.columnsAndSize', {
                  columns: formatNumber(shape.headers.length),
                  size: formatNumber(Math.max(1, Math.round(current.fileSize / 1024))),
                })}
              </Text>
            </Group>
            <Group gap="md" align="flex-end">
              <Select
                label={t('imports.upload.format')}
                value={shape.format}
                data={[
                  { value: 'csv', label: 'CSV' },
                  { value: 'xlsx', label: 'Excel (.xlsx)' },
                ]}
                disabled
                w={140}
              />
              {shape.format === 'csv' && (
                <>
                  <Select
                    label={t('imports.upload.encoding')}
                    value={shape.encoding}
                    data={[...new Set([...(shape.encoding ? [shape.encoding] : []), ...ENCODINGS])]}
                    onChange={(value) =>
                      file &&
                      value &&
                      void send(file, { encoding: value, delimiter: shape.delimiter ?? undefined })
                    }
                    disabled={!file || isBusy}
                    w={170}
                    data-testid="import-encoding"
                  />
                  <Select
                    label={t('imports.upload.delimiter')}
                    value={shape.delimiter}
                    data={DELIMITERS.map((d) => ({
                      value: d,
                      label: t(`imports.delimiters.${delimiterName(d)}`),
                    }))}
                    onChange={(value) =>
                      file &&
                      value &&
                      void send(file, { delimiter: value, encoding: shape.encoding ?? undefined })
                    }
                    disabled={!file || isBusy}
                    w={170}
                    data-testid="import-delimiter"
                  />
                </>
              )}
              {file && (
                <Button
                  variant="subtle"
                  leftSection={<IconRefresh size={16} />}
                  onClick={() => void send(file)}
                  loading={isBusy}
                >
                  {t('imports.upload.detectAgain')}
                </Button>
              )}
            </Group>
            {!file && (
              <Text size="xs" c="dimmed">
                {t('imports.upload.chooseAgainToChange')}
              </Text>
            )}
          </Stack>
        </Card>
      )}
      <Group justify="flex-end">
        <Button onClick={onNext} disabled={!current || !shape || isBusy} data-testid="import-next">
          {t('imports.wizard.next')}
        </Button>
      </Group>
    </Stack>
  );
}

function delimiterName(delimiter: string): 'comma' | 'semicolon' | 'tab' | 'pipe' {
  if (delimiter === ';') return 'semicolon';
  if (delimiter === '\t') return 'tab';
  if (delimiter === '|') return 'pipe';
  return 'comma';
}
