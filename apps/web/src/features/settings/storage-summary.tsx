import { useId, useState } from 'react';
import { requestPersistentStorage, useOfflineSettings, useStorageInfo } from '../../data/index.ts';
import { formatSize, plural } from '../ui/format.ts';

/** Storage used by the offline cache and by Petrel as a whole, and whether it is kept. */
export function StorageSummary() {
  const { info, refresh } = useStorageInfo();
  const settings = useOfflineSettings();
  const [asking, setAsking] = useState(false);
  const headingId = useId();

  const ask = async () => {
    setAsking(true);
    await requestPersistentStorage();
    setAsking(false);
    refresh();
  };

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Storage</h3>
      {info === undefined ? (
        <p>Measuring…</p>
      ) : (
        <dl className="settings-facts">
          <dt>Offline mail</dt>
          <dd>
            {info.cache === null
              ? 'Unknown'
              : `${plural(info.cache.messages, 'message', 'messages')}, ${formatSize(info.cache.bytes)} of ${formatSize(settings.capMb * 1024 * 1024)}`}
          </dd>
          <dt>Used by Petrel in this browser</dt>
          <dd>
            {info.usage === null || info.quota === null
              ? 'The browser does not say.'
              : `${formatSize(info.usage)} of ${formatSize(info.quota)} available`}
          </dd>
          <dt>Persistent storage</dt>
          <dd>
            {info.persisted === true && 'Granted: the browser keeps offline mail.'}
            {info.persisted === false && (
              <>
                Not granted: the browser may clear offline mail when space runs low.{' '}
                <button type="button" disabled={asking} onClick={() => void ask()}>
                  Ask again
                </button>
              </>
            )}
            {info.persisted === null && 'Not supported by this browser.'}
          </dd>
        </dl>
      )}
    </section>
  );
}
