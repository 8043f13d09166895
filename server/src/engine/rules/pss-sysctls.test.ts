import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...sysctls: string[]) =>
  y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext:', '    sysctls:', ...sysctls, '  containers:', '  - {name: a, image: a:1}');

ruleTester('pss-sysctls', {
  valid: [
    {
      name: 'the v1.0 safe set',
      code: pod(
        '    - {name: kernel.shm_rmid_forced, value: "0"}',
        '    - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}',
        '    - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}',
        '    - {name: net.ipv4.tcp_syncookies, value: "1"}',
        '    - {name: net.ipv4.ping_group_range, value: "0 2147483647"}',
      ),
      options: { pss: { version: 'v1.0' } },
    },
    { name: 'ip_local_reserved_ports from v1.27', code: pod('    - {name: net.ipv4.ip_local_reserved_ports, value: "30000"}'), options: { pss: { version: 'v1.27' } } },
    {
      name: 'keepalive and fin_timeout from v1.29',
      code: pod('    - {name: net.ipv4.tcp_keepalive_time, value: "600"}', '    - {name: net.ipv4.tcp_fin_timeout, value: "30"}', '    - {name: net.ipv4.tcp_keepalive_intvl, value: "30"}', '    - {name: net.ipv4.tcp_keepalive_probes, value: "5"}'),
      options: { pss: { version: 'v1.29' } },
    },
    { name: 'tcp_rmem/tcp_wmem from v1.32', code: pod('    - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}', '    - {name: net.ipv4.tcp_wmem, value: "4096 16384 4194304"}'), options: { pss: { version: 'v1.32' } } },
    { name: 'tcp_slow_start_after_idle/tcp_notsent_lowat from v1.37 (latest)', code: pod('    - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}', '    - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}') },
  ],
  invalid: [
    {
      name: 'an unsafe sysctl is reported on its name and removed by its own fix',
      code: pod('    - name: kernel.msgmax     # IPC tuning', '      value: "65536"', '    - name: net.ipv4.tcp_syncookies', '      value: "1"'),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 26, message: 'baseline: sysctl kernel.msgmax is not allowed: it is not in the safe set' }],
      output: pod('    - name: net.ipv4.tcp_syncookies', '      value: "1"'),
    },
    {
      name: 'a sysctl that only a newer policy version allows says so',
      code: pod('    - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}'),
      options: { pss: { version: 'v1.31' } },
      errors: [{ line: 7, column: 14, endColumn: 31, message: 'not in the safe set of policy v1.31 (it is safe from v1.32)' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext:', '    sysctls: []', '  containers:', '  - {name: a, image: a:1}'),
    },
    {
      name: 'the slash form is a different name to admission',
      code: pod('    - {name: net/ipv4/tcp_syncookies, value: "1"}'),
      errors: [{ line: 7, column: 14, endColumn: 37, message: 'sysctl net/ipv4/tcp_syncookies is not allowed' }],
    },
  ],
});
