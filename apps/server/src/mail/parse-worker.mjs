// Runs postal-mime on one message in a worker thread, so the caller can stop a parse that
// takes too long or too much memory (worker.terminate(), resourceLimits) without blocking
// the server's event loop. Plain JS: a worker starts in bare Node, outside tsx and vitest.
// The worker is started ahead of need (parse-mime.ts keeps one spare) and waits for its
// one message; it is terminated after answering, so no state outlives a parse.
import { parentPort } from 'node:worker_threads';
import PostalMime from 'postal-mime';

parentPort.once('message', async ({ raw, maxHeaders, maxHeaderValue }) => {
  const email = await PostalMime.parse(new Uint8Array(raw), {
    // An attached message is offered as a download; its text is not this message's text.
    forceRfc822Attachments: true,
    attachmentEncoding: 'arraybuffer',
  });
  parentPort.postMessage({
    html: email.html ?? null,
    text: email.text ?? null,
    headers: email.headers
      .slice(0, maxHeaders)
      .map((header) => ({ key: header.originalKey, value: header.value.slice(0, maxHeaderValue) })),
  });
});
