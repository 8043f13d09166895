// Image references are read the way the runtime reads them (distribution/reference with Docker
// Hub's defaults): these cases pin the corners the image rules depend on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImage, registryMatcher, usesLatest } from './images';

describe('parseImage', () => {
  const cases: [string, { registry: string; domain: string; path: string; tag?: string; digest?: string }][] = [
    ['nginx', { registry: '', domain: 'docker.io', path: 'library/nginx' }],
    ['nginx:1.27', { registry: '', domain: 'docker.io', path: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7', { registry: '', domain: 'docker.io', path: 'bitnami/redis', tag: '7' }],
    ['docker.io/nginx', { registry: 'docker.io', domain: 'docker.io', path: 'library/nginx' }],
    ['index.docker.io/library/busybox:1', { registry: 'index.docker.io', domain: 'docker.io', path: 'library/busybox', tag: '1' }],
    ['localhost/app', { registry: 'localhost', domain: 'localhost', path: 'app' }],
    ['localhost:5000/team/app', { registry: 'localhost:5000', domain: 'localhost:5000', path: 'team/app' }],
    ['registry.example.com:5000/a/b:2.0', { registry: 'registry.example.com:5000', domain: 'registry.example.com:5000', path: 'a/b', tag: '2.0' }],
    ['Registry.Example.com/app:1', { registry: 'Registry.Example.com', domain: 'registry.example.com', path: 'app', tag: '1' }],
    ['ghcr.io/org/app@sha256:abc', { registry: 'ghcr.io', domain: 'ghcr.io', path: 'org/app', digest: 'sha256:abc' }],
    ['nginx:latest@sha256:abc', { registry: '', domain: 'docker.io', path: 'library/nginx', tag: 'latest', digest: 'sha256:abc' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', domain: '[::1]:5000', path: 'app', tag: '1' }],
  ];
  for (const [raw, exp] of cases) {
    it(raw, () => {
      const ref = parseImage(raw);
      assert.ok(ref);
      assert.deepEqual({ registry: ref.registry, domain: ref.domain, path: ref.path, tag: ref.tag, digest: ref.digest }, { tag: undefined, digest: undefined, ...exp });
    });
  }
  it('leaves non-literal values alone', () => {
    for (const raw of ['', '   ', '{{ .Values.image }}', '${IMAGE}', '$(IMAGE)', 'a b']) assert.equal(parseImage(raw), undefined, raw);
  });
  it('treats a missing tag and :latest alike', () => {
    assert.equal(usesLatest(parseImage('nginx')!), true);
    assert.equal(usesLatest(parseImage('nginx:latest')!), true);
    assert.equal(usesLatest(parseImage('localhost:5000/nginx')!), true);
    assert.equal(usesLatest(parseImage('nginx:1')!), false);
  });
});

describe('registryMatcher', () => {
  const allowed = registryMatcher(['registry.example.com', 'https://ghcr.io/my-org/', '*.example.org', 'docker.io/library', '  ']);
  const yes = ['registry.example.com/x:1', 'REGISTRY.example.com/x', 'ghcr.io/my-org/a:1', 'ghcr.io/my-org/sub/a', 'eu.example.org/a', 'a.b.example.org/a', 'nginx', 'library/redis:7'];
  const no = ['registry.example.com.evil.net/x', 'ghcr.io/my-org-fake/a', 'ghcr.io/my-orgs', 'example.org/a', 'bitnami/redis', 'quay.io/x'];
  for (const raw of yes) it(`allows ${raw}`, () => assert.equal(allowed(parseImage(raw)!), true));
  for (const raw of no) it(`refuses ${raw}`, () => assert.equal(allowed(parseImage(raw)!), false));
});
