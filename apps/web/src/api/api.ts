import { buildPath, routes, withQuery } from '@petrel/contract';
import type {
  ActionsResponse,
  ChangesResponse,
  FolderList,
  LoginRequest,
  MessageBody,
  MessageList,
  Op,
  Session,
} from '@petrel/contract';
import { ApiError } from './errors.ts';
import { createSend } from './http.ts';
import type { HttpOptions } from './http.ts';
import { MessageListShapeSchema, sameIdentities } from './message-list-schema.ts';

/**
 * The typed API: one function per route the web app uses, each built from the contract's
 * route table (method, URL template, 200 schema). The sync engine and the hooks receive an
 * `Api`, so tests hand them a fake one.
 */
export interface Api {
  getSession(): Promise<Session>;
  login(request: LoginRequest): Promise<Session>;
  logout(): Promise<void>;
  listFolders(): Promise<FolderList>;
  listMessages(folder: string, page: { cursor?: string; limit?: number }): Promise<MessageList>;
  getChanges(folder: string, since: string, limit?: number): Promise<ChangesResponse>;
  getMessage(id: string): Promise<MessageBody>;
  /** `signal` abandons a request that takes too long (the ops are sent again later). */
  postActions(ops: Op[], signal?: AbortSignal): Promise<ActionsResponse>;
}

export function createApi(options: HttpOptions): Api {
  const send = createSend(options);
  return {
    getSession: () =>
      send(
        { method: routes.session.method, path: routes.session.url },
        routes.session.schema.response[200],
      ),
    login: (request) =>
      send(
        { method: routes.login.method, path: routes.login.url, body: request },
        routes.login.schema.response[200],
      ),
    logout: async () => {
      await send(
        { method: routes.logout.method, path: routes.logout.url },
        routes.logout.schema.response[204],
      );
    },
    listFolders: () =>
      send(
        { method: routes.folders.method, path: routes.folders.url },
        routes.folders.schema.response[200],
      ),
    listMessages: async (folder, page) => {
      // The route's schema, with ids and folders checked per page (see message-list-schema.ts).
      const list = await send(
        {
          method: routes.messages.method,
          path: withQuery(buildPath(routes.messages.url, { folder }), page),
        },
        MessageListShapeSchema,
      );
      if (!sameIdentities(list.messages)) throw ApiError.of('invalid_response', 200);
      return list;
    },
    getChanges: (folder, since, limit) =>
      send(
        {
          method: routes.changes.method,
          path: withQuery(buildPath(routes.changes.url, { folder }), { since, limit }),
        },
        routes.changes.schema.response[200],
      ),
    getMessage: (id) =>
      send(
        { method: routes.message.method, path: buildPath(routes.message.url, { id }) },
        routes.message.schema.response[200],
      ),
    postActions: (ops, signal) =>
      send(
        { method: routes.actions.method, path: routes.actions.url, body: { ops }, signal },
        routes.actions.schema.response[200],
      ),
  };
}

/** Same-origin URL of one MIME part (streamed by the server, never parsed as JSON). */
export function partPath(messageId: string, part: string): string {
  return buildPath(routes.part.url, { id: messageId, part });
}

/** URL of the SSE stream. */
export const EVENTS_PATH = routes.events.url;
