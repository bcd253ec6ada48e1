#!/usr/bin/env node
// The `referwell` command (built to dist/cli.js). Everything happens in main.ts.
import { nodeIo } from './io';
import { main } from './main';

// A closed pipe (`referwell plan | head`) ends the output, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), nodeIo());
