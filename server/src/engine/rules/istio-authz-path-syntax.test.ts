import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';
import { pathProblem } from './istio-authz-path-syntax';

const paths = (version: string, action: string, field: string, list: string) =>
  ap(version, 'prod', `  action: ${action}`, '  rules:', '  - to:', '    - operation:', `        ${field}: ${list}`);

test('pathProblem follows the Operation.paths documentation', () => {
  for (const ok of ['*', '/api', '/api/*', '*.json', '/foo/{*}', '/foo/{**}/', '/foo/{*}/bar/{**}', '/foo/{**}']) assert.equal(pathProblem(ok, 29), undefined, ok);
  for (const bad of ['/*/baz/{*}', '/**/baz/{*}', '/{**}/foo/{*}', '/foo/{*}.txt', '/api/*/users', '*api*', 'api/*', '/a?b=1', '/users/{id}']) assert.ok(pathProblem(bad, 29), bad);
  assert.ok(pathProblem('/foo/{*}', 21), 'templates need 1.22');
});

ruleTester('istio-authz-path-syntax', {
  valid: [
    { name: 'exact, prefix, suffix and presence (v1)', code: paths('v1', 'ALLOW', 'paths', '["/api", "/api/*", "*.png", "*"]') },
    { name: 'templates on Istio 1.22+ (v1beta1)', code: paths('v1beta1', 'ALLOW', 'paths', '["/users/{*}/orders", "/static/{**}"]') },
  ],
  invalid: [
    {
      name: 'a missing leading slash in a DENY policy (v1)',
      code: paths('v1', 'DENY', 'paths', '["admin/*"]'),
      errors: [{ line: 11, column: 17, endColumn: 26, message: 'paths "admin/*" in DENY policy: paths start with "/"; without it the value never matches (the requests it names are not denied)' }],
      output: paths('v1', 'DENY', 'paths', '["/admin/*"]'),
    },
    {
      name: 'a glob in the middle, a parameter and a query in ALLOW notPaths (v1beta1)',
      code: paths('v1beta1', 'ALLOW', 'notPaths', '["/api/*/admin", "/users/{id}", "/a?debug=1"]'),
      errors: [
        { line: 11, column: 20, endColumn: 34, message: 'Istio supports "*" only as the whole value, a prefix match (/api/*) or a suffix match (*.json)' },
        { line: 11, column: 36, endColumn: 49, message: '{name} is compared literally' },
        { line: 11, column: 51, endColumn: 63, message: 'query string' },
      ],
    },
    {
      name: 'a template on Istio 1.21',
      code: paths('v1', 'ALLOW', 'paths', '["/users/{*}"]'),
      options: { ruleOptions: { istioVersion: '1.21' } },
      errors: [{ line: 11, column: 17, message: 'path templates ({*}, {**}) are supported from Istio 1.22' }],
    },
    {
      name: 'an invalid template',
      code: paths('v1', 'ALLOW', 'paths', '["/{**}/foo/{*}"]'),
      errors: [{ line: 11, column: 17, message: '{**} must be the last operator of a path template (the requests it names are not allowed)' }],
    },
  ],
});
