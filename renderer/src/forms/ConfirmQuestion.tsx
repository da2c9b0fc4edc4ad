import { useId, type ReactNode } from 'react';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** focus the confirm button when the question appears (the next thing to answer) */
  autoFocus?: boolean;
  /** shown inside the question while the answer is on its way */
  working?: ReactNode;
}

/** The inline "are you sure" of a step that cannot be taken back (restore, closing the kiosk). */
export function ConfirmQuestion(props: Props) {
  const id = useId();
  const { busy } = props;
  return (
    <div
      className="notice notice-warning"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      aria-busy={busy}
    >
      <h4 id={`${id}-title`}>{props.title}</h4>
      <p id={`${id}-text`}>{props.text}</p>
      {busy && props.working}
      <div className="actions actions-start">
        <button
          type="button"
          className="primary"
          autoFocus={props.autoFocus}
          aria-disabled={busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button
          type="button"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) props.onCancel();
          }}
        >
          {props.cancelLabel}
        </button>
      </div>
    </div>
  );
}
