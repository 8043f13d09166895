// Help texts. Kept next to each other so that `--help` and the README agree.

export const MAIN_USAGE = `Usage: kubeward <command> [options]

Commands:
  lint [options] <file|dir|->...   lint Kubernetes and Istio YAML files
  rules [--format text|json]       list the rules and their metadata

Options:
  -h, --help       show help (kubeward lint --help for the lint options)
  -v, --version    print the version
`;

export const LINT_USAGE = `Usage: kubeward lint [options] <file|dir|->...

Lints YAML files. Directories are searched for *.yaml and *.yml (skipping .git and
node_modules); - reads standard input.

Options:
  -f, --format <text|json|sarif|github>
                                   output format (default: text); github writes
                                   GitHub Actions annotations
  --fail-on <error|warning|info|never>
                                   exit 1 when a finding is at or above this severity
                                   (default: error)
  --fix                            apply safe fixes in place, then report what remains
  --fix-suggestions                apply safe fixes and suggestions (hardening) in place
  --preset <pss-baseline|pss-restricted>
                                   run only the Pod Security Standards checks of that level
  --pss-level <privileged|baseline|restricted>
                                   Pod Security Standards level (default: restricted)
  --pss-version <latest|v1.N>      Pod Security Standards policy version (default: latest)
  --istio-root-namespace <ns>      Istio root namespace (meshConfig.rootNamespace), where
                                   policies apply mesh-wide (default: istio-system)
  --istio-version <1.N>            Istio minor version the manifests target (default:
                                   the latest release the rules know)
  --rule <rule-id>=<off|info|warning|error>
                                   set a rule's severity or turn it off (repeatable)
  --max-file-size <size>           skip larger files with an error (default: 10MB)
  --stdin-filename <name>          name standard input in the output (default: <stdin>)
  --config <file>                  use this config file for every input instead of the
                                   nearest .kubeward.yaml above each file
  --no-config                      use no config file
  --baseline <file>                do not report findings listed in this JSON report
                                   (from --write-baseline or --format json)
  --write-baseline <file>          write all current findings to <file> as a baseline
  --include-suppressed             SARIF: also list suppressed findings, marked as suppressed
  -h, --help                       show this help

Settings come from the nearest .kubeward.yaml (or .kubeward.yml) above each file, up to
the repository root; the options above override it.

Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 usage, input or
config error.
With --fix and -, the fixed text is written to standard output and the report to standard error.
`;

export const RULES_USAGE = `Usage: kubeward rules [--format text|json]

Lists every rule with its id, severity, category, fix, standards and the ids of the same
check in other tools.
`;
