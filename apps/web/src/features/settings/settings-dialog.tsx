import { Dialog } from '../ui/dialog.tsx';
import { OfflineForm } from './offline-form.tsx';
import { StorageSummary } from './storage-summary.tsx';
import './settings.css';

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Settings" onClose={onClose}>
      <StorageSummary />
      <OfflineForm />
    </Dialog>
  );
}
