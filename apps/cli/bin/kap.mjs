#!/usr/bin/env node
// Runs the TypeScript CLI in this same process (signals, locks and exit codes stay ours).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
