// Command-line scanning: which tokens carry a credential, and where exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCommandLineSecrets, type ArgvItem } from './command-line';

const argv = (command: string[], args: string[] = []): ArgvItem[] => [
  ...command.map((value, index) => ({ value, list: 'command' as const, index })),
  ...args.map((value, index) => ({ value, list: 'args' as const, index })),
];
const found = (items: ArgvItem[]): string[] => findCommandLineSecrets(items).map((s) => `${s.item.list}[${s.item.index}] ${s.label} ${JSON.stringify(s.item.value.slice(s.start, s.end))} ${s.kind} ${s.envName}`);

describe('findCommandLineSecrets', () => {
  it('flags with = and with a separate value, in command and args', () => {
    assert.deepEqual(found(argv(['/app', '--password', 'p w'], ['--client-secret=abc', '-token=xyz', '--token-file=/t'])), [
      'command[2] --password "p w" literal PASSWORD',
      'args[0] --client-secret "abc" literal CLIENT_SECRET',
      'args[1] -token "xyz" literal TOKEN',
    ]);
  });
  it('${VAR} outside a shell is a template placeholder named after the variable', () => {
    assert.deepEqual(found(argv([], ['--client-secret=${GITHUB_CLIENT_SECRET}', '--cookie-secret=$COOKIE'])), [
      'args[0] --client-secret "${GITHUB_CLIENT_SECRET}" template GITHUB_CLIENT_SECRET',
      'args[1] --cookie-secret "$COOKIE" template COOKIE',
    ]);
  });
  it('Kubernetes $(VAR) references, empty values and flags followed by another flag are not reported', () => {
    assert.deepEqual(found(argv(['/app', '--password=$(DB_PASSWORD)', '--api-key=', '--token', '--verbose'])), []);
  });
  it('shell scripts after sh -c: assignments, tool options, quotes; shell variables are references', () => {
    const script = 'set -e; export API_TOKEN="t0k"\nmysql -uroot -pS3cr3t db < x.sql && mongosh -u a -p m0ng0\nredis-cli -a $REDIS_PASSWORD; curl --user admin:hunter2 https://x';
    assert.deepEqual(found(argv(['/bin/sh', '-ec', script])), [
      'command[2] API_TOKEN= "t0k" literal API_TOKEN',
      'command[2] mysql -p "S3cr3t" literal MYSQL_PASSWORD',
      'command[2] mongosh -p "m0ng0" literal MONGO_PASSWORD',
      'command[2] curl --user "hunter2" literal HTTP_PASSWORD',
    ]);
  });
  it('args: [-c, script] with the image entrypoint counts as a shell script', () => {
    assert.deepEqual(found(argv([], ['-c', 'PGPASSWORD=$PG psql -h db && PGPASSWORD=pg1 psql'])), ['args[1] PGPASSWORD= "pg1" literal PGPASSWORD']);
  });
  it('-p means a port for other tools, and a prompt for mysql when separate', () => {
    assert.deepEqual(found(argv(['redis-server', '-p', '6379'])), []);
    assert.deepEqual(found(argv(['mysql', '-h', 'db', '-p', 'shop'])), []);
    assert.deepEqual(found(argv(['sh', '-c', 'kubectl port-forward -p 8080 svc/x'])), []);
  });
  it('passwords in URLs and shaped tokens anywhere', () => {
    assert.deepEqual(found(argv(['/app', '--db-url=postgres://u:pw@db/x', 'AKIAIOSFODNN7EXAMPLE'])), [
      'command[1] a password in a URL "pw" literal DB_URL_PASSWORD',
      'command[2] an AWS access key id "AKIAIOSFODNN7EXAMPLE" literal SECRET_VALUE',
    ]);
  });
  it('flags that name a Secret object are not credentials', () => {
    assert.deepEqual(found(argv(['/controller', '--default-ssl-cert-secret=ingress/tls', '--webhook-secret=ops/github-webhook', '--tls-secret', 'web-tls'])), []);
  });
  it('comments in scripts are skipped', () => {
    assert.deepEqual(found(argv(['sh', '-c', '# --password=example\necho ok'])), []);
  });
});
