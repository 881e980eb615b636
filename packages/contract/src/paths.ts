/**
 * URL building for the web app's fetchers. Folder paths are arbitrary text, so every value
 * is encoded as exactly one path segment; Fastify's router splits on "/" first and decodes
 * each parameter after (find-my-way), so "%2F" inside a folder path arrives as "/".
 */

/** The names in `:name` segments of a URL template. */
export type PathParamNames<U extends string> = U extends `${string}:${infer P}/${infer Rest}`
  ? P | PathParamNames<`/${Rest}`>
  : U extends `${string}:${infer P}`
    ? P
    : never;

/**
 * Fills a URL template, percent-encoding each value as one path segment, so a folder
 * called `Projects/2024 50%` becomes `Projects%2F2024%2050%25` (the router decodes it back).
 */
export function buildPath<U extends string>(
  url: U,
  ...[params]: [PathParamNames<U>] extends [never] ? [] : [Record<PathParamNames<U>, string>]
): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = (params as Record<string, string> | undefined)?.[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${url}`);
    return encodeURIComponent(value);
  });
}

/** Appends a query string, leaving out undefined values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}
