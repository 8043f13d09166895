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
      const usage = argv[0] === 'lint' ? LINT_USAGE : argv[0] === 'rules' ? RULES_USAGE : MAIN_USAGE;
      io.stderr(`kubeward: ${e.message}\n\n${usage}`);
      return EXIT_ERROR;
    }
    io.stderr(`kubeward: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_ERROR;
  }
}
