import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { PROJECTION_NAMES } from '@app/projections';
import { EXIT, reportFailure } from './cli-output';
import { migrateCommand } from './commands/migrate.command';
import { projectionsCommand, resumeProjectionCommand } from './commands/projections.command';
import { sealCommand } from './commands/seal.command';
import { figuresCommand, projectCommand, setCommand, workflowCommand } from './commands/filing.command';
import { demoCommand } from './commands/demo.command';
import { findingHistoryCommand, findingReviewCommand, findingsCommand } from './commands/findings.command';
import { importCommand } from './commands/import.command';
import { rebuildCommand } from './commands/rebuild.command';
import { blameCommand, diffCommand, historyCommand } from './commands/audit.command';
import { jobsCommand, retryJobsCommand } from './commands/jobs.command';
import { scanCommand } from './commands/scan.command';
import { rescoreCommand, roundOpenCommand, roundSetCommand, roundsCommand, scoreCommand, templatePublishCommand, templateShowCommand, templatesCommand } from './commands/scoring.command';
import { summaryCommand } from './commands/summary.command';
import { countiesCommand, countyAddCommand, unitAddCommand, unitsCommand } from './commands/units.command';
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
  program
    .command('export-audit <file>')
    .description('write the audit package (JSON Lines: events, hashes, seals) for `node tools/verify-audit.js`')
    .option('--county <code>', 'only this county\'s streams (and every template), each whole from version 1')
    .option('--json', 'one JSON line on stdout')
    .action(action(async (f, o) => (await import('./commands/export-audit.command')).exportAuditCommand(f, o)));
  program
    .command('embedded-to-postgres <target-url>')
    .description('move the embedded mode\'s data (npm start without DATABASE_URL) into an empty PostgreSQL: the log, seals and logins copied exactly, read models rebuilt, the log verified there')
    .option('--data-dir <dir>', 'the embedded data directory (default PERFLEDGER_DATA_DIR, else ./.data)')
    .option('--app-role <role>', 'the role the app connects as on the target (default perfledger_app; - for none)')
    .option('--json', 'one JSON line on stdout')
    .action(action(async (t, o) => (await import('./commands/embedded.command')).embeddedToPostgresCommand(t, o)));
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

  const rebuild = (c: Command) =>
    c
      .argument('[projection...]', `read models to rebuild: ${PROJECTION_NAMES.join(', ')} (default: all)`)
      .option('--cancel', 'give up the unfinished rebuild: drop its shadow, mark it cancelled')
      .option('--filing <unit_year...>', 're-fold one filing (<unit> <year>) and its findings into the live tables')
      .option('--county <code>', '行政区划代码 of the --filing unit (default: PERFLEDGER_COUNTY)')
      .option('--json', 'one JSON line on stdout')
      // optsWithGlobals: `projections rebuild --json` leaves --json with `projections`
      .action(action((names: string[], _o: object, cmd: Command) => rebuildCommand(names, cmd.optsWithGlobals())));
  rebuild(
    program
      .command('rebuild')
      .description('blue/green rebuild of the read models from the event log in a shadow schema, then one short switch; resumes an unfinished run'),
  );
  rebuild(projections.command('rebuild').description('the same as `perfledger rebuild`'));

  const county = program.command('county').description('counties (行政区划)');
  county
    .command('add <code> <name>')
    .description('register a county by its 行政区划代码 and name')
    .option('--json', 'one JSON line on stdout')
    .action(action((code, name, o) => countyAddCommand(code, name, o)));
  program.command('counties').description('list the counties').option('--json', 'one JSON line on stdout').action(action((o) => countiesCommand(o)));

  const unit = program.command('unit').description('units (预算部门/单位)');
  unit
    .command('add <code> <name>')
    .description('register a unit in a county')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--parent <name>', '主管部门 (supervising department)')
    .option('--kind <kind>', '行政 | 事业 (administrative | institution)', 'administrative')
    .option('--reason <text>', 'why (recorded with the event)')
    .option('--json', 'one JSON line on stdout')
    .action(action((code, name, o) => unitAddCommand(code, name, o)));
  program
    .command('units')
    .description('list the units (of --county or PERFLEDGER_COUNTY, else all)')
    .option('--county <code>', '行政区划代码')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => unitsCommand(o)));

  const users = async () => import('./commands/users.command');
  program
    .command('user')
    .description('users who sign in to the API (用户)')
    .command('add <username>')
    .description('add a user; the password from --password-stdin, else PERFLEDGER_USER_PASSWORD, else generated and shown once')
    .requiredOption('--role <role>', 'bureau_admin | bureau_reviewer | unit_filer | auditor')
    .option('--county <code>', '行政区划代码 of a unit filer (default: PERFLEDGER_COUNTY)')
    .option('--unit <unit>', 'a unit the filer files for, by code or exact name (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--name <name>', 'display name (default: the username)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--json', 'one JSON line on stdout')
    .action(action(async (u, o) => (await users()).userAddCommand(u, o)));
  program.command('users').description('list the users').option('--json', 'one JSON line on stdout').action(action(async (o) => (await users()).usersCommand(o)));

  program
    .command('figures <unit> <year>')
    .description("a filing's stated and computed figures, by figure path")
    .option('--as-of <moment>', 'as it stood at a version, an ISO time, submitted (the last submission) or submitted#n')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, o) => figuresCommand(u, y, o)));
  program
    .command('set <unit> <year> <path> [value]')
    .description('set one figure (a 全年预算数 becomes a budget adjustment, a score entered before a correction)')
    .option('--reason <text>', 'why (recorded with the event)')
    .option('--document <number>', 'document number of a budget adjustment (文号)')
    .option('--date <date>', 'date of a budget adjustment')
    .option('--empty', 'clear the cell (empty, not 0)')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, p, v, o) => setCommand(u, y, p, v ?? '', o)));

  program
    .command('import <file>')
    .description('import a self-evaluation document (the text layout of the official tables) into events; idempotent')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--dry-run', 'parse and report what would be recorded, write nothing')
    .option('--json', 'one JSON line on stdout')
    .action(action((f, o) => importCommand(f, o)));

  const project = program.command('project').description("a filing's projects (附件三 tables and 附件一 lines)");
  const projectOptions = (c: Command) =>
    c.option('--reason <text>', 'why').option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)').option('--json', 'one JSON line on stdout');
  projectOptions(project.command('add <unit> <year> <name>').description('add a project (its 附件三 table; --line names its 附件一 line)'))
    .option('--line <name>', 'the name its 附件一 line prints')
    .option('--line-only', 'a 附件一 line without a 附件三 table')
    .action(action((u, y, n, o) => projectCommand('add', u, y, [n], o)));
  projectOptions(project.command('rename <unit> <year> <from> <to>').description('rename a project (--line-only: its 附件一 line); its figures keep their history'))
    .option('--line-only', 'rename the 附件一 line')
    .action(action((u, y, f, t, o) => projectCommand('rename', u, y, [f, t], { ...o })));
  projectOptions(project.command('link <unit> <year> <name> <lineName>').description('link a 附件三 table to the 附件一 line that prints it under another name')).action(
    action((u, y, n, l, o) => projectCommand('link', u, y, [n, l], o)),
  );
  projectOptions(project.command('remove <unit> <year> <name>').description('remove a project from the filing (its history stays)')).action(
    action((u, y, n, o) => projectCommand('remove', u, y, [n], o)),
  );

  program
    .command('score <unit> <year>')
    .description('stated and suggested scores, row by row, under the filing\'s template version (or --template)')
    .option('--template <ref>', 'score under another template version (id or id@version), without recording it')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, o) => scoreCommand(u, y, o)));
  program
    .command('rescore <unit> <year>')
    .description('record that a filing is scored under another template version')
    .requiredOption('--template <ref>', 'template id or id@version')
    .option('--reason <text>', 'why (recorded with the event)')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, o) => rescoreCommand(u, y, o)));
  program.command('templates').description('scoring templates: every published version, and those shipped').option('--json', 'one JSON line on stdout').action(action((o) => templatesCommand(o)));
  const template = program.command('template').description('scoring templates (data, versioned by events)');
  template
    .command('show <ref>')
    .description('a template version as JSON (id or id@version)')
    .option('--json', 'one JSON line on stdout')
    .action(action((r, o) => templateShowCommand(r, o)));
  template
    .command('publish <id> <file>')
    .description('publish a template definition (JSON file) as the next version of <id>')
    .option('--name <name>', 'the template name (default: the file\'s "name")')
    .option('--note <text>', 'what changed')
    .option('--json', 'one JSON line on stdout')
    .action(action((id, f, o) => templatePublishCommand(id, f, o)));
  const round = program.command('round').description('evaluation rounds (one per county and year)');
  round
    .command('open <year>')
    .description('open a county\'s evaluation round for a year, with its deadline and template version')
    .requiredOption('--deadline <date>', 'YYYY-MM-DD')
    .option('--template <ref>', 'template id or id@version', 'national-default')
    .option('--reason <text>', 'why')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((y, o) => roundOpenCommand(y, o)));
  round
    .command('set <year>')
    .description('change a round\'s template version or deadline (filings keep the version they were scored with)')
    .option('--template <ref>', 'template id or id@version')
    .option('--deadline <date>', 'YYYY-MM-DD')
    .option('--reason <text>', 'why')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((y, o) => roundSetCommand(y, o)));
  program
    .command('rounds')
    .description('list the evaluation rounds')
    .option('--county <code>', '行政区划代码')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => roundsCommand(o)));

  program
    .command('demo')
    .description('import a deterministic synthetic county (documents in the official layout, some with injected anomalies) and list the anomalies')
    .option('--units <n>', 'how many units', '40')
    .option('--seed <n>', 'the seed: the same seed gives the same county', '1')
    .option('--year <year>', 'the year of the filings', '2024')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => demoCommand(o)));
  program
    .command('scan')
    .description('run the county (S) and history (A) rules over a county\'s filings, inline, then its summary')
    .option('--year <year>', 'the year (default: every year the county has)')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY, else every county)')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => scanCommand(o)));
  program
    .command('jobs')
    .description('the background jobs: counts by state; --failed lists the failed ones with their errors; --retry runs a failed one again')
    .option('--failed', 'list the failed jobs')
    .option('--retry <id>', 'run this failed job again')
    .option('--retry-failed', 'run every failed job again')
    .option('--json', 'one JSON line on stdout')
    .action(action((o) => (o.retry || o.retryFailed ? retryJobsCommand(o.retry, { allFailed: o.retryFailed, json: o.json }) : jobsCommand(o))));
  program
    .command('summary <county> <year>')
    .description("a county's year: units, filings by state, budget and execution, scores, grades, findings, ranking")
    .option('--json', 'one JSON line on stdout')
    .action(action((c, y, o) => summaryCommand(c, y, o)));
  program
    .command('findings <unit> <year>')
    .description('what the rules found in a filing (open, acknowledged, dismissed; --all adds resolved)')
    .option('--as-of <moment>', 'as they stood at a filing version, an ISO time, submitted or submitted#n')
    .option('--all', 'include resolved findings')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, o) => findingsCommand(u, y, o)));
  program
    .command('blame <unit> <year> <path>')
    .description('every change of one figure, oldest first: when, who, from what, to what, why, how')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, p, o) => blameCommand(u, y, p, o)));
  program
    .command('history <unit> <year>')
    .description("a filing's events, oldest first, with who, when, why and the figures each set")
    .option('--actor <user>', 'only this user\'s events')
    .option('--path <prefix>', 'only events setting a figure under this path')
    .option('--source <source>', 'only this source (cli, api, ui, system, import or import:<sha256>)')
    .option('--from <time>', 'recorded at or after (ISO time)')
    .option('--to <time>', 'recorded at or before (ISO time)')
    .option('--after <version>', 'the page after this version (the previous page\'s next)')
    .option('--limit <n>', 'events per page (default 100, at most 1000)')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, o) => historyCommand(u, y, o)));
  program
    .command('diff <unit> <year> <from> <to>')
    .description('the figures that differ between two moments (versions, ISO times, submitted#n), with who changed them')
    .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
    .option('--json', 'one JSON line on stdout')
    .action(action((u, y, f, t, o) => diffCommand(u, y, f, t, o)));
  const finding = program.command('finding').description('review one finding');
  for (const [verb, description] of [
    ['ack', 'acknowledge a finding (确认), with --reason'],
    ['dismiss', 'dismiss a finding as a false alarm (驳回), with --reason'],
  ] as const) {
    finding
      .command(`${verb} <id>`)
      .description(description)
      .requiredOption('--reason <text>', 'why (recorded with the event)')
      .option('--json', 'one JSON line on stdout')
      .action(action((id, o) => findingReviewCommand(verb, id, o)));
  }
  finding
    .command('history <id>')
    .description('when a finding was raised, updated, resolved and reviewed, by which change and by whom')
    .option('--json', 'one JSON line on stdout')
    .action(action((id, o) => findingHistoryCommand(id, o)));

  for (const [name, description] of [
    ['submit', 'submit a draft filing (送审)'],
    ['return', 'return a submitted or accepted filing to the unit (退回), with --comment'],
    ['accept', 'accept a submitted filing (审核通过)'],
    ['publish', 'publish an accepted filing (公开)'],
  ] as const) {
    const c = program
      .command(`${name} <unit> <year>`)
      .description(description)
      .option('--reason <text>', 'why (recorded with the event)')
      .option('--county <code>', '行政区划代码 (default: PERFLEDGER_COUNTY)')
      .option('--json', 'one JSON line on stdout');
    if (name === 'return') c.option('--comment <text>', 'a comment on the filing, or "<figure path>=<text>" on a figure (repeatable)', (v: string, all: string[] = []) => [...all, v]);
    c.action(action((u, y, o) => workflowCommand(name, u, y, o)));
  }

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
