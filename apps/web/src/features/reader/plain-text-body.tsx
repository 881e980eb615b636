import { useMemo, useState } from 'react';
import { linkify, splitQuotes } from './linkify.ts';

/**
 * Plain-text mail: links built as elements from linkify's pieces (never parsed as HTML),
 * and each run of quoted lines folded behind a button.
 */
export function PlainTextBody({ text }: { text: string }) {
  const blocks = useMemo(() => splitQuotes(text), [text]);
  return (
    <div className="plain-body">
      {blocks.map((block, index) =>
        block.quoted ? (
          <QuotedText key={index} text={block.text} />
        ) : (
          <LinkedText key={index} text={block.text} />
        ),
      )}
    </div>
  );
}

function QuotedText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="quoted">
      <button
        type="button"
        className="quoted-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide quoted text' : 'Show quoted text'}
      </button>
      {open && (
        <blockquote className="quoted-text">
          <LinkedText text={text} />
        </blockquote>
      )}
    </div>
  );
}

function LinkedText({ text }: { text: string }) {
  return (
    <p className="plain-text">
      {linkify(text).map((piece, index) =>
        piece.kind === 'link' ? (
          <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}
