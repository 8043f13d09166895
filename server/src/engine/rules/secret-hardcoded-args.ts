import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS, type ContainerRef } from '../k8s/resource';
import { findCommandLineSecrets, type CommandLineSecret } from '../k8s/command-line';
import { secretKeyFor } from '../k8s/credentials';
import { scalarSpan } from '../k8s/scalar-span';
import { addEnvVar, envNames, secretKeyRef, secretNameFor, uniqueEnvName } from '../k8s/secret-ref';
import { argvOf, execCommandsOf, type ArgvNode } from '../k8s/workload-parts';
import type { FixBuilder } from '../fix';
import type { Fix } from '../types';

export default defineRule({
  id: 'secret-hardcoded-args',
  meta: {
    title: 'Hard-coded credential on the command line',
    description: 'Container `command` and `args`, and the exec commands of probes and lifecycle hooks, must not carry credentials: `--client-secret=...`, `--password ...`, `PASSWORD=...` (also inside `sh -c` scripts), `mysql -p...`, `redis-cli -a ...`, `curl -u user:...`, passwords in URLs, private keys and cloud or SaaS tokens.',
    why: 'A credential in `command` or `args` is stored in the workload object, readable by anyone who can read Deployments or Pods in the namespace, and committed with the manifest. At run time it is also in the process\'s command line, which every process that can list processes (a shared process namespace, the node, monitoring agents) can read, and which crash reports and audit tools record.',
    how: 'Put the value in a Secret, expose it to the container as an env var with `valueFrom.secretKeyRef`, and refer to it as `$(VAR)`: Kubernetes expands `$(VAR)` in `command` and `args` from the container\'s environment before starting it. The suggested fix does exactly that, with a Secret named after the workload (`<name>-secrets`) that you create first. Better still, when the program can read the value from the environment or a file, drop the flag. In probe and lifecycle exec commands `$(VAR)` does not reach Secret-backed variables, so there is no automatic fix: use `sh -c` and the shell\'s `$VAR`. `${VAR}` is reported because Kubernetes does not expand it: without a templating step the program receives the literal text, with one the secret is written into the manifest; when the env var already exists the fix only rewrites it as `$(VAR)`.',
    category: 'secrets',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'args:\n- --client-secret=0123456789abcdef',
      good: 'args:\n- --client-secret=$(CLIENT_SECRET)\nenv:\n- name: CLIENT_SECRET\n  valueFrom:\n    secretKeyRef: {name: web-secrets, key: client-secret}',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const secretName = secretNameFor(ctx.resource);
    for (const c of containersOf(pod)) {
      const taken = envNames(c.node);
      const lines = [argvOf(c), ...execCommandsOf(c)].filter((l) => l.length > 0);
      for (const s of lines.flatMap((l) => findCommandLineSecrets(l))) {
        // The kubelet expands only literal env values in probe commands, and none in hooks: no $(VAR) fix there.
        const inHandler = s.item.list !== 'command' && s.item.list !== 'args';
        const item = s.item as ArgvNode;
        const span = scalarSpan(ctx.text, item.node, s.start, s.end, { from: s.tokenStart, to: s.tokenEnd });
        const what = s.label.startsWith('-') || s.label.endsWith('=') ? `the value of ${s.label.replace(/=$/, '')}` : /^an? /.test(s.label) ? s.label : `the password given to ${s.label}`;
        const where = `${describeContainer(c)}: ${what} (in ${s.item.list})`;
        const shown = s.item.value.slice(s.start, s.end);
        const message =
          s.kind === 'template'
            ? `${where} is "${shown}", which Kubernetes does not expand (only $(VAR) is): the program receives that text, or, if a templating step fills it in, the secret is written into the workload spec and the process list`
            : inHandler
              ? `${where} is a hard-coded credential: it is stored in the workload spec and visible in the process list; run the command through a shell and read the value from an env var set from a Secret ("$VAR")`
              : `${where} is a hard-coded credential: it is stored in the workload spec and visible in the process list; pass it from a Secret as $(VAR)`;
        ctx.report({
          ...(span ? { range: span } : { node: item.node }),
          severity: s.kind === 'template' ? 'warning' : undefined,
          message,
          fixes: span && s.movable && !inHandler ? () => [fixFor(ctx.fix, c, s, span, taken, secretName)] : [],
        });
      }
    }
  },
});

function fixFor(fix: FixBuilder, c: ContainerRef, s: CommandLineSecret, span: [number, number], taken: Set<string>, secretName: string): Fix {
  if (s.kind === 'template' && taken.has(s.envName)) {
    return {
      title: `Write $(${s.envName}) so that Kubernetes expands the existing env var ${s.envName}`,
      edits: [{ start: span[0], end: span[1], text: `$(${s.envName})` }],
      safety: 'suggestion',
      preferred: true,
    };
  }
  const name = uniqueEnvName(taken, s.envName);
  const key = secretKeyFor(name);
  return {
    title: `Pass it as $(${name}), read from Secret "${secretName}" (key ${key}; create the Secret first)`,
    edits: [
      { start: span[0], end: span[1], text: `$(${name})` },
      addEnvVar(fix, c.node, { name, valueFrom: secretKeyRef(secretName, key) }),
    ],
    safety: 'suggestion',
    preferred: true,
  };
}
