#!/usr/bin/env -S node --max-semi-space-size=32
// Entry for `npx yima`: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
