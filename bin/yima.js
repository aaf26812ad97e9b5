#!/bin/sh
':' //; exec node --max-semi-space-size=32 --heap-growing-percent=25 --expose-gc "$0" "$@"
// Entry for `npx yima`: runs the compiled CLI (built by `npm ci` through the prepare script). The two
// lines above start node with the flags of src/cli/node-flags.ts; `node bin/yima.js` works as well.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
