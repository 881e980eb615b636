import { useAccount } from '../data/index.ts';
import { LoginScreen } from '../features/login/login-screen.tsx';
import { NoticeProvider } from '../features/notices/notice-provider.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { MailShell } from './mail-shell.tsx';

export function App() {
  return (
    <ErrorBoundary>
      <NoticeProvider>
        <AccountGate />
      </NoticeProvider>
    </ErrorBoundary>
  );
}

function AccountGate() {
  const { account, loading, reason } = useAccount();
  if (loading) {
    return (
      <main className="splash">
        <h1 className="brand">Petrel</h1>
        <p>Loading…</p>
      </main>
    );
  }
  if (account === null) return <LoginScreen notice={reason} />;
  // Keyed, so nothing of one account's view survives into another's.
  return <MailShell key={account.email} account={account} />;
}
