#!/usr/bin/env node
// The maintainer CLI. It runs the core's TypeScript through tsx, so it needs no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`snowdesk: Node 22.12 or newer is required (this is ${process.version})\n`);
  process.exit(2);
}
// `snowdesk export … | head` closes the pipe early: that is the reader's choice, not a failure
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../electron/core/cli/snowdesk-cli.ts');
process.exitCode = await main(process.argv.slice(2));
