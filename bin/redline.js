#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the CLI is always the code in src/.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
