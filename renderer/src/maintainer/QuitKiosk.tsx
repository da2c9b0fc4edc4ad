import { useId, useRef, useState } from 'react';
import { ConfirmQuestion } from '../forms/ConfirmQuestion.js';
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
        // the question is the next thing to answer: focus goes to it, not to the page body
        <ConfirmQuestion
          title={t('maintainer.quit.confirmTitle')}
          text={t('maintainer.quit.confirm')}
          confirmLabel={t('maintainer.quit.confirmButton')}
          cancelLabel={t('maintainer.quit.cancel')}
          busy={busy}
          autoFocus
          onConfirm={() => void quit()}
          onCancel={() => {
            setConfirming(false);
            opener.current?.focus();
          }}
        />
      )}
      <RefusalNotice refusal={refusal} />
    </section>
  );
}
