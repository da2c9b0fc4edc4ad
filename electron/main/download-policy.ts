import { basename, isAbsolute, join } from 'node:path';

export type DownloadDecision = { action: 'save'; path: string } | { action: 'refuse'; message: string };

/**
 * No download opens a Save dialog (a dialog that browses the file system is a way out of the
 * kiosk, and guest data could be saved anywhere): a file goes into the export folder the
 * maintainer configured, under its own name only, or is refused with where to configure it.
 */
export function decideDownload(exportFolder: string | null, suggestedName: string): DownloadDecision {
  if (!exportFolder || !isAbsolute(exportFolder)) {
    return {
      action: 'refuse',
      message:
        'No export folder is configured: a maintainer sets "exportFolder" in the kiosk\'s settings.json ' +
        '(the data folder) to an absolute folder path, then the export is saved there.',
    };
  }
  return { action: 'save', path: join(exportFolder, safeFileName(suggestedName)) };
}

/** The page names the file; only its last path part counts, without control or path characters. */
function safeFileName(name: string): string {
  const last = basename(name.replaceAll('\\', '/'));
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f<>:"|?*]/gu, '_').replace(/^\.+/u, '');
  return clean === '' ? 'snowdesk-export.csv' : clean;
}
