function consoleBase(region: string) {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

/**
 * The alarm's page in the CloudWatch console.
 *
 * @public
 */
export function alarmConsoleUrl(region: string, alarmName: string): string {
  return `${consoleBase(region)}/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(
    alarmName,
  )}`;
}
