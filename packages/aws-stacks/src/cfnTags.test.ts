import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { taggableResourceTypes, untaggedResources } from './cfnTags';
import { everyKind } from './__testUtils__/stackConfigs';
import { createPlatformApp } from './platformStack';
import { ENVIRONMENT_PROFILES } from './profiles';
import { PLATFORM_TAG_KEYS } from './tags';

jest.setTimeout(240_000);

const synthesized = ENVIRONMENT_PROFILES.flatMap(everyKind).map(config => {
  const { app, stack } = createPlatformApp(config, mkdtempSync(join(tmpdir(), 'cfn-tags-')));
  app.synth();
  return { name: `${config.kind} (${config.environment})`, template: Template.fromStack(stack).toJSON() };
});
const types = synthesized.flatMap(s => Object.values<{ Type: string }>(s.template.Resources).map(r => r.Type));
const taggable = taggableResourceTypes(types);

it('tags every resource CloudFormation can tag, in every kind of stack and profile', () => {
  expect(synthesized.flatMap(s => untaggedResources(s.template, taggable).map(line => `${s.name}: ${line}`))).toEqual([]);
});

it('reads taggability from CloudFormation’s schemas, and names what an untagged resource lacks', () => {
  // The two types CDK cannot tag, and a type that takes no tags at all.
  expect(taggableResourceTypes(['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup', 'AWS::EC2::SecurityGroupIngress'])).toEqual({
    'AWS::ApplicationAutoScaling::ScalableTarget': 'Tags',
    'AWS::RDS::DBProxyTargetGroup': 'Tags',
  });
  const template = {
    Resources: {
      Listed: { Type: 'AWS::SNS::Topic', Properties: { Tags: [{ Key: 'Project', Value: 'CRM-System' }] } },
      Mapped: { Type: 'AWS::SSM::Parameter', Properties: { Tags: Object.fromEntries(PLATFORM_TAG_KEYS.map(k => [k, 'x'])) } },
      Bare: { Type: 'AWS::SNS::Topic', Properties: {} },
      Rule: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: {} },
    },
  };
  const rest = PLATFORM_TAG_KEYS.filter(k => k !== 'Project').join(', ');
  expect(untaggedResources(template, taggableResourceTypes(['AWS::SNS::Topic', 'AWS::SSM::Parameter', 'AWS::EC2::SecurityGroupIngress']))).toEqual([
    `Listed (AWS::SNS::Topic) lacks ${rest}`,
    `Bare (AWS::SNS::Topic) lacks ${PLATFORM_TAG_KEYS.join(', ')}`,
  ]);
});

it('tags the types CDK cannot tag through a property', () => {
  const billing = synthesized.find(s => s.name === 'service-with-database (production)')!;
  for (const type of ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::RDS::DBProxyTargetGroup']) {
    const [resource] = Object.values<any>(billing.template.Resources).filter(r => r.Type === type);
    expect(resource.Properties.Tags).toContainEqual({ Key: 'CostCenter', Value: 'finance-consulting' });
  }
});
