// The name and value heuristics behind the secret-* rules, on the names real manifests use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyValue, envNameFor, findValueSecrets, isSensitiveName, secretKeyFor, urlPassword } from './credentials';

describe('isSensitiveName', () => {
  const sensitive = [
    'PASSWORD', 'DB_PASSWORD', 'dbPassword', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'SMTP_PASS', 'REDIS_PASSWD', 'PGPASSWORD_2'.replace('PGPASSWORD', 'DB_PWD'),
    'CLIENT_SECRET', 'client-secret', 'cookie-secret', 'AWS_SECRET_ACCESS_KEY', 'JWT_SECRET', 'SECRET_KEY', 'APP_KEY',
    'API_KEY', 'apiKey', 'APIKEY', 'X_API_KEY', 'ACCESS_KEY', 'PRIVATE_KEY', 'SIGNING_KEY', 'ENCRYPTION_KEY', 'AZURE_STORAGE_ACCOUNT_KEY',
    'GITHUB_TOKEN', 'auth-token', 'BEARER', 'SLACK_BOT_TOKEN', 'VAULT_SECRET_ID', 'CREDENTIALS', 'DB_PASSWORD2', 'requirepass', 'PASSPHRASE', 'PGPASSWORD', 'ACCESSTOKEN', 'clientsecret',
  ];
  const harmless = [
    'DB_PASSWORD_FILE', 'PASSWORD_PATH', 'SECRET_NAME', 'TOKEN_TTL', 'TOKEN_URL', 'token-file', 'password-stdin', 'SECRET_MOUNT_DIR',
    'AWS_ACCESS_KEY_ID', 'TOKEN_ID', 'CACHE_KEY', 'PRIMARY_KEY', 'KEY', 'MONKEY', 'BYPASS_CACHE', 'TOKENIZER_MODEL', 'LOG_LEVEL',
    'client-id', 'upstream', 'PASSWORD_MIN_LENGTH', 'SECRETS_MANAGER_REGION', 'tls-key', 'PASSWORDLESS_LOGIN', 'TOKENS_PER_MINUTE', 'tls-secret', 'CA_SECRET', 'default-ssl-cert-secret',
  ];
  for (const n of sensitive) it(`${n} is sensitive`, () => assert.equal(isSensitiveName(n), true));
  for (const n of harmless) it(`${n} is not`, () => assert.equal(isSensitiveName(n), false));
});

describe('classifyValue', () => {
  const cases: [string, boolean, string][] = [
    ['hunter2', false, 'literal'],
    ['"quoted"', false, 'literal'],
    ['12345', false, 'literal'],
    ['changeme', false, 'literal'],
    ['', false, 'none'],
    ['   ', false, 'none'],
    ['$(DB_PASSWORD)', false, 'none'],
    ['${DB_PASSWORD}', false, 'template'],
    ['$DB_PASSWORD', false, 'template'],
    ['${DB_PASSWORD}', true, 'none'],
    ['$DB_PASSWORD', true, 'none'],
    ['$(cat /run/secrets/db)', true, 'none'],
    ['true', false, 'none'],
    ['Disabled', false, 'none'],
    ['/run/secrets/db', false, 'none'],
    ['file:///run/secrets/db', false, 'none'],
    ['https://auth.example.com/token', false, 'none'],
    ['postgres://u:pw@db/x', false, 'literal'],
    ['{{ .Values.password }}', false, 'none'],
  ];
  for (const [v, shell, kind] of cases) it(`${JSON.stringify(v)}${shell ? ' in a shell' : ''} is ${kind}`, () => assert.equal(classifyValue(v, shell), kind));
});

describe('urlPassword and findValueSecrets', () => {
  it('finds the password of a URL, not the user or host', () => {
    const s = 'jdbc:postgresql://app:S3cr3t!@db:5432/shop';
    const r = urlPassword(s)!;
    assert.equal(s.slice(r[0], r[1]), 'S3cr3t!');
  });
  it('ignores URLs without a password, with references or masked', () => {
    for (const s of ['https://user@host/x', 'redis://:$(REDIS_PASSWORD)@redis:6379', 'amqp://guest:${PASS}@mq', 'https://u:****@h', 'http://host:8080/path']) assert.equal(urlPassword(s), undefined, s);
  });
  it('finds every URL password and the shapes of known tokens', () => {
    const v = 'a=mysql://r:one@h b=mongodb://x:two@h key=AKIAIOSFODNN7EXAMPLE gh=ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    assert.deepEqual(findValueSecrets(v).map((s) => [v.slice(s.start, s.end), s.what]), [
      ['one', 'a password in a URL'],
      ['two', 'a password in a URL'],
      ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
      ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'a GitHub token'],
    ]);
  });
  it('finds private keys and JSON Web Tokens', () => {
    assert.equal(findValueSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn')[0].what, 'a private key');
    assert.equal(findValueSecrets('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')[0].what, 'a JSON Web Token');
    assert.deepEqual(findValueSecrets('-----BEGIN CERTIFICATE-----'), []);
  });
});

describe('names for the fixes', () => {
  it('derives env var names and Secret keys', () => {
    assert.equal(envNameFor('client-secret'), 'CLIENT_SECRET');
    assert.equal(envNameFor('db.password'), 'DB_PASSWORD');
    assert.equal(envNameFor('apiKey'), 'API_KEY');
    assert.equal(secretKeyFor('GITHUB_CLIENT_SECRET'), 'github-client-secret');
    assert.equal(secretKeyFor('PASSWORD_2'), 'password-2');
  });
});
