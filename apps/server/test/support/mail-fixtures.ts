import { ImapFlow } from 'imapflow';
import {
  connectImap,
  startMailServer,
  type MailServer,
  type MailUser,
  type SeedMessage,
} from '@petrel/test-mailserver';

/** Test data and servers for the mail service tests. */

export const alice: MailUser = { email: 'alice@petrel.test', password: 'alice-password' };

/**
 * A private Dovecot with alice's INBOX already created by Dovecot itself: the maildir seeder
 * would otherwise create the INBOX directory as root, and Dovecot then cannot lock it.
 */
export async function startServer(): Promise<MailServer> {
  const server = await startMailServer({ users: [alice] });
  const client = await connectImap(server, alice);
  await client.status('INBOX', { messages: true });
  await client.logout();
  return server;
}

/**
 * A client with QRESYNC enabled, as the session pool is to open them; `onCommand` sees every
 * command line sent (imapflow's debug log), to count round trips.
 */
export async function connectQresync(
  server: Pick<MailServer, 'host' | 'port'>,
  onCommand?: (line: string) => void,
): Promise<ImapFlow> {
  const ignore = () => {};
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: alice.email, pass: alice.password },
    qresync: true,
    disableAutoIdle: true,
    logger: {
      debug: (entry: { src?: string; msg?: string }) => {
        if (entry.src === 'c' && entry.msg) onCommand?.(entry.msg);
      },
      info: ignore,
      warn: ignore,
      error: ignore,
    },
  });
  await client.connect();
  return client;
}

export interface TextMessageInput {
  subject: string;
  body?: string;
  date?: Date;
  from?: string;
  headers?: string;
}

export function textMessage(input: TextMessageInput): Buffer {
  const date = input.date ?? new Date('2025-01-02T03:04:05Z');
  const id = input.subject.replace(/[^A-Za-z0-9]/g, '') || 'x';
  return crlf(
    `From: ${input.from ?? 'Bob <bob@example.com>'}\nTo: Alice <alice@petrel.test>\n` +
      `Subject: ${input.subject}\nDate: ${date.toUTCString()}\nMessage-ID: <${id}@example.com>\n` +
      `${input.headers ?? ''}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n` +
      `${input.body ?? `Body of ${input.subject}`}\n`,
  );
}

export function seed(
  folder: string,
  raw: Buffer,
  flags: string[] = [],
  internalDate = new Date('2025-01-02T03:04:05Z'),
): SeedMessage {
  return { folder, raw, flags, internalDate };
}

/** 1×1 transparent PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/**
 * multipart/mixed [ related [ alternative [ plain (QP), html with cid: ], png cid ],
 * text/html attachment, pdf with an RFC 2231 non-ASCII filename ]. Parts: 1.1.1 plain,
 * 1.1.2 html, 1.2 png, 2 evil.html, 3 pdf.
 */
export function richMessage(): Buffer {
  return crlf(`From: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>
To: alice@petrel.test
Subject: =?UTF-8?B?UXVhcnRhbHNiZXJpY2h0IOKAkyBNw6Ryeg==?=
Date: Mon, 03 Mar 2025 10:00:00 +0000
Message-ID: <rich@example.com>
References: <a@example.com>
 <b@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hello Alice =E2=80=94 the chart is below.
--alt
Content-Type: text/html; charset=utf-8

<p>Hello <b>Alice</b> &amp; team</p><img src="cid:chart@petrel">
--alt--
--rel
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-ID: <chart@petrel>
Content-Disposition: inline; filename="chart.png"

${PNG_BASE64}
--rel--
--outer
Content-Type: text/html; charset=utf-8; name="evil.html"
Content-Disposition: attachment; filename="evil.html"

<script>alert(document.cookie)</script>
--outer
Content-Type: application/pdf
Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%E2%82%AC.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK
--outer--
`);
}

/** A message whose part 2 is a base64 attachment of `bytes` octets (a repeating pattern). */
export function bigAttachmentMessage(bytes: number): { raw: Buffer; content: Buffer } {
  const content = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) content[i] = (i * 31 + (i >> 10)) & 0xff;
  const base64 = content.toString('base64').replace(/.{76}/g, '$&\r\n');
  const head = crlf(`From: bob@example.com
To: alice@petrel.test
Subject: Big file
Message-ID: <big@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

See attachment.
--b
Content-Type: application/octet-stream; name="big.bin"
Content-Disposition: attachment; filename="big.bin"
Content-Transfer-Encoding: base64

`);
  return { raw: Buffer.concat([head, Buffer.from(`${base64}\r\n--b--\r\n`)]), content };
}

function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
}
