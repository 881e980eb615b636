import { PendingButton } from '../features/outbox/pending-button.tsx';
import { SettingsButton } from '../features/settings/settings-button.tsx';

interface TopBarProps {
  email: string;
  foldersOpen: boolean;
  onToggleFolders: () => void;
  onHelp: () => void;
  onPendingChanges: () => void;
  onSignOut: () => void;
}

export function TopBar(props: TopBarProps) {
  const { email, foldersOpen, onToggleFolders, onHelp, onPendingChanges, onSignOut } = props;
  return (
    <header className="top-bar">
      {/* Only shown on narrow screens, where the folder list is a drawer. */}
      <button
        type="button"
        className="folders-toggle"
        aria-expanded={foldersOpen}
        onClick={onToggleFolders}
      >
        Folders
      </button>
      <h1 className="brand">Petrel</h1>
      <span className="account">{email}</span>
      <PendingButton onOpen={onPendingChanges} />
      <SettingsButton />
      <button type="button" aria-haspopup="dialog" onClick={onHelp}>
        Keyboard shortcuts
      </button>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
