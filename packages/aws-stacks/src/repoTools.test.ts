import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cfnLintErrorsAsync } from './cfnLint';
import { withTemplateFile } from './repoTools';

describe('withTemplateFile', () => {
  it('hands over the template as JSON and removes its directory afterwards', () => {
    let seen = '';
    const read = withTemplateFile({ Resources: {} }, 'repo-tools-', file => {
      seen = file;
      return readFileSync(file, 'utf8');
    });
    expect(JSON.parse(read)).toEqual({ Resources: {} });
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it('removes the directory when the checker throws', () => {
    let seen = '';
    expect(() =>
      withTemplateFile({}, 'repo-tools-', file => {
        seen = file;
        throw new Error('checker failed');
      }),
    ).toThrow('checker failed');
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it('waits for an asynchronous checker before removing the directory', async () => {
    let seen = '';
    const pending = withTemplateFile({}, 'repo-tools-', async file => {
      seen = file;
      await new Promise(resolve => setTimeout(resolve, 10));
      return existsSync(file);
    });
    expect(existsSync(seen)).toBe(true);
    await expect(pending).resolves.toBe(true);
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it('lets cfn-lint read the file before it goes (the backend’s path)', async () => {
    const errors = await cfnLintErrorsAsync({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { Bogus: 'x' } } },
    });
    expect(errors).toEqual([expect.stringMatching(/:E3002:Additional properties are not allowed \('Bogus' was unexpected\)$/)]);
  });
});
