export * from './audit.schema.ts';
export * from './auth.schema.ts';
export * from './common.schema.ts';
export * from './errors.ts';
export * from './people.schema.ts';
export * from './permissions.ts';
