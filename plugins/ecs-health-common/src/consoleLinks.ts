import type { EcsServiceSnapshot } from './types';

function consoleHost(region: string) {
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  return 'console.aws.amazon.com';
}

/**
 * Links into the AWS console for a service, its tasks and its log group.
 *
 * @public
 */
export function ecsConsoleLinks(s: EcsServiceSnapshot): {
  service: string;
  tasks: string;
  logs?: string;
} {
  const base = `https://${s.region}.${consoleHost(s.region)}`;
  const service = `${base}/ecs/v2/clusters/${encodeURIComponent(
    s.clusterName,
  )}/services/${encodeURIComponent(s.serviceName)}`;
  const logGroup = s.taskDefinition.logGroup;
  return {
    service: `${service}/health?region=${s.region}`,
    tasks: `${service}/tasks?region=${s.region}`,
    logs: logGroup
      ? `${base}/cloudwatch/home?region=${s.region}#logsV2:log-groups/log-group/${encodeURIComponent(
          encodeURIComponent(logGroup),
        )}`
      : undefined,
  };
}
