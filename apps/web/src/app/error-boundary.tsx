import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** The last line: a crash in any view shows what happened and a way out, not a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Petrel crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <main className="crash">
        <h1 className="brand">Petrel</h1>
        <div role="alert">
          <h2>Something went wrong</h2>
          <p>Petrel hit an error it could not recover from: {error.message || 'unknown error'}.</p>
          <p>Your mail is safe. Reloading the page usually fixes this.</p>
        </div>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
