import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface Props {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * A crash in a screen must not show a stack trace to a guest standing at the desk, nor leave a
 * blank window: it shows a plain message and a way back. Nothing of the error is rendered.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // the name only: messages can carry what a person typed
    console.error(
      'snowdesk renderer error',
      error instanceof Error ? error.name : typeof error,
      info.componentStack ? 'in component tree' : '',
    );
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <main className="error-screen" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{t('errorBoundary.title')}</h1>
            <p>{t('errorBoundary.body')}</p>
            <button
              type="button"
              onClick={() => {
                window.location.reload();
              }}
            >
              {t('errorBoundary.reload')}
            </button>
          </main>
        )}
      </Translation>
    );
  }
}
