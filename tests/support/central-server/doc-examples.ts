import { type BoxKeyPair, demoBoxKeyPair } from './sealing.js';

/**
 * The examples of docs/sync-protocol.md, as the docs test reads them. Every fenced block of
 * the document that shows a message is preceded by `<!-- example: <schema name> -->`, so no
 * example escapes validation; the sealed values in them are real, made with the demo key pairs
 * below, whose private keys the document publishes as test vectors.
 */
export const DEMO_CENTRAL_KEY_LABEL = 'snowdesk sync v1 demo central key: published, never use';
export const DEMO_DEVICE_KEY_LABEL = 'snowdesk sync v1 demo device key: published, never use';

/** Needs sodium to be ready (sodiumReady()). */
export function demoKeys(): { central: BoxKeyPair; device: BoxKeyPair } {
  return { central: demoBoxKeyPair(DEMO_CENTRAL_KEY_LABEL), device: demoBoxKeyPair(DEMO_DEVICE_KEY_LABEL) };
}

export interface DocBlock {
  /** the name in the example comment; null for a fenced block without one */
  name: string | null;
  /** the fence's language: json, text, http, ... */
  lang: string;
  text: string;
  /** 1-based line of the opening fence, for error messages */
  line: number;
}

const EXAMPLE_COMMENT = /^<!--\s*example:\s*([a-z0-9-]+)\s*-->$/;

/** Every fenced block, with the example name of the comment right above it (blank lines allowed). */
export function docBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let pendingName: string | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    const comment = EXAMPLE_COMMENT.exec(line);
    if (comment) {
      pendingName = comment[1] ?? null;
      continue;
    }
    const fence = /^```([a-z]*)$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i += 1; i < lines.length && (lines[i] ?? '').trim() !== '```'; i += 1) body.push(lines[i] ?? '');
      blocks.push({ name: pendingName, lang: fence[1] ?? '', text: body.join('\n'), line: start + 1 });
      pendingName = null;
      continue;
    }
    if (line !== '') pendingName = null;
  }
  return blocks;
}
