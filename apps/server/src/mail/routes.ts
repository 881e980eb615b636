import {
  PART_SECURITY_HEADERS,
  decodeMessageId,
  parseStateToken,
  routes,
  type MessageList,
  type MessageRef,
} from '@petrel/contract';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../plugins/api-error.ts';
import { actionsService } from './actions.ts';
import { folderChanges } from './changes.ts';
import { createFolder, deleteFolder, renameFolder } from './folder-admin.ts';
import { listFolders } from './folder-list.ts';
import { MemoryIdempotencyLog, type IdempotencyLog } from './idempotency-log.ts';
import { DEFAULT_BODY_LIMITS, getMessageBody, type BodyLimits } from './message-body.ts';
import { keptPageJson } from './kept-page.ts';
import { listMessages } from './message-list.ts';
import { withPartStream, withRawStream, type PartStream } from './message-part.ts';

export interface MailRoutesOptions {
  /** Where action results are kept for replays; in memory by default. */
  idempotencyLog?: IdempotencyLog;
  bodyLimits?: BodyLimits;
}

/**
 * The mail half of the API (docs/api.md): folders, message lists, changes, bodies, parts
 * and actions, each registered with its contract route schema. The app provides the rest:
 * the zod validator and serializer (plugins/api-contract.ts), the session check that sets
 * `request.session` and `request.imap` on every contract `auth: true` route
 * (auth/auth-plugin.ts), the CSRF guard, and the error handler that turns the ApiErrors
 * thrown here into ErrorResponse bodies.
 */
export const mailRoutes: FastifyPluginAsync<MailRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const actions = actionsService(options.idempotencyLog ?? new MemoryIdempotencyLog());
  const bodyLimits = options.bodyLimits ?? DEFAULT_BODY_LIMITS;
  const at = <R extends { method: string; url: string }>(r: R) => ({
    method: r.method,
    url: r.url,
  });

  app.route({
    ...at(routes.folders),
    schema: routes.folders.schema,
    handler: async (request) => ({ folders: await listFolders(request.imap) }),
  });

  app.route({
    ...at(routes.createFolder),
    schema: routes.createFolder.schema,
    handler: async (request, reply) =>
      reply.code(201).send(await createFolder(request.imap, request.body.path)),
  });

  app.route({
    ...at(routes.renameFolder),
    schema: routes.renameFolder.schema,
    handler: async (request) =>
      renameFolder(request.imap, request.params.folder, request.body.newPath),
  });

  app.route({
    ...at(routes.deleteFolder),
    schema: routes.deleteFolder.schema,
    handler: async (request, reply) => {
      await deleteFolder(request.imap, request.params.folder);
      return reply.code(204).send();
    },
  });

  app.route({
    ...at(routes.messages),
    schema: routes.messages.schema,
    handler: async (request, reply) => {
      const list = await listMessages(request.imap, request.params.folder, request.query);
      const json = keptPageJson(list);
      if (json === undefined) return list;
      // A string with a JSON content type goes out as it is (fastify skips the serializer);
      // the type provider only knows the object it was made from.
      return reply.type('application/json; charset=utf-8').send(json as unknown as MessageList);
    },
  });

  app.route({
    ...at(routes.changes),
    schema: routes.changes.schema,
    handler: async (request) => {
      const since = parseStateToken(request.query.since);
      if (!since) throw new ApiError('bad_request', 'Not a folder state token.');
      return folderChanges(request.imap, request.params.folder, since, request.query.limit);
    },
  });

  app.route({
    ...at(routes.message),
    schema: routes.message.schema,
    handler: async (request) => getMessageBody(request.imap, refOf(request.params.id), bodyLimits),
  });

  app.route({
    ...at(routes.part),
    schema: routes.part.schema,
    handler: async (request, reply) => {
      const inline = InlineQuerySchema.safeParse(request.query).data?.inline === '1';
      const ref = refOf(request.params.id);
      await withPartStream(request.imap, ref, request.params.part, { inline }, (part) =>
        streamPart(reply, part),
      );
      return reply;
    },
  });

  app.route({
    ...at(routes.raw),
    schema: routes.raw.schema,
    handler: async (request, reply) => {
      await withRawStream(request.imap, refOf(request.params.id), (raw) => streamPart(reply, raw));
      return reply;
    },
  });

  app.route({
    ...at(routes.actions),
    schema: routes.actions.schema,
    handler: async (request) => {
      return {
        results: await actions.apply(request.imap, request.session.email, request.body.ops),
      };
    },
  });
};

/**
 * Sends a part with the contract's security headers. The mailbox lock is held until the
 * response is finished or aborted (see message-part.ts); 'close' comes in both cases.
 */
async function streamPart(reply: FastifyReply, part: PartStream): Promise<void> {
  const closed = new Promise((resolve) => reply.raw.once('close', resolve));
  void reply
    .headers({
      ...PART_SECURITY_HEADERS,
      'content-type': part.contentType,
      'content-disposition': part.contentDisposition,
    })
    .send(part.content);
  await closed;
}

/** Not in the contract's part schema: `?inline=1` asks for `inline` on raster images. */
const InlineQuerySchema = z.object({ inline: z.string().optional() });

function refOf(id: string): MessageRef {
  const ref = decodeMessageId(id);
  // The params schema already refused anything decodeMessageId cannot read.
  if (!ref) throw new ApiError('bad_request', 'Not a message id.');
  return ref;
}
