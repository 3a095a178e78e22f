#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (built to dist/src/cli by `npm run build`).
import { main } from '../dist/src/cli/index.js';

await main(process.argv);
