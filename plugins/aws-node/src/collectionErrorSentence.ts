const CREDENTIAL_ERRORS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'CredentialsProviderError',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidSignatureException',
]);

/**
 * Turns an error from collecting one account × region into the sentence the
 * portal shows beside that account's stale data.
 */
/**
 * @public
 */
export function collectionErrorSentence(
  target: { accountId: string; region: string },
  error: unknown,
): string {
  const e = error as { name?: string; message?: string; Code?: string };
  const name = e?.name ?? e?.Code ?? 'Error';
  const message = (e?.message ?? String(error)).trim().replace(/\.$/, '');
  const where = `account ${target.accountId} in ${target.region}`;
  if (CREDENTIAL_ERRORS.has(name)) {
    return `AWS refused the portal's credentials for ${where} (${name}: ${message}).`;
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') {
    return `AWS kept throttling the portal in ${where} after every retry (${message}).`;
  }
  return `Collecting from ${where} failed (${name}: ${message}).`;
}
