import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { EXIT, reportFailure } from './cli-output';
import { migrateCommand } from './commands/migrate.command';
import { projectionsCommand, resumeProjectionCommand } from './commands/projections.command';
import { sealCommand } from './commands/seal.command';
import { verifyCommand } from './commands/verify.command';

type Action = (...args: any[]) => Promise<number>;

/** Runs the `perfledger` command and resolves to its exit code. */
export async function run(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  let json = false;
  const program = new Command()
    .name('perfledger')
    .description('PerfLedger 绩效账本: budget performance self-evaluation on an event log')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const action = (fn: Action) =>
    async (...args: any[]) => {
      const options = args.find((a) => a && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Command)) ?? {};
      json = Boolean(options.json);
      exitCode = await fn(...args);
    };

  program.command('migrate').description('apply pending database migrations').option('--json', 'one JSON line on stdout').action(action((o) => migrateCommand(o)));
  program
    .command('verify')
    .description('recompute every hash chain and seal; exit 1 and name the first broken event if the log was altered')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => verifyCommand(o)));
  program
    .command('seal')
    .description('seal the final part of the log now; --print shows the latest seal root for publication')
    .option('--print', 'only print the latest seal root')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => sealCommand(o)));
  const projections = program
    .command('projections')
    .description('projection status: lag, owner, halts')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => projectionsCommand(o)));
  projections
    .command('resume <name>')
    .description('clear a halted projection after fixing the cause')
    .option('--json', 'one JSON line on stdout')
    .action(action((name, o) => resumeProjectionCommand(name, o)));

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportFailure(error, json || argv.includes('--json'));
  }
}

if (require.main === module) {
  run(process.argv).then((code) => process.exit(code));
}
