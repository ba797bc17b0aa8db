import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { generateCounty } from '@app/demo';
import type { Role } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import { findCounty, findRound, findUserRow } from '@app/projections';
import type { CommandContext } from './command-context';
import { ImportService } from './import.service';
import { TEMPLATE_CATALOGUE } from './template-catalogue';
import { TemplateRoundHandler } from './template-round.service';
import { UnitCommandHandler } from './unit.service';
import { UserService } from './user.service';

export interface DemoSeedOptions {
  countyCode: string;
  countyName: string;
  /** A real self-evaluation document (the repository's fixture), imported as one unit. */
  fixture?: { bytes: Buffer; fileName: string } | null;
  /** Synthetic units (libs/demo) with injected anomalies, for `year`. */
  units: number;
  seed: number;
  year: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  /** what the login is for, in Chinese */
  description: string;
}

export interface DemoSeedReport {
  county: { code: string; name: string };
  fixtureUnit: { code: string; name: string; year: number } | null;
  syntheticUnits: number;
  anomalies: number;
  eventsAppended: number;
  round: { year: number; deadline: string; template: string };
  logins: DemoLogin[];
}

/** A password that passes the password rules, shown once on the console (never a fixed demo password). */
const demoPassword = () => `Demo-${randomBytes(9).toString('base64url')}`;

/**
 * Fills an empty database with a demo: the county, the fixture imported as one unit, a synthetic county of
 * `units` units with injected anomalies (libs/demo), an open evaluation round for `year`, and one login per
 * role besides the initial admin (a reviewer, an auditor, and a filer of the fixture's unit). Everything goes
 * through the same services as real use, so the events carry `system:demo` as their actor. Not idempotent:
 * the caller seeds only a database that has no events.
 */
export async function seedDemo(pool: Pool, store: PostgresEventStore, options: DemoSeedOptions): Promise<DemoSeedReport> {
  const context: CommandContext = { actor: { userId: 'system:demo', role: 'system' }, reason: '演示数据', source: 'system' };
  if (!(await findCounty(pool, options.countyCode))) await new UnitCommandHandler(pool, store).registerCounty(options.countyCode, options.countyName, context);
  const importer = new ImportService(pool, store);
  const county = generateCounty({ units: options.units, seed: options.seed, year: options.year });
  const total = county.documents.length + (options.fixture ? 1 : 0);
  let done = 0;
  let events = 0;
  let fixtureUnit: DemoSeedReport['fixtureUnit'] = null;
  if (options.fixture) {
    const report = await importer.import(options.fixture.bytes, { countyCode: options.countyCode, fileName: options.fixture.fileName, actor: context.actor });
    events += report.eventsAppended;
    if (report.unit && report.year !== null) fixtureUnit = { code: report.unit.code, name: report.unit.name, year: report.year };
    options.onProgress?.(++done, total);
  }
  for (const [i, doc] of county.documents.entries()) {
    const report = await importer.import(Buffer.from(doc.text, 'utf8'), { countyCode: options.countyCode, fileName: `demo-${options.seed}-${i + 1}.txt`, actor: context.actor });
    events += report.eventsAppended;
    options.onProgress?.(++done, total);
  }
  const deadline = `${options.year + 1}-06-30`;
  const template = 'national-default';
  if (!(await findRound(pool, options.countyCode, options.year))) {
    await new TemplateRoundHandler(pool, store, TEMPLATE_CATALOGUE).openRound(options.countyCode, options.year, deadline, template, context);
  }
  const users = new UserService(pool, store);
  const wanted: (Omit<DemoLogin, 'password'> & { units?: string[] })[] = [
    { username: 'reviewer', role: 'bureau_reviewer', description: '财政局审核人：查看全部，退回、审核通过、公开' },
    { username: 'auditor', role: 'auditor', description: '审计：只读，逐数溯源、时点视图、差异、审计包' },
  ];
  if (fixtureUnit) wanted.push({ username: 'filer', role: 'unit_filer', units: [fixtureUnit.code], description: `填报人：仅 ${fixtureUnit.name}` });
  const logins: DemoLogin[] = [];
  for (const w of wanted) {
    if (await findUserRow(pool, w.username)) continue;
    const password = demoPassword();
    await users.addUser(
      { type: 'AddUser', username: w.username, role: w.role, countyCode: w.units ? options.countyCode : null, units: w.units ?? [] },
      password,
      context,
    );
    logins.push({ username: w.username, password, role: w.role, description: w.description });
  }
  return {
    county: { code: options.countyCode, name: options.countyName },
    fixtureUnit,
    syntheticUnits: county.documents.length,
    anomalies: county.anomalies.length,
    eventsAppended: events,
    round: { year: options.year, deadline, template },
    logins,
  };
}
