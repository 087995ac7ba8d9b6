/** Node's TLS failures as every network driver passes them on: certificate checks and handshake errors. */
import { collectErrorCodes, errorMessageOf } from './errors';

/** OpenSSL's certificate verification codes (X509_V_ERR_* as Node names them) and Node's TLS codes. */
const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'EPROTO',
]);

/** True when the error (or one it wraps) is a TLS handshake or certificate failure. */
export function isTlsError(error: unknown): boolean {
  if (
    collectErrorCodes(error).some(
      (code) => certificateCodes.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'),
    )
  )
    return true;
  return /self[- ]signed certificate|certificate has expired|unable to verify the first certificate|unable to get (local )?issuer certificate|Hostname\/IP does not match certificate|wrong version number|SSL routines|TLS handshake/i.test(
    messagesOf(error),
  );
}

/** The messages of an error and of the errors it wraps, joined: drivers often put the TLS cause inside. */
function messagesOf(error: unknown, depth = 0): string {
  if (depth > 4 || typeof error !== 'object' || error === null) return depth === 0 ? errorMessageOf(error) : '';
  const nested = error as { cause?: unknown; originalError?: unknown; errors?: unknown };
  const inner = [
    nested.cause,
    nested.originalError,
    ...(Array.isArray(nested.errors) ? (nested.errors as unknown[]) : []),
  ];
  return [errorMessageOf(error), ...inner.map((e) => messagesOf(e, depth + 1))].filter(Boolean).join(' | ');
}
