/**
 * Client routes live in the URL fragment, `#/folder/<folder>/message/<id>`, each value
 * percent-encoded as one segment (folder paths contain "/"). A fragment needs nothing from
 * the server or service worker, and a reload keeps the folder and the open message.
 */
export interface Route {
  folder: string;
  messageId: string | null;
}

export const DEFAULT_ROUTE: Route = { folder: 'INBOX', messageId: null };

export function parseRoute(hash: string): Route {
  const match = /^#\/folder\/([^/]+)(?:\/message\/([^/]+))?\/?$/.exec(hash);
  if (!match?.[1]) return DEFAULT_ROUTE;
  try {
    const folder = decodeURIComponent(match[1]);
    const messageId = match[2] === undefined ? null : decodeURIComponent(match[2]);
    return folder === '' ? DEFAULT_ROUTE : { folder, messageId };
  } catch {
    // A hand-edited URL with a broken escape.
    return DEFAULT_ROUTE;
  }
}

export function routeHref(route: Route): string {
  const folder = `#/folder/${encodeURIComponent(route.folder)}`;
  return route.messageId === null
    ? folder
    : `${folder}/message/${encodeURIComponent(route.messageId)}`;
}
