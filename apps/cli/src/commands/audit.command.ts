import { AuditService, parseMoment } from '@app/application';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import { countyOf, unitJson, unitOf, withServices, yearOf } from '../services';

interface AuditOptions {
  county?: string;
  json?: boolean;
}

async function onFiling<T>(unitName: string, yearText: string, options: AuditOptions, work: (audit: AuditService, ref: { countyCode: string; unitCode: string; year: number }) => Promise<T>) {
  const year = yearOf(yearText);
  return withServices(async (s) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    return { unit: unitJson(unit), year, result: await work(new AuditService(s.pool), { countyCode: unit.countyCode, unitCode: unit.code, year }) };
  });
}

const who = (actor: string | null, role?: string | null) => (actor ? `${actor}${role ? `（${role}）` : ''}` : '—');
const shown = (v: string | null) => (v === null ? '（空）' : v);

/** `perfledger blame <unit> <year> <path>`: every change of one figure, oldest first (PRODUCT.md's `blame` shape). */
export async function blameCommand(unitName: string, yearText: string, path: string, options: AuditOptions): Promise<number> {
  const { unit, year, result: changes } = await onFiling(unitName, yearText, options, (audit, ref) => audit.blame(ref, path));
  if (options.json) {
    printJson({ unit, year, path, changes });
    return EXIT.ok;
  }
  process.stdout.write(`${unit.name} ${year} 年度 ${path}：${changes.length === 0 ? '从未填写' : `${changes.length} 次修改`}\n`);
  for (const c of changes) {
    process.stdout.write(
      `  v${c.version} ${c.at} ${who(c.actor, c.role)} ${shown(c.previous)} → ${shown(c.value)}  来源 ${c.source}；${c.eventType}；状态 ${c.state}${c.reason ? `；理由：${c.reason}` : ''}${c.pathThen !== path ? `；当时路径 ${c.pathThen}` : ''}\n`,
    );
  }
  return EXIT.ok;
}

/** `perfledger history <unit> <year> [filters]`: the filing's events, paged (PRODUCT.md's `history` shape). */
export async function historyCommand(
  unitName: string,
  yearText: string,
  options: AuditOptions & { actor?: string; path?: string; source?: string; from?: string; to?: string; after?: string; limit?: string },
): Promise<number> {
  const time = (text: string | undefined, field: string) => {
    if (text === undefined) return undefined;
    const m = parseMoment(text, field);
    if (!('time' in m)) throw new AppError('InvalidInput', 'invalid-time', `${field} 应为 ISO 时间（如 2024-06-20T08:00:00Z），实为“${text}”`, { field });
    return m.time;
  };
  const whole = (text: string | undefined, field: string) => {
    if (text === undefined) return undefined;
    const m = parseMoment(text, field);
    if (!('version' in m)) throw new AppError('InvalidInput', 'invalid-number', `${field} 应为正整数，实为“${text}”`, { field });
    return m.version;
  };
  const filters = {
    actor: options.actor,
    pathPrefix: options.path,
    source: options.source,
    from: time(options.from, '--from'),
    to: time(options.to, '--to'),
    after: whole(options.after, '--after'),
    limit: whole(options.limit, '--limit'),
  };
  const { unit, year, result } = await onFiling(unitName, yearText, options, (audit, ref) => audit.history(ref, filters));
  if (options.json) {
    printJson({ unit, year, ...result });
    return EXIT.ok;
  }
  for (const e of result.events) {
    process.stdout.write(`v${e.version} #${e.position} ${e.at} ${e.type} ${who(e.actor, e.role)} ${e.source}${e.reason ? `；理由：${e.reason}` : ''}${e.paths.length ? `\n    ${e.paths.join(', ')}` : ''}\n`);
  }
  if (result.next !== null) process.stdout.write(`（还有更多：--after ${result.next}）\n`);
  return EXIT.ok;
}

/** `perfledger diff <unit> <year> <from> <to>`: the figures that changed between two moments (PRODUCT.md's `diff` shape). */
export async function diffCommand(unitName: string, yearText: string, fromText: string, toText: string, options: AuditOptions): Promise<number> {
  const [from, to] = [parseMoment(fromText, 'from'), parseMoment(toText, 'to')];
  const { unit, year, result } = await onFiling(unitName, yearText, options, (audit, ref) => audit.diff(ref, from, to));
  if (options.json) {
    printJson({ unit, year, ...result });
    return EXIT.ok;
  }
  process.stdout.write(`${unit.name} ${year} 年度 版本 ${result.from} → ${result.to}：${result.changes.length} 处不同\n`);
  for (const c of result.changes) process.stdout.write(`  ${c.path}: ${shown(c.before)} → ${shown(c.after)}  ${c.at ?? ''} ${who(c.actor)}${c.reason ? `；理由：${c.reason}` : ''}\n`);
  return EXIT.ok;
}
