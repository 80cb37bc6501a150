import { collectionErrorSentence } from './collectionErrorSentence';

const target = { accountId: '111111111111', region: 'eu-west-1' };

describe('collectionErrorSentence', () => {
  it.each([
    [
      { name: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
      "AWS refused the portal's credentials for account 111111111111 in eu-west-1 (ExpiredTokenException: The security token included in the request is expired).",
    ],
    [
      { name: 'ThrottlingException', message: 'Rate exceeded' },
      'AWS kept throttling the portal in account 111111111111 in eu-west-1 after every retry (Rate exceeded).',
    ],
    [
      { name: 'TimeoutError', message: 'Connection timed out after 5000 ms.' },
      'Collecting from account 111111111111 in eu-west-1 failed (TimeoutError: Connection timed out after 5000 ms).',
    ],
  ])('explains %j', (error, sentence) => {
    expect(collectionErrorSentence(target, error)).toBe(sentence);
  });
});
