interface RemoteContentBarProps {
  /** The sender's address, when there is one to trust. */
  sender: string | null;
  onLoadOnce: () => void;
  onAlwaysLoad: () => void;
}

export function RemoteContentBar({ sender, onLoadOnce, onAlwaysLoad }: RemoteContentBarProps) {
  return (
    <div className="remote-bar">
      <p className="remote-bar-text">
        <strong>Remote content blocked</strong>
        <span>
          {' '}
          — images from the web were not loaded, so the sender cannot tell you opened this.
        </span>
      </p>
      <button type="button" onClick={onLoadOnce}>
        Load remote content
      </button>
      {sender !== null && (
        <button type="button" onClick={onAlwaysLoad}>
          Always load from {sender}
        </button>
      )}
    </div>
  );
}
