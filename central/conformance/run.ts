import { InboxChannel } from '../../shared/sync/wire.js';
import { type CheckResult, runSuite } from './suite.js';

/**
 * `npm run conformance -- URL [--tokens T1,T2,T3,T4] [--channel-key CHANNEL:KEY]`
 * Tokens and the channel key may also come from SNOWDESK_CONFORMANCE_TOKENS and
 * SNOWDESK_CONFORMANCE_CHANNEL_KEY. The tokens must be fresh: the suite enrols them.
 */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const args = process.argv.slice(2);
const url = args.find((arg) => /^https?:\/\//.test(arg));
const tokens = (option(args, '--tokens') ?? process.env.SNOWDESK_CONFORMANCE_TOKENS ?? '')
  .split(',')
  .filter(Boolean);
const channelText = option(args, '--channel-key') ?? process.env.SNOWDESK_CONFORMANCE_CHANNEL_KEY;
if (!url || tokens.length !== 4) {
  process.stderr.write(
    'usage: npm run conformance -- URL --tokens T1,T2,T3,T4 [--channel-key CHANNEL:KEY]\n',
  );
  process.stderr.write(
    '  four fresh device tokens (snowdesk-central enrol-device prints codes; its --token-only prints tokens)\n',
  );
  process.exit(2);
}
const [channel, ...keyParts] = (channelText ?? '').split(':');
const parsedChannel = InboxChannel.safeParse(channel);
const print = (r: CheckResult): void => {
  const mark = r.outcome === 'passed' ? 'ok  ' : r.outcome === 'skipped' ? 'skip' : 'FAIL';
  process.stdout.write(`${mark}  ${r.name}${r.detail ? `\n        ${r.detail}` : ''}\n`);
};
const results = await runSuite(
  {
    url,
    tokens: [tokens[0] ?? '', tokens[1] ?? '', tokens[2] ?? '', tokens[3] ?? ''],
    ...(parsedChannel.success && keyParts.length > 0
      ? { channelKey: { channel: parsedChannel.data, key: keyParts.join(':') } }
      : {}),
  },
  print,
);
const passed = results.filter((r) => r.outcome === 'passed').length;
const failed = results.filter((r) => r.outcome === 'failed').length;
const skipped = results.filter((r) => r.outcome === 'skipped').length;
process.stdout.write(`conformance: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed > 0 ? 1 : 0;
