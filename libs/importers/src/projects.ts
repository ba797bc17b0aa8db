import Decimal from 'decimal.js';
import { disambiguate, isNumericValue, joinPath, sameValue } from '@app/domain';
import type { Collector, ProjectLine, ProjectTable } from './collector';
import type { StatedAdjustment } from './quoted-figures';
import type { ParsedAdjustment, ParsedProject } from './self-evaluation.types';

/**
 * Projects across tables (PRODUCT.md "Projects have identity"): a 附件一 line and a 附件三 table are one
 * project when their normalised names are equal, or — failing that — when 附件一's 本年预算数 / 本年决算数
 * equal the table's 全年预算数 / 全年执行数 (one candidate each way; a warning names both names).
 */
export function linkProjects(lines: ProjectLine[], tables: ProjectTable[], out: Collector): ParsedProject[] {
  const named = tables.filter((t) => t.name !== null);
  const byLine = new Map<ProjectLine, { table: ProjectTable; link: 'name' | 'figures' }>();
  const linked = new Set<ProjectTable>();
  for (const table of named) {
    const line = lines.find((l) => !byLine.has(l) && l.lineName === table.name);
    if (!line) continue;
    byLine.set(line, { table, link: 'name' });
    linked.add(table);
  }
  const sameFigures = (l: ProjectLine, t: ProjectTable) =>
    isNumericValue(l.budget) && isNumericValue(l.actual) && sameValue(l.budget, t.budget.full) && sameValue(l.actual, t.budget.executed);
  for (const table of named.filter((t) => !linked.has(t))) {
    const candidates = lines.filter((l) => !byLine.has(l) && sameFigures(l, table));
    if (candidates.length === 0) continue;
    const rivals = candidates.length === 1 ? named.filter((t) => t !== table && !linked.has(t) && sameFigures(candidates[0], t)) : [];
    if (candidates.length > 1) {
      out.warn(table.line, `附件三“${table.name}”的全年预算数和全年执行数与附件一的多行相同（${candidates.map((l) => `“${l.lineName}”`).join('、')}），未关联`);
      continue;
    }
    if (rivals.length > 0) {
      out.warn(table.line, `附件一“${candidates[0].lineName}”的预算数和决算数与附件三的多张表相同（${[table, ...rivals].map((t) => `“${t.name}”`).join('、')}），未关联`);
      continue;
    }
    const [line] = candidates;
    byLine.set(line, { table, link: 'figures' });
    linked.add(table);
    out.warn(
      table.line,
      `附件一的“${line.lineName}”与附件三的“${table.name}”名称不同；附件一本年预算数、决算数（${line.budget}、${line.actual}）与附件三全年预算数、全年执行数相同，视为同一项目`,
    );
  }
  const order = [
    ...lines.map((l) => ({ line: l as ProjectLine | null, table: byLine.get(l)?.table ?? null, link: byLine.get(l)?.link ?? null })),
    ...named.filter((t) => !linked.has(t)).map((t) => ({ line: null, table: t as ProjectTable | null, link: null })),
  ];
  const withTable = order.filter((p) => p.table !== null);
  disambiguate(withTable.map((p) => p.table?.name as string)).forEach((display, i) => ((withTable[i].table as ProjectTable).display = display));
  const withLine = order.filter((p) => p.line !== null);
  disambiguate(withLine.map((p) => p.line?.lineName as string)).forEach((display, i) => ((withLine[i].line as ProjectLine).display = display));
  return order.map((p) => ({ name: p.table?.name ?? null, lineName: p.line?.lineName ?? null, link: p.link }));
}

export interface BudgetOwner {
  path: string;
  initial: string | null;
  full: string | null;
}

const decimal = (value: string | null): Decimal | null => (isNumericValue(value) && !value.endsWith('%') ? new Decimal(value.replace(/,/gu, '')) : null);

/** The budget rows whose 全年 − 年初 a stated adjustment may explain: 附件二, then each named 附件三. */
export function budgetOwners(overall: { initial: string | null; full: string | null } | null, tables: ProjectTable[]): BudgetOwner[] {
  const owners: BudgetOwner[] = overall ? [{ path: 'overall.budget.full', ...overall }] : [];
  for (const t of tables) {
    if (t.display !== null) owners.push({ path: joinPath([`project:${t.display}`, 'budget', 'full']), initial: t.budget.initial, full: t.budget.full });
  }
  return owners;
}

/**
 * Each stated adjustment is attached to the one 全年预算数 whose (全年 − 年初) equals it (年初 empty
 * counts as 0); none or several → a warning and no adjustment. The same adjustment stated twice is one.
 */
export function resolveAdjustments(stated: StatedAdjustment[], owners: BudgetOwner[], out: Collector): ParsedAdjustment[] {
  const result: ParsedAdjustment[] = [];
  for (const s of stated) {
    const amount = decimal(s.amount);
    if (!amount) continue;
    const signed = s.direction === 'increase' ? amount : amount.negated();
    const matches = owners.filter((o) => {
      const full = decimal(o.full);
      const initial = o.initial === null ? new Decimal(0) : decimal(o.initial);
      return full !== null && initial !== null && full.minus(initial).equals(signed);
    });
    const what = `${s.direction === 'increase' ? '追加' : '调减'} ${s.amount} 万元`;
    if (matches.length !== 1) {
      out.warn(
        s.line,
        matches.length === 0
          ? `${what}与任何一张表的“全年预算数 − 年初预算数”都不相等，未记为预算调整`
          : `${what}同时符合 ${matches.map((m) => m.path).join('、')}，未记为预算调整`,
      );
      continue;
    }
    const adjustment: ParsedAdjustment = { path: matches[0].path, direction: s.direction, amount: s.amount, reason: s.reason, line: s.line };
    if (!result.some((a) => a.path === adjustment.path && a.direction === adjustment.direction && sameValue(a.amount, adjustment.amount))) result.push(adjustment);
  }
  return result;
}
