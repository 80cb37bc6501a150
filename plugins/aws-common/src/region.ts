const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * Whether the text has the shape of an AWS region name such as `us-east-1`.
 *
 * @public
 */
export function isAwsRegion(text: string): boolean {
  return REGION.test(text);
}
