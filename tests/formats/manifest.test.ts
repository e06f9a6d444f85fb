import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../src/formats/manifest.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/manifests/${name}`, import.meta.url), 'utf8');
const where = (r: ReturnType<typeof parseManifests>) =>
  r.diagnostics.map((d) => [d.line, d.column, d.severity, d.path]);

describe('parseManifests: valid files', () => {
  it('reads the nginx Deployment + Service + HPA multi-document file', () => {
    const r = parseManifests(fixture('nginx.yaml'), 'nginx.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'apps/v1 Deployment nginx-deployment',
      'v1 Service nginx-service',
      'autoscaling/v2 HorizontalPodAutoscaler nginx-deployment',
    ]);
    const dep = r.objects[0];
    if (dep?.kind !== 'Deployment') throw new Error('expected a Deployment');
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0]?.resources).toEqual({
      requests: { cpu: 250, memory: 64 * 2 ** 20 },
      limits: { cpu: 500, memory: 128 * 2 ** 20 },
    });
    const hpa = r.objects[2];
    if (hpa?.kind !== 'HorizontalPodAutoscaler') throw new Error('expected an HPA');
    expect(hpa.spec.metrics?.[0]?.resource.target).toEqual({
      type: 'Utilization',
      averageUtilization: 50,
    });
  });

  it('accepts every quantity form the API server accepts', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: q}',
      'spec:',
      '  containers:',
      '  - name: c',
      '    image: x',
      '    resources:',
      '      requests: {cpu: "0.5", memory: 1G}',
      '      limits: {cpu: 1, memory: 1e9}',
    ].join('\n');
    const r = parseManifests(text, 'q.yaml');
    expect(r.diagnostics).toEqual([]);
    const p = r.objects[0];
    if (p?.kind !== 'Pod') throw new Error('expected a Pod');
    expect(p.spec.containers[0]?.resources?.requests).toEqual({ cpu: 500, memory: 1e9 });
  });

  it('returns nothing for an empty file and skips empty documents', () => {
    expect(parseManifests('', 'e.yaml')).toEqual({ objects: [], diagnostics: [] });
    expect(
      parseManifests(
        '---\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n',
        'n.yaml',
      ).objects,
    ).toHaveLength(1);
  });
});

describe('parseManifests: refusals worded like the API server, with positions', () => {
  it('reports a selector that does not match the template labels', () => {
    const r = parseManifests(fixture('invalid-selector.yaml'), 'invalid-selector.yaml');
    expect(r.objects).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        file: 'invalid-selector.yaml',
        line: 12,
        column: 7,
        path: 'spec.template.metadata.labels',
        message:
          'spec.template.metadata.labels: Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`',
        severity: 'error',
      },
    ]);
  });

  it('reports every invalid field of a document in position order', () => {
    const r = parseManifests(fixture('invalid-fields.yaml'), 'invalid-fields.yaml');
    expect(r.objects).toEqual([]);
    expect(where(r)).toEqual([
      [4, 3, 'error', 'metadata.name'],
      [6, 3, 'error', 'spec.replicas'],
      [13, 7, 'error', 'spec.strategy.rollingUpdate.maxUnavailable'],
      [20, 11, 'error', 'spec.template.spec.containers[0].image'],
      [22, 13, 'error', 'spec.template.spec.containers[0].resources.requests'],
      [23, 15, 'error', 'spec.template.spec.containers[0].resources.requests.cpu'],
      [29, 1, 'warning', 'kind'],
      [34, 1, 'error', 'apiVersion'],
    ]);
    const msg = r.diagnostics.map((d) => d.message);
    expect(msg[0]).toMatch(
      /^metadata\.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of/,
    );
    expect(msg[1]).toBe('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(msg[2]).toBe(
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    expect(msg[3]).toBe('spec.template.spec.containers[0].image: Required value');
    expect(msg[4]).toBe(
      'spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    );
    expect(msg[5]).toBe(
      'spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "abc": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    expect(msg[6]).toBe('kind Ingress is not simulated; the object is ignored');
    expect(msg[7]).toBe('no matches for kind "Deployment" in version "extensions/v1beta1"');
  });

  it('keeps valid documents when another document is invalid', () => {
    const text = `${fixture('invalid-selector.yaml')}---\n${fixture('nginx.yaml')}`;
    const r = parseManifests(text, 'mixed.yaml');
    expect(r.objects.map((o) => o.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
    ]);
    expect(r.diagnostics).toHaveLength(1);
  });

  it('reports YAML syntax errors with their position instead of throwing', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n', 'bad.yaml');
    expect(r.objects).toEqual([]);
    expect(r.diagnostics[0]?.severity).toBe('error');
    expect(r.diagnostics[0]?.message).toMatch(/^error converting YAML to JSON: /);
    expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('requires apiVersion, kind, metadata.name and containers', () => {
    expect(parseManifests('metadata:\n  name: x\n', 'a.yaml').diagnostics[0]?.message).toBe(
      'error validating data: [apiVersion not set, kind not set]',
    );
    const r = parseManifests(
      'apiVersion: v1\nkind: Pod\nmetadata: {}\nspec:\n  containers: []\n',
      'b.yaml',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'metadata.name: Required value: name or generateName is required',
      'spec.containers: Required value',
    ]);
  });

  it('applies DNS-1035 rules to Service names and checks ports', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  type: Magic\n  ports:\n  - port: 70000\n';
    const msgs = parseManifests(text, 's.yaml').diagnostics.map((d) => d.message);
    expect(msgs[0]).toMatch(
      /^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of/,
    );
    expect(msgs).toContain(
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(msgs).toContain(
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });

  it('checks HPA bounds and a restartPolicy other than Always in a Deployment', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: 5\n  maxReplicas: 2\n';
    expect(parseManifests(hpa, 'h.yaml').diagnostics.map((d) => d.message)).toEqual([
      'spec.minReplicas: Invalid value: 5: must be less than or equal to maxReplicas',
    ]);
    const dep =
      fixture('nginx.yaml')
        .split('---')[0]
        ?.replace('      containers:', '      restartPolicy: Never\n      containers:') ?? '';
    expect(parseManifests(dep, 'd.yaml').diagnostics.map((d) => d.message)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });
});

describe('parseManifests: HPA replica bounds of the wrong type', () => {
  it('reports a string minReplicas/maxReplicas as a type error at its line:col', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: one\n  maxReplicas: 2.5\n';
    const r = parseManifests(hpa, 'h.yaml');
    expect(r.diagnostics.map((d) => [d.file, d.line, d.column, d.path, d.message])).toEqual([
      [
        'h.yaml',
        7,
        3,
        'spec.minReplicas',
        'spec.minReplicas: Invalid value: "one": must be an integer',
      ],
      [
        'h.yaml',
        8,
        3,
        'spec.maxReplicas',
        'spec.maxReplicas: Invalid value: 2.5: must be an integer',
      ],
    ]);
  });
});

describe('parseManifests: a kind Kubernetes does not have', () => {
  const doc = (apiVersion: string, kind: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\nspec: {}\n`;

  it('a misspelt built-in kind is an error, as kubectl apply reports it (no matches for kind)', () => {
    // kubectl: resource mapping not found … no matches for kind "Servise" in version "v1".
    for (const [apiVersion, kind] of [
      ['v1', 'Servise'],
      ['apps/v1', 'Deployement'],
      ['autoscaling/v2', 'HorizontalPodAutoScaler'],
    ] as const) {
      const r = parseManifests(doc(apiVersion, kind), 'typo.yaml');
      expect(r.objects).toEqual([]);
      expect(r.diagnostics.map((d) => [d.severity, d.path, d.line, d.message])).toEqual([
        ['error', 'kind', 2, `no matches for kind "${kind}" in version "${apiVersion}"`],
      ]);
    }
  });

  it('a real kind that is not simulated, or a custom resource, stays a warning', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'ConfigMap'],
      ['v1', 'List'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['batch/v1', 'CronJob'],
      ['cert-manager.io/v1', 'Certificate'],
    ] as const) {
      const r = parseManifests(doc(apiVersion, kind), 'other.yaml');
      expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
        ['warning', `kind ${kind} is not simulated; the object is ignored`],
      ]);
    }
  });
});
