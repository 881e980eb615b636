interface TopBarProps {
  email: string;
  foldersOpen: boolean;
  onToggleFolders: () => void;
  onHelp: () => void;
  onSignOut: () => void;
}

export function TopBar({ email, foldersOpen, onToggleFolders, onHelp, onSignOut }: TopBarProps) {
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
      <button type="button" aria-haspopup="dialog" onClick={onHelp}>
        Keyboard shortcuts
      </button>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
