import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { saveOfflineSettings, useOfflineSettings } from '../../data/index.ts';
import type { OfflineSettings } from '../../data/index.ts';

/** The limit of sync/prefetch-parts.ts ATTACHMENT_LIMIT_BYTES, in words. */
const ATTACHMENT_LIMIT_TEXT = '1 MB';

/**
 * What this device downloads for offline reading. Opened messages are always kept (within
 * the storage limit); this adds Inbox mail fetched in the background.
 */
export function OfflineForm() {
  const saved = useOfflineSettings();
  const [draft, setDraft] = useState(() => toDraft(saved));
  const [result, setResult] = useState<string | null>(null);
  const headingId = useId();

  const update = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setResult(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings = fromDraft(draft);
    const ok = settings !== null && saveOfflineSettings(settings);
    setResult(ok ? 'Saved.' : 'Not saved: check the numbers (storage limit 5 MB or more).');
  };

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Offline reading</h3>
      <form className="settings-form" onSubmit={submit}>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={draft.prefetch}
            onChange={(event) => update({ prefetch: event.target.checked })}
          />
          Download Inbox mail in the background
        </label>
        <fieldset disabled={!draft.prefetch}>
          <legend>Which messages</legend>
          <label className="settings-check">
            <input
              type="radio"
              name="scope"
              checked={draft.scope === 'days'}
              onChange={() => update({ scope: 'days' })}
            />
            From the last
            <input
              type="number"
              aria-label="Days"
              min={1}
              max={3650}
              value={draft.days}
              onChange={(event) => update({ scope: 'days', days: event.target.value })}
            />
            days
          </label>
          <label className="settings-check">
            <input
              type="radio"
              name="scope"
              checked={draft.scope === 'count'}
              onChange={() => update({ scope: 'count' })}
            />
            The newest
            <input
              type="number"
              aria-label="Messages"
              min={1}
              max={5000}
              value={draft.count}
              onChange={(event) => update({ scope: 'count', count: event.target.value })}
            />
            messages
          </label>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={draft.saveAttachments}
              onChange={(event) => update({ saveAttachments: event.target.checked })}
            />
            Also save attachments up to {ATTACHMENT_LIMIT_TEXT}
          </label>
        </fieldset>
        <label className="settings-field">
          Storage limit (MB)
          <input
            type="number"
            min={5}
            max={10000}
            value={draft.capMb}
            onChange={(event) => update({ capMb: event.target.value })}
          />
        </label>
        <p className="settings-hint">
          Beyond the limit, the mail read least recently is removed from this device first; mail
          with changes not yet sent is always kept.
        </p>
        <div className="settings-submit">
          <button type="submit">Save</button>
          <span role="status">{result}</span>
        </div>
      </form>
    </section>
  );
}

interface Draft {
  prefetch: boolean;
  scope: 'days' | 'count';
  days: string;
  count: string;
  capMb: string;
  saveAttachments: boolean;
}

function toDraft(settings: OfflineSettings): Draft {
  return {
    prefetch: settings.prefetch,
    scope: settings.scope.kind,
    days: String(settings.scope.kind === 'days' ? settings.scope.days : 30),
    count: String(settings.scope.kind === 'count' ? settings.scope.count : 200),
    capMb: String(settings.capMb),
    saveAttachments: settings.saveAttachments,
  };
}

/** Null when a number is missing; the data layer validates the ranges. */
function fromDraft(draft: Draft): OfflineSettings | null {
  const days = Number(draft.days);
  const count = Number(draft.count);
  const capMb = Number(draft.capMb);
  if (![days, count, capMb].every(Number.isInteger)) return null;
  return {
    prefetch: draft.prefetch,
    scope: draft.scope === 'days' ? { kind: 'days', days } : { kind: 'count', count },
    capMb,
    saveAttachments: draft.saveAttachments,
  };
}
