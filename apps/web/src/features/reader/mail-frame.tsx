/**
 * Sandboxed mail: no `allow-scripts`, no `allow-same-origin` (an opaque origin with no
 * access to Petrel), only popups so links can open in a new tab outside the sandbox.
 */
export const MAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * The one frame a mail is parsed and laid out in. It is not sized to its content: it fills
 * the rest of the reading pane (reader.css) and scrolls inside.
 *
 * Why not measure the content: the frame's document is opaque to the app by design, so a
 * height can only come from laying the mail out a second time somewhere the app can read.
 * A same-origin twin frame costs a second full parse and layout (the 200 KB newsletter
 * twice per open). Laying the sanitised DOM out in the app's own document (a shadow root)
 * is cheaper but not faithful: the mail's media queries and vw/vh units would answer for
 * the app's window instead of the frame's width (responsive newsletters switch layout at
 * ~600 px, which the reading pane often is), `body`/`html` rules would not apply, and the
 * measurement would have to be redone on every pane resize. Filling the pane is exact for
 * every mail by construction, costs no script on open, and follows width changes for free.
 */
export function MailFrame({ srcDoc, onLoad }: { srcDoc: string; onLoad?: () => void }) {
  return (
    <iframe
      className="mail-frame"
      title="Message body"
      sandbox={MAIL_FRAME_SANDBOX}
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={onLoad}
    />
  );
}
