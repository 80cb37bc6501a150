/*
 * deploy/kubernetes: every manifest the kustomization lists is valid against
 * the Kubernetes schemas (kubernetes-validate from PyPI, strict: unknown
 * fields fail), and the deployment is what README "On Kubernetes" promises:
 * two or more replicas of the image started as the README starts it,
 * secrets only from Secrets, probes on Backstage's health endpoints,
 * resource requests, a PodDisruptionBudget over the same pods.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot } from './__testUtils__/startBackend';
import { readmeBlock } from './__testUtils__/readme';

const dir = resolve(repoRoot, 'deploy/kubernetes');
const kustomization = parse(readFileSync(resolve(dir, 'kustomization.yaml'), 'utf8'));
const files: string[] = kustomization.resources;
const manifests = files.flatMap(file =>
  parseAllDocuments(readFileSync(resolve(dir, file), 'utf8')).map(d => d.toJSON()),
);
const byKind = (kind: string) => manifests.filter(m => m.kind === kind);

describe('deploy/kubernetes', () => {
  it('is valid against the Kubernetes schemas, strictly', () => {
    const run = spawnSync('kubernetes-validate', ['--strict', ...files], { cwd: dir, encoding: 'utf8' });
    if (run.error) {
      throw new Error(
        `kubernetes-validate is not on PATH (${run.error.message}); scripts/test.sh installs it into .venv from scripts/requirements-test.txt`,
      );
    }
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({
      status: 0,
      output: expect.any(String),
    });
    for (const file of files) expect(run.stdout + run.stderr).toMatch(new RegExp(`INFO ${file} passed`));
  });

  const [deployment] = byKind('Deployment');
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;

  it('runs two or more replicas of the image, started as the README starts it', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const readmeStart = readmeBlock('start').match(/node packages\/backend .*$/m)![0].split(' ');
    expect(container.command.slice(0, readmeStart.length)).toEqual(readmeStart);
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'NODE_ENV', value: 'production' }]));
    const configMap = byKind('ConfigMap')[0];
    const mounted = container.command[container.command.length - 1];
    expect(Object.keys(configMap.data).map(k => `/etc/developer-portal/${k}`)).toContain(mounted);
  });

  it('takes every secret from a Secret, never a literal', () => {
    const secretish = /PASSWORD|SECRET|REDIS_URL|CLIENT_ID|METADATA_URL|POSTGRES_(HOST|USER|PORT)/;
    const env: Array<{ name: string; value?: string; valueFrom?: unknown }> = container.env;
    const secrets = env.filter(e => secretish.test(e.name));
    expect(secrets.map(e => e.name)).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD', 'REDIS_URL', 'AUTH_SESSION_SECRET', 'AUTH_OIDC_CLIENT_SECRET']),
    );
    for (const e of secrets) {
      expect({ name: e.name, value: e.value, from: e.valueFrom }).toEqual({
        name: e.name,
        value: undefined,
        from: { secretKeyRef: { name: 'portal-secrets', key: e.name } },
      });
    }
  });

  it("is ready and alive by Backstage's health endpoints, with resource requests", () => {
    expect(container.readinessProbe.httpGet.path).toBe('/.backstage/health/v1/readiness');
    expect(container.startupProbe.httpGet.path).toBe('/.backstage/health/v1/readiness');
    expect(container.livenessProbe.httpGet.path).toBe('/.backstage/health/v1/liveness');
    expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 7007 })]);
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(pod.securityContext.runAsNonRoot).toBe(true);
  });

  it('keeps a replica through a drain: a PodDisruptionBudget and a Service over the same pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    const [pdb] = byKind('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    expect(labels).toMatchObject(pdb.spec.selector.matchLabels);
    const [service] = byKind('Service');
    expect(labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe('http');
  });
});
