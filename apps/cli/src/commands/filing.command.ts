import { randomUUID } from 'node:crypto';
import type { FilingCommandResult } from '@app/application';
import { AuditService, cliContext, parseMoment } from '@app/application';
import type { FilingCommand, ReturnComment } from '@app/domain';
import { STATUS_ZH } from '@app/domain';
import type { FilingViewRow } from '@app/projections';
import { readFilingView } from '@app/projections';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import type { CliServices } from '../services';
import { countyOf, unitJson, unitOf, withServices, yearOf } from '../services';

interface FilingOptions {
  county?: string;
  json?: boolean;
}

/** `perfledger figures <unit> <year>`: the stated and computed figures (PRODUCT.md's `figures` shape). */
export async function figuresCommand(unitName: string, yearText: string, options: FilingOptions & { asOf?: string }): Promise<number> {
  const year = yearOf(yearText);
  const moment = options.asOf === undefined ? null : parseMoment(options.asOf, '--as-of');
  const { unit, view } = await withServices(async (s) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    if (moment) {
      const at = await new AuditService(s.pool).asOf({ countyCode: unit.countyCode, unitCode: unit.code, year }, moment);
      return { unit, view: at.version === 0 ? null : { ...at, status: at.status as NonNullable<FilingViewRow>['status'] } };
    }
    return { unit, view: await readFilingView(s.pool, unit.countyCode, unit.code, year) };
  });
  const body = {
    unit: unitJson(unit),
    year,
    version: view?.version ?? 0,
    templateVersion: view?.templateVersion ?? null,
    asOf: options.asOf ?? null,
    status: view?.status ?? null,
    figures: view?.figures ?? {},
    computed: view?.computed ?? {},
  };
  if (options.json) {
    printJson(body);
    return EXIT.ok;
  }
  if (!view) {
    process.stdout.write(`${unit.name} ${year} 年度尚无填报\n`);
    return EXIT.ok;
  }
  process.stdout.write(`${unit.name}（${unit.code}）${year} 年度 · 状态：${STATUS_ZH[view.status] ?? view.status} · 版本 ${view.version}\n\n填报数据：\n`);
  for (const [path, value] of Object.entries(body.figures)) process.stdout.write(`  ${path} = ${value}\n`);
  process.stdout.write(`\n计算数据：\n`);
  for (const [path, value] of Object.entries(body.computed)) process.stdout.write(`  ${path} = ${value}\n`);
  return EXIT.ok;
}

async function runOnFiling(
  unitName: string,
  yearText: string,
  options: FilingOptions & { reason?: string },
  commands: FilingCommand[],
  open: boolean,
): Promise<{ result: FilingCommandResult; unit: { code: string; name: string; county: string } }> {
  const year = yearOf(yearText);
  return withServices(async (s: CliServices) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    const result = await s.filings.execute({ countyCode: unit.countyCode, unitCode: unit.code, year }, commands, cliContext(options.reason), { open });
    return { result, unit: unitJson(unit) };
  });
}

function report(result: FilingCommandResult, unit: { code: string; name: string; county: string }, year: number, json: boolean, done: string): number {
  if (json) {
    printJson({ unit, year, version: result.version, status: result.state.status, appended: result.appended, changes: result.changes });
  } else if (result.appended === 0) {
    process.stdout.write('数值未变化，未记录新事件\n');
  } else {
    process.stdout.write(`${done}（版本 ${result.version}）\n`);
    for (const c of result.changes) process.stdout.write(`  ${c.type}${c.paths.length ? `: ${c.paths.join(', ')}` : ''}\n`);
  }
  return EXIT.ok;
}

export async function setCommand(
  unitName: string,
  yearText: string,
  path: string,
  value: string,
  options: FilingOptions & { reason?: string; document?: string; date?: string; empty?: boolean },
): Promise<number> {
  const command: FilingCommand = {
    type: 'SetFigure',
    path,
    value: options.empty ? null : value,
    adjustment: { date: options.date ?? null, documentNumber: options.document ?? null },
  };
  const { result, unit } = await runOnFiling(unitName, yearText, options, [command], true);
  return report(result, unit, yearOf(yearText), Boolean(options.json), `已记录 ${path}`);
}

export async function projectCommand(
  action: 'add' | 'rename' | 'link' | 'remove',
  unitName: string,
  yearText: string,
  args: string[],
  options: FilingOptions & { reason?: string; line?: string; lineOnly?: boolean; part?: string },
): Promise<number> {
  let command: FilingCommand;
  if (action === 'add') {
    command = options.lineOnly
      ? { type: 'AddProject', projectId: randomUUID(), name: null, lineName: args[0] }
      : { type: 'AddProject', projectId: randomUUID(), name: args[0], lineName: options.line ?? null };
  } else if (action === 'rename') {
    command = { type: 'RenameProject', part: options.lineOnly ? 'line' : 'table', from: args[0], to: args[1] };
  } else if (action === 'link') {
    command = { type: 'LinkProject', name: args[0], lineName: args[1], basis: 'command' };
  } else {
    command = { type: 'RemoveProject', name: args[0] };
  }
  const { result, unit } = await runOnFiling(unitName, yearText, options, [command], true);
  return report(result, unit, yearOf(yearText), Boolean(options.json), '项目已更新');
}

/** `--comment "text"` on the filing, or `--comment "<figure path>=text"` on a figure. */
export function parseComments(comments: string[] = []): ReturnComment[] {
  return comments.map((c) => {
    const at = c.indexOf('=');
    const head = at > 0 ? c.slice(0, at).trim() : '';
    return /^(basic|overall|report|project:)/u.test(head) ? { path: head, text: c.slice(at + 1).trim() } : { path: null, text: c.trim() };
  });
}

const WORKFLOW: Record<string, { build: (o: { comment?: string[] }) => FilingCommand; done: string }> = {
  submit: { build: () => ({ type: 'SubmitFiling' }), done: '已送审' },
  return: { build: (o) => ({ type: 'ReturnFiling', comments: parseComments(o.comment) }), done: '已退回，单位可修改后重新送审' },
  accept: { build: () => ({ type: 'AcceptFiling' }), done: '已审核通过' },
  publish: { build: () => ({ type: 'PublishFiling' }), done: '已公开' },
};

export async function workflowCommand(action: string, unitName: string, yearText: string, options: FilingOptions & { reason?: string; comment?: string[] }): Promise<number> {
  const step = WORKFLOW[action];
  if (!step) throw new AppError('InvalidInput', 'unknown-action', `未知操作 ${action}`);
  const { result, unit } = await runOnFiling(unitName, yearText, options, [step.build(options)], false);
  return report(result, unit, yearOf(yearText), Boolean(options.json), step.done);
}
