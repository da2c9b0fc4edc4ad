import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { useWrite } from '../forms/use-write.js';

/**
 * In kiosk mode the window refuses every other way out (close, Alt+F4, Ctrl+Q): the maintainer's
 * quit is the one door, confirmed here and audited by the core (app.quit) before Electron's main
 * process quits. In the preview nothing quits; the page says the kiosk is closing.
 */
export function QuitKiosk() {
  const { t } = useTranslation();
  const titleId = useId();
  const confirmId = useId();
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);
  const { write, refusal, busy } = useWrite();
  const opener = useRef<HTMLButtonElement>(null);

  async function quit(): Promise<void> {
    if (busy) return;
    if ((await write('app.quit', {})) !== null) setClosing(true);
  }

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('maintainer.quit.title')}</h3>
      <p className="muted">{t('maintainer.quit.explain')}</p>
      {closing ? (
        <p role="status">{t('maintainer.quit.closing')}</p>
      ) : (
        <div className="actions actions-start">
          <button
            type="button"
            ref={opener}
            aria-expanded={confirming}
            onClick={() => {
              setConfirming(true);
            }}
          >
            {t('maintainer.quit.open')}
          </button>
        </div>
      )}
      {confirming && !closing && (
        <div
          className="notice notice-warning"
          role="alertdialog"
          aria-labelledby={`${confirmId}-title`}
          aria-describedby={`${confirmId}-text`}
          aria-busy={busy}
        >
          <h4 id={`${confirmId}-title`}>{t('maintainer.quit.confirmTitle')}</h4>
          <p id={`${confirmId}-text`}>{t('maintainer.quit.confirm')}</p>
          <div className="actions actions-start">
            {/* the question is the next thing to answer: focus goes to it, not to the page body */}
            <button
              type="button"
              className="primary"
              autoFocus
              aria-disabled={busy}
              onClick={() => void quit()}
            >
              {t('maintainer.quit.confirmButton')}
            </button>
            <button
              type="button"
              aria-disabled={busy}
              onClick={() => {
                if (busy) return;
                setConfirming(false);
                opener.current?.focus();
              }}
            >
              {t('maintainer.quit.cancel')}
            </button>
          </div>
        </div>
      )}
      <RefusalNotice refusal={refusal} />
    </section>
  );
}
