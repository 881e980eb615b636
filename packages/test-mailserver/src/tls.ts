import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SelfSignedCertificate {
  certPath: string;
  keyPath: string;
  /** PEM text of the certificate; it is its own CA, so tests pass it as `ca`. */
  certPem: string;
}

/** Makes a throwaway self-signed certificate for localhost / 127.0.0.1 with openssl. */
export function makeSelfSignedCertificate(dir: string): SelfSignedCertificate {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-keyout', keyPath, '-out', certPath,
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8') };
}
