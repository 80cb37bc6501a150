import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthWithNag } from './__testUtils__/synthCheck';
import { acknowledge } from './nag';

describe('the cdk-nag check', () => {
  it('fails synthesis on an unacknowledged finding, naming it', () => {
    expect(() =>
      synthWithNag(stack => new s3.Bucket(stack, 'Plain')),
    ).toThrow(/AwsSolutions-S1/);
  });

  it('lets an acknowledged finding through', () => {
    expect(() =>
      synthWithNag(stack => {
        const bucket = new s3.Bucket(stack, 'Plain', { enforceSSL: true });
        acknowledge(bucket, 'AwsSolutions-S1', 'Test bucket without access logs.');
        return bucket;
      }),
    ).not.toThrow();
  });
});
