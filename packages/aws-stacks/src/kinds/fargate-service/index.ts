import { type FargateServiceInput, fargateServiceSchema, type FargateServiceProps, PlatformFargateService } from '../../FargateService';
import { PRICE_TABLE } from '../../prices';
import { defineStackKind, platformOf, type StackPart } from '../stackKind';

/** An ECS Fargate service behind the environment's load balancer. @public */
export const servicePart: StackPart<FargateServiceInput> = {
  id: 'Service',
  schema: fargateServiceSchema,
  withStack: (value, where) => ({ ...value, environment: where.environment }),
  build(scope, input, site) {
    const built = new PlatformFargateService(scope, this.id, { ...input, platform: platformOf(site) });
    return { alarms: built.alarms, clientConnections: built.service.connections };
  },
  estimate(s: FargateServiceProps, _where, add) {
    const spotShare = s.spotWeight / (s.fargateWeight + s.spotWeight);
    const perTaskHour = (s.cpu / 1024) * PRICE_TABLE.fargate.vcpuHour + (s.memoryMiB / 1024) * PRICE_TABLE.fargate.gbHour;
    const blended = perTaskHour * (1 - spotShare * PRICE_TABLE.fargate.spotDiscount);
    add(`Fargate: ${s.desiredCount} × ${s.cpu} CPU / ${s.memoryMiB} MiB (${Math.round(spotShare * 100)} % Spot)`, s.desiredCount * blended * PRICE_TABLE.hoursPerMonth);
  },
};

/** @public */
export const fargateServiceKind = defineStackKind({ kind: 'fargate-service', inEnvironment: true, parts: { service: servicePart } });
