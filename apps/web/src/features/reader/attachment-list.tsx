import type { Attachment } from '@petrel/contract';
import { partUrl, useOfflineParts } from '../../data/index.ts';
import { formatSize } from '../ui/format.ts';
import { Icon } from '../ui/icon.tsx';

/** Raster formats shown as previews; SVG is left out, it is a document more than a picture. */
const PREVIEWABLE = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/;

/** Rendered only for a message with attachments. */
export function AttachmentList({
  messageId,
  attachments,
}: {
  messageId: string;
  attachments: readonly Attachment[];
}) {
  // Parts kept for offline use (see useOfflineParts) open from the cache, also offline.
  const saved = useOfflineParts(messageId, attachments);
  return (
    <section aria-label="Attachments" className="attachments">
      <ul className="attachment-list">
        {attachments.map((attachment) => {
          const name = attachment.filename ?? `Part ${attachment.part}`;
          const local = saved.get(attachment.part);
          return (
            <li key={attachment.part} className="attachment">
              {PREVIEWABLE.test(attachment.contentType) && (
                <img
                  className="attachment-preview"
                  src={local ?? partUrl(messageId, attachment.part, { inline: true })}
                  alt={`Preview of ${name}`}
                  loading="lazy"
                />
              )}
              <Icon name="paperclip" />
              <span className="attachment-name">{name}</span>
              <span className="attachment-size">{formatSize(attachment.size)}</span>
              <a
                href={local ?? partUrl(messageId, attachment.part)}
                download={local ? name : true}
                aria-label={`Download ${name}`}
              >
                Download
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
