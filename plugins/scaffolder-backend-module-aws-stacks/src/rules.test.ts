import { AWS_REGION, AWS_TAG_VALUE } from '@internal/aws-stacks';
import { isAwsRegion, isAwsTagValue } from '@internal/plugin-aws-common';

/**
 * What the templates write (a stack's Region, its tags) the catalog and the
 * collectors read back (annotations, tag selectors): the construct library
 * (vendored into generated repositories, so it depends on no plugin) and the
 * plugins must accept and refuse the same names.
 */
describe('one rule for Regions and tag values', () => {
  it.each([
    ['us-east-1', true],
    ['eu-central-2', true],
    ['ap-southeast-11', true],
    ['us-gov-west-1', true],
    ['us-iso-east-1', true],
    ['us-isob-east-1', true],
    ['US-EAST-1', false],
    ['us-east', false],
    ['useast1', false],
    ['us-east-123', false],
    ['us-east-1 ', false],
    ['', false],
  ])('Region %j: %s', (name, valid) => {
    expect(AWS_REGION.test(name)).toBe(valid);
    expect(isAwsRegion(name)).toBe(valid);
  });

  it.each([
    ['crm-modular', true],
    ['Finance & Co', false],
    ['team:crm/alpha=1+2@x', true],
    ['Équipe données', true],
    ['a'.repeat(256), true],
    ['a'.repeat(257), false],
    ['semi;colon', false],
  ])('tag value %j: %s', (value, valid) => {
    expect(AWS_TAG_VALUE.test(value)).toBe(valid);
    expect(isAwsTagValue(value)).toBe(valid);
  });

  it('the platform requires its tags, where a tag selector may match an empty value', () => {
    expect(AWS_TAG_VALUE.test('')).toBe(false);
    expect(isAwsTagValue('')).toBe(true);
  });
});
