// Dispatches a command line to its command and turns usage mistakes into a message, the usage
// text and exit status 2. Nothing here touches process globals, so tests can call it directly.
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { EXIT_ERROR, runLint, type CliIO } from './lint-command';
import { runRules } from './rules-command';
import { LINT_USAGE, MAIN_USAGE, RULES_USAGE } from './usage';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout(args.topic === 'lint' ? LINT_USAGE : args.topic === 'rules' ? RULES_USAGE : MAIN_USAGE);
        return 0;
      case 'version':
        io.stdout(`${io.version}\n`);
        return 0;
      case 'rules':
        return runRules(args, io.stdout);
      case 'lint':
        return await runLint(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      if (argv.length === 0) {
        io.stderr(MAIN_USAGE);
        return EXIT_ERROR;
      }
      const usage = argv[0] === 'lint' ? LINT_USAGE : argv[0] === 'rules' ? RULES_USAGE : MAIN_USAGE;
      const help = argv[0] === 'lint' || argv[0] === 'rules' ? `kubeward ${argv[0]} --help` : 'kubeward --help';
      io.stderr(`kubeward: ${e.message}\n${usage.split('\n')[0]}\nRun '${help}' for the options.\n`);
      return EXIT_ERROR;
    }
    io.stderr(`kubeward: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_ERROR;
  }
}
