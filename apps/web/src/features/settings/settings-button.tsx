import { Suspense, useState } from 'react';
import { LazySettingsDialog } from '../../app/deferred-parts.ts';

/** The header's Settings button and the dialog it opens. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Settings
      </button>
      <Suspense fallback={null}>
        {open && <LazySettingsDialog onClose={() => setOpen(false)} />}
      </Suspense>
    </>
  );
}
