import type { Address } from '@petrel/contract';
import type { CachedMessage } from '../../data/index.ts';
import { formatAddress, formatFullDate } from '../ui/format.ts';

export function MessageHeader({ message }: { message: CachedMessage }) {
  return (
    <header className="reader-header">
      <h2 className="reader-subject">{message.subject || '(no subject)'}</h2>
      <dl className="reader-fields">
        <AddressField label="From" addresses={message.from} />
        <AddressField label="To" addresses={message.to} />
        <AddressField label="Cc" addresses={message.cc} />
        <dt>Date</dt>
        <dd>
          <time dateTime={message.sentDate ?? message.date}>
            {formatFullDate(message.sentDate ?? message.date)}
          </time>
        </dd>
      </dl>
    </header>
  );
}

function AddressField({ label, addresses }: { label: string; addresses: readonly Address[] }) {
  if (addresses.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{addresses.map(formatAddress).join(', ')}</dd>
    </>
  );
}
