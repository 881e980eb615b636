/** One message to put in a mailbox, as raw RFC 5322 bytes. */
export interface SeedMessage {
  folder: string;
  raw: Buffer;
  flags: string[];
  internalDate: Date;
}

export interface MailUser {
  email: string;
  password: string;
}
