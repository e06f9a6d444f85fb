import { describe, expect, it } from 'vitest';
import {
  parseImageReference,
  shortImageName,
  validateImageField,
} from '../../src/formats/image-uri.ts';

const HEX = 'a'.repeat(64);
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function ok(ref: string) {
  const r = parseImageReference(ref);
  if (!r.ok) throw new Error(`expected ${ref} to parse: ${r.error}`);
  return r.ref;
}
function err(ref: string): string {
  const r = parseImageReference(ref);
  if (r.ok) throw new Error(`expected ${ref} to be rejected`);
  return r.error;
}

describe('Docker Hub normalisation', () => {
  it('expands a bare official image to docker.io/library/<name>:latest', () => {
    const ref = ok('nginx');
    expect(ref).toEqual({
      registry: 'docker-hub',
      registryHost: 'docker.io',
      repository: 'library/nginx',
      tag: 'latest',
      canonical: 'docker.io/library/nginx:latest',
    });
  });
  it('keeps an explicit tag and an organisation namespace', () => {
    expect(ok('nginx:1.27').canonical).toBe('docker.io/library/nginx:1.27');
    expect(ok('amazon/aws-cli').canonical).toBe('docker.io/amazon/aws-cli:latest');
    expect(ok('index.docker.io/library/redis:7').canonical).toBe('docker.io/library/redis:7');
  });
  it('treats host:port as a registry, not a tag', () => {
    const ref = ok('localhost:5000/app');
    expect(ref.registry).toBe('other');
    expect(ref.registryHost).toBe('localhost:5000');
    expect(ref.tag).toBe('latest');
  });
});

describe('ECR references', () => {
  it('extracts account, region, repository and tag', () => {
    const ref = ok(`${ECR}/team-a/web-app:v1`);
    expect(ref.registry).toBe('ecr');
    expect(ref.accountId).toBe('123456789012');
    expect(ref.region).toBe('us-east-1');
    expect(ref.repository).toBe('team-a/web-app');
    expect(ref.tag).toBe('v1');
  });
  it('accepts a sha256 digest and sets no default tag', () => {
    const ref = ok(`${ECR}/web@sha256:${HEX}`);
    expect(ref.digest).toBe(`sha256:${HEX}`);
    expect(ref.tag).toBeUndefined();
    expect(ref.canonical).toBe(`${ECR}/web@sha256:${HEX}`);
  });
  it('rejects an account id that is not 12 digits', () => {
    expect(err('12345.dkr.ecr.us-east-1.amazonaws.com/web:v1')).toMatch(/12-digit account ID/);
  });
  it('recognises ECR Public', () => {
    const ref = ok('public.ecr.aws/nginx/nginx:latest');
    expect(ref.registry).toBe('ecr-public');
    expect(ref.repository).toBe('nginx/nginx');
  });
});

describe('invalid references', () => {
  it('rejects uppercase repository names with Docker wording', () => {
    expect(err('Nginx')).toBe(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    );
  });
  it('rejects short or non-hex digests', () => {
    expect(err(`nginx@sha256:${'a'.repeat(63)}`)).toBe('invalid checksum digest length');
    expect(err(`nginx@sha256:${'g'.repeat(64)}`)).toBe('invalid checksum digest format');
  });
  it('rejects bad separators, bad tags, spaces, and overlong names', () => {
    expect(err('my_-app')).toBe('invalid reference format');
    expect(err('nginx:-bad')).toBe('invalid reference format');
    expect(err('ngi nx')).toBe('invalid reference format');
    expect(err(`${ECR}/${'a'.repeat(300)}`)).toMatch(/longer than 255/);
    expect(err(`${ECR}/a`)).toMatch(/2-256/);
  });
  it('accepts the documented separators (., _, __, -+)', () => {
    for (const name of ['a.b', 'a_b', 'a__b', 'a---b', 'team/app.v2'])
      expect(ok(name).registry).toBe('docker-hub');
  });
});

describe('validateImageField', () => {
  it('reports a missing image with the ECS ClientException text', () => {
    const r = validateImageField('', 'containerDefinitions[0].image');
    expect(r).toEqual({
      ok: false,
      issue: {
        path: 'containerDefinitions[0].image',
        message: 'Container.image should not be null or empty.',
      },
    });
  });
  it('quotes the bad image and round-trips a short name', () => {
    const bad = validateImageField('Web:1', 'x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issue.message).toContain('Invalid image "Web:1"');
    const good = validateImageField('nginx:1.27', 'x');
    expect(good.ok && shortImageName(good.ref)).toBe('nginx:1.27');
  });
});
