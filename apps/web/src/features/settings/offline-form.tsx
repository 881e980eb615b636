import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import {
  ATTACHMENT_LIMIT_BYTES,
  saveOfflineSettings,
  useOfflineSettings,
} from '../../data/index.ts';
import type { OfflineSettings } from '../../data/index.ts';
import { formatSize } from '../ui/format.ts';

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
          <ScopeOption
            draft={draft}
            scope="days"
            before="From the last"
            after="days"
            label="Days"
            max={3650}
            update={update}
          />
          <ScopeOption
            draft={draft}
            scope="count"
            before="The newest"
            after="messages"
            label="Messages"
            max={5000}
            update={update}
          />
          <label className="settings-check">
            <input
              type="checkbox"
              checked={draft.saveAttachments}
              onChange={(event) => update({ saveAttachments: event.target.checked })}
            />
            Also save attachments up to {formatSize(ATTACHMENT_LIMIT_BYTES)}
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

/** One way to choose which Inbox mail is kept: a radio with its number field. */
function ScopeOption(props: {
  draft: Draft;
  scope: Draft['scope'];
  before: string;
  after: string;
  label: string;
  max: number;
  update(change: Partial<Draft>): void;
}) {
  const { draft, scope, before, after, label, max, update } = props;
  return (
    <label className="settings-check">
      <input
        type="radio"
        name="scope"
        checked={draft.scope === scope}
        onChange={() => update({ scope })}
      />
      {before}
      <input
        type="number"
        aria-label={label}
        min={1}
        max={max}
        value={draft[scope]}
        onChange={(event) => update({ scope, [scope]: event.target.value })}
      />
      {after}
    </label>
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
