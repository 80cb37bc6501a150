import { ConfigReader } from '@backstage/config';
import { readAwsPortalSettings } from './config';

describe('readAwsPortalSettings', () => {
  it('falls back to the demo account when no account is configured', () => {
    expect(readAwsPortalSettings(new ConfigReader({}))).toEqual({
      accountRegions: [],
      demo: true,
      endpoint: undefined,
      maxAttempts: 8,
    });
  });

  it('watches every aws.accounts entry in the default regions', () => {
    const settings = readAwsPortalSettings(
      new ConfigReader({
        aws: { accounts: [{ accountId: '111111111111', roleName: 'r' }] },
        awsPortal: { regions: ['us-east-1', 'us-west-2'] },
      }),
    );
    expect(settings.demo).toBe(false);
    expect(settings.accountRegions).toEqual([
      { accountId: '111111111111', region: 'us-east-1', accountName: undefined },
      { accountId: '111111111111', region: 'us-west-2', accountName: undefined },
    ]);
  });

  it('lets an account list its own regions and name', () => {
    const settings = readAwsPortalSettings(
      new ConfigReader({
        awsPortal: {
          accounts: [{ accountId: '333333333333', name: 'analytics', regions: ['eu-west-1'] }],
          demo: 'always',
        },
      }),
    );
    expect(settings).toMatchObject({ demo: true, accountRegions: [] });
  });

  it.each([
    [{ awsPortal: { regions: ['virginia'] } }, 'awsPortal.regions lists "virginia", which is not an AWS region such as us-east-1.'],
    [{ awsPortal: { accounts: [{ accountId: '42' }] } }, 'awsPortal.accounts has "42", which is not a 12-digit AWS account id.'],
    [{ awsPortal: { demo: 'sometimes' } }, 'awsPortal.demo must be auto, always or never, not "sometimes".'],
  ])('explains bad configuration %j', (data, sentence) => {
    expect(() => readAwsPortalSettings(new ConfigReader(data))).toThrow(sentence);
  });
});
