#!/usr/bin/env node
// The central service's operator CLI. It runs the TypeScript through tsx, so it needs no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`snowdesk-central: Node 22.12 or newer is required (this is ${process.version})\n`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../central/cli/central-cli.ts');
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
