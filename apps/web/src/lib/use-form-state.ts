import type { ChangeEvent } from 'react';
import { useCallback, useState } from 'react';
import { type TFieldErrors, withoutError } from './form-errors.ts';

type TStringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** Controlled form values plus per-field errors; editing a field clears its error. */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<TFieldErrors>({});

  const setValue = useCallback(<K extends keyof T & string>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => withoutError(current, key));
  }, []);

  /** Props for a Mantine text input bound to a string field; `name` matches the API field. */
  const textProps = <K extends TStringKeys<T>>(key: K) => ({
    name: key,
    value: values[key] as string,
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(key, event.currentTarget.value as T[K]),
  });

  return { values, setValues, setValue, errors, setErrors, textProps };
}
