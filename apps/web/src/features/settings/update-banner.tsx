import './settings.css';

/**
 * Shown when a new version of Petrel is installed and waiting: reloading switches to it.
 * Waiting is the default so a reload never happens under someone's hands mid-sentence.
 */
export function UpdateBanner({
  onReload,
  onDismiss,
}: {
  onReload: () => void;
  onDismiss: () => void;
}) {
  return (
    <div role="status" className="update-banner">
      <span>A new version is available.</span>
      <button type="button" className="update-reload" onClick={onReload}>
        Reload
      </button>
      <button type="button" onClick={onDismiss}>
        Later
      </button>
    </div>
  );
}
