import { sameValue } from '../figure-path';
import type { CellValue } from '../filing/filing.events';
import type { ScoringTemplate } from '../scoring/template.types';
import type { FilingHistory, HistoryChange, HistoryEvent } from './a-support';
import { actorText, actorTextEn, beijingTime, cellLabel, deadlineEnd, hasText, historyOf, isImported, isScorePath, listed, listedEn, tableOf, valueText, valueTextEn } from './a-support';
import type { Finding, Severity } from './rule.types';
import { num, saThreshold, show, two } from './sa-common';

export type { FilingHistory, HistoryActor, HistoryChange, HistoryEvent, HistoryMeta, HistorySource } from './a-support';

/**
 * Group A of anomaly-rules.md: from one filing's event history (who changed what, when). Pure functions
 * of the events with their metadata; docs/rules.md says what each reads. Paths are named as today
 * (`figureHistory`): a renamed project's cells are found under its current name; a removed one's under
 * its last name.
 */

export interface HistoryRuleInput {
  /** the filing's events in stream order, each with its metadata */
  events: HistoryEvent[];
  /** the round's deadline (`YYYY-MM-DD`, Beijing time), or null when the round has none */
  deadline: string | null;
  /** the filing's template: `parameters.anomalies` holds A03WindowHours (and, once the schema has it, A03MinChanges) */
  template: ScoringTemplate;
}

export interface HistoryRule {
  id: string;
  group: 'A';
  title: string;
  defaultSeverity: Severity;
  check(input: HistoryRuleInput, history?: FilingHistory): Finding[];
}

const TABLE_LABELS: Record<string, [string, string]> = { basic: ['附件一', '附件一 (basic)'], overall: ['附件二', '附件二 (overall)'], report: ['附件四', '附件四 (report)'] };
function tableLabel(table: string): [string, string] {
  if (TABLE_LABELS[table]) return TABLE_LABELS[table];
  const name = table.startsWith('project:') ? table.slice('project:'.length) : table;
  return [`附件三“${name}”`, `附件三 "${name}"`];
}

const firstIndex = (events: HistoryEvent[], type: HistoryEvent['type']) => events.findIndex((e) => e.type === type);
const when = (e: HistoryEvent | undefined) => (e ? `${beijingTime(e.recordedAt)}（第 ${e.version} 版）` : '');
const whenEn = (e: HistoryEvent | undefined) => (e ? `${beijingTime(e.recordedAt)} (v${e.version})` : '');

// ---------------------------------------------------------------------------------------------------
// A01 figures changed after submission

/**
 * A01: the figures whose value differs from the one they held when the filing was first submitted (a
 * change is possible only after a return). One `info` per table, listing its cells (in the order they were
 * first changed after the submission) with the value as submitted, the value now, who last changed it and
 * when. A cell changed and then changed back is not listed.
 */
export function checkA01(input: HistoryRuleInput, history: FilingHistory = historyOf(input.events)): Finding[] {
  const submitted = firstIndex(input.events, 'FilingSubmitted');
  if (submitted < 0) return [];
  const submission = input.events[submitted];
  const changed: { path: string; first: number; before: CellValue; now: CellValue; last: HistoryChange }[] = [];
  for (const [path, changes] of history.byPath) {
    const later = changes.filter((c) => c.index > submitted);
    if (later.length === 0) continue;
    const before = later[0].previous;
    const last = later[later.length - 1];
    if (sameValue(before, last.value)) continue;
    changed.push({ path, first: later[0].index, before, now: last.value, last });
  }
  changed.sort((a, b) => a.first - b.first || a.path.localeCompare(b.path));
  const byTable = new Map<string, typeof changed>();
  for (const c of changed) byTable.set(tableOf(c.path), [...(byTable.get(tableOf(c.path)) ?? []), c]);
  const returned = input.events.some((e, i) => i > submitted && e.type === 'FilingReturned');
  const out: Finding[] = [];
  for (const [table, cells] of byTable) {
    const [label, labelEn] = tableLabel(table);
    const lines = cells.map((c) => `${cellLabel(c.path)}：${valueText(c.before)} → ${valueText(c.now)}（${actorText(c.last.event?.actor)}，${when(c.last.event)}）`);
    const linesEn = cells.map((c) => `${c.path}: ${valueTextEn(c.before)} → ${valueTextEn(c.now)} (${actorTextEn(c.last.event?.actor)}, ${whenEn(c.last.event)})`);
    out.push({
      ruleId: 'A01',
      severity: 'info',
      table,
      paths: cells.map((c) => c.path),
      expected: null,
      actual: null,
      message: `${label}在 ${when(submission)}首次送审后，有 ${cells.length} 项数据与送审时不同：${listed(lines, 10)}。请审核时核对这些修改的依据${returned ? '，以及是否按退回意见修改' : ''}。`,
      messageEn: `${labelEn}: ${cells.length} figure(s) differ from the first submission (${whenEn(submission)}): ${listedEn(linesEn, 10)}. Check the basis of each change.`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A02 adjustments and score changes without a reason

/** Whether an event is a change A02 asks a reason for, and whether it has one. */
function unexplained(e: HistoryEvent, afterSubmission: boolean): boolean {
  if (isImported(e)) return false;
  if (e.type === 'BudgetAdjusted') return !hasText(e.reason) && !hasText(e.data.reason) && !hasText(e.data.documentNumber);
  if (e.type === 'SelfScoreCorrected' || e.type === 'SelfScoreEntered') return afterSubmission && !hasText(e.reason);
  return false;
}

/**
 * A02: a budget adjustment (`BudgetAdjusted`, at any time) recorded with neither a reason nor a document
 * number, or a self score entered or corrected after the first submission with no reason — only changes
 * made in the platform (an imported document's history is never A02's). One `warning` per cell, listing
 * its unexplained changes.
 */
export function checkA02(input: HistoryRuleInput, history: FilingHistory = historyOf(input.events)): Finding[] {
  const submitted = firstIndex(input.events, 'FilingSubmitted');
  const byPath = new Map<string, HistoryChange[]>();
  input.events.forEach((e, index) => {
    if (!unexplained(e, submitted >= 0 && index > submitted)) return;
    for (const c of history.byIndex.get(index) ?? []) byPath.set(c.path, [...(byPath.get(c.path) ?? []), c]);
  });
  const out: Finding[] = [];
  for (const [path, changes] of byPath) {
    const budget = changes.some((c) => c.event.type === 'BudgetAdjusted');
    const lines = changes.map((c) => {
      const e = c.event;
      const head = `${when(e)} ${actorText(e.actor)}`;
      if (e.type === 'BudgetAdjusted') {
        return `${head}${e.data.direction === 'increase' ? '追加' : '调减'} ${e.data.amount} 万元（全年预算数 ${valueText(c.previous)} → ${valueText(e.data.fullAfter)}），未填写调整文号和原因`;
      }
      return `${head}${c.previous === null ? '填入' : '修改'}自评得分 ${valueText(c.previous)} → ${valueText(c.value)}（送审后），未说明原因`;
    });
    const linesEn = changes.map((c) => {
      const e = c.event;
      if (e.type === 'BudgetAdjusted') return `${whenEn(e)} ${actorTextEn(e.actor)}: ${e.data.direction} of ${e.data.amount} with no document number or reason`;
      return `${whenEn(e)} ${actorTextEn(e.actor)}: self score ${valueTextEn(c.previous)} → ${valueTextEn(c.value)} after submission, no reason`;
    });
    const todo = budget
      ? '预算调整须有依据：请补充调整文件文号及调整原因，由审核人员核实后在本提示中记录核实情况。'
      : '送审后修改自评得分须说明理由：请补充修改原因及依据，由审核人员核实后在本提示中记录核实情况。';
    out.push({
      ruleId: 'A02',
      severity: 'warning',
      table: tableOf(path),
      paths: [path],
      expected: null,
      actual: null,
      message: `${cellLabel(path)}：${listed(lines, 5)}。${todo}`,
      messageEn: `${path}: ${listedEn(linesEn, 5)}. ${budget ? 'An adjustment needs its document number and reason.' : 'A score changed after submission needs a reason.'}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A03 many changes just before the deadline

/**
 * A03: in the A03WindowHours before the round's deadline ends (24:00 Beijing time of the deadline day),
 * one person changed at least A03MinChanges different cells that already held a value (filling in an
 * empty cell is not a change; imports and the system are no person). One `info` per filing naming every
 * such person. Silent without a deadline.
 */
export function checkA03(input: HistoryRuleInput, history: FilingHistory = historyOf(input.events)): Finding[] {
  const end = deadlineEnd(input.deadline);
  if (end === null) return [];
  const hours = saThreshold(input.template, 'A03WindowHours');
  const minimum = saThreshold(input.template, 'A03MinChanges');
  const start = end - hours.toNumber() * 3600_000;
  const byActor = new Map<string, { cells: Map<string, HistoryChange>; events: HistoryEvent[] }>();
  input.events.forEach((e, index) => {
    if (isImported(e) || e.source === 'system' || !e.actor) return;
    const at = Date.parse(e.recordedAt);
    if (Number.isNaN(at) || at < start || at >= end) return;
    for (const c of history.byIndex.get(index) ?? []) {
      if (c.previous === null || sameValue(c.previous, c.value)) continue;
      const key = `${e.actor.userId}\u0000${e.actor.role}`;
      const entry = byActor.get(key) ?? { cells: new Map<string, HistoryChange>(), events: [] as HistoryEvent[] };
      if (!entry.cells.has(c.path)) entry.cells.set(c.path, c);
      if (!entry.events.includes(e)) entry.events.push(e);
      byActor.set(key, entry);
    }
  });
  const many = [...byActor.values()].filter((a) => a.cells.size >= minimum.toNumber()).sort((a, b) => b.cells.size - a.cells.size);
  if (many.length === 0) return [];
  const paths = [...new Set(many.flatMap((a) => [...a.cells.values()].sort((x, y) => x.index - y.index).map((c) => c.path)))];
  const windowText = `截止日期 ${input.deadline} 前 ${show(hours)} 小时内（北京时间 ${beijingTime(new Date(start).toISOString())} 至 ${input.deadline} 24:00）`;
  const people = many.map((a) => {
    const first = a.events[0];
    const last = a.events[a.events.length - 1];
    return {
      zh: `${actorText(first.actor)}修改了 ${a.cells.size} 项已填报的数据（${beijingTime(first.recordedAt)} 至 ${beijingTime(last.recordedAt)}，第 ${first.version}–${last.version} 版）`,
      en: `${actorTextEn(first.actor)} changed ${a.cells.size} filled-in cells (${beijingTime(first.recordedAt)}–${beijingTime(last.recordedAt)}, v${first.version}–v${last.version})`,
    };
  });
  return [
    {
      ruleId: 'A03',
      severity: 'info',
      table: tableOf(paths[0]),
      paths,
      expected: minimum.toFixed(),
      actual: String(many[0].cells.size),
      message: `${windowText}，${people.map((p) => p.zh).join('；')}。临近截止集中修改的数据较多（不少于 ${minimum.toFixed()} 项即提示），请审核时重点核对这些数据及其修改依据（可在“修改记录”中逐项查看）。`,
      messageEn: `In the ${show(hours)} hours before the deadline ${input.deadline}: ${people.map((p) => p.en).join('; ')} (at least ${minimum.toFixed()} flags it). Review these last-minute changes.`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// A04 self score raised after a return

/**
 * A04: a self score (a budget row's, an indicator's or the 总分) higher now than when the bureau returned
 * the filing. The reference is the score the cell held at the first return after which it was changed and
 * at which it held a number; a raise that was taken back is not raised. One `warning` per cell.
 */
export function checkA04(input: HistoryRuleInput, history: FilingHistory = historyOf(input.events)): Finding[] {
  const returns = input.events.map((e, i) => (e.type === 'FilingReturned' ? i : -1)).filter((i) => i >= 0);
  if (returns.length === 0) return [];
  const out: Finding[] = [];
  for (const [path, changes] of history.byPath) {
    if (!isScorePath(path)) continue;
    const now = num(changes[changes.length - 1].value);
    if (now === null) continue;
    const valueAt = (index: number): CellValue => {
      const before = changes.filter((c) => c.index < index);
      return before.length === 0 ? null : before[before.length - 1].value;
    };
    const ret = returns.find((r) => num(valueAt(r)) !== null && changes.some((c) => c.index > r));
    if (ret === undefined) continue;
    const reference = num(valueAt(ret));
    if (reference === null || !now.gt(reference)) continue;
    const raised = (c: HistoryChange) => {
      const value = num(c.value);
      const previous = num(c.previous);
      return value !== null && (previous === null || value.gt(previous));
    };
    const raisedBy = [...changes].reverse().find((c) => c.index > ret && raised(c)) ?? changes[changes.length - 1];
    const returnEvent = input.events[ret];
    const comment = returnEvent.type === 'FilingReturned' ? returnEvent.data.comments.find((c) => c.path !== null && (c.path === path || c.path === raisedBy.pathThen)) : undefined;
    const reason = hasText(raisedBy.event.reason) ? `，修改原因：“${raisedBy.event.reason}”` : '，未说明原因';
    out.push({
      ruleId: 'A04',
      severity: 'warning',
      table: tableOf(path),
      paths: [path],
      expected: two(reference),
      actual: two(now),
      message:
        `${cellLabel(path)}在财政局 ${when(returnEvent)}退回后由 ${show(reference)} 分提高到 ${show(now)} 分（${actorText(raisedBy.event.actor)}，${when(raisedBy.event)}${reason}）` +
        `${comment ? `；退回意见：“${comment.text}”` : ''}。退回后提高自评得分须有充分依据，请核实提高的理由和佐证材料。`,
      messageEn: `${path}: raised from ${show(reference)} to ${show(now)} after the bureau returned the filing (${whenEn(returnEvent)}), by ${actorTextEn(raisedBy.event.actor)} at ${whenEn(raisedBy.event)}. Check the grounds for the higher score.`,
    });
  }
  return out;
}

/** Group A of anomaly-rules.md, in catalogue order. */
export const HISTORY_RULES: readonly HistoryRule[] = Object.freeze([
  { id: 'A01', group: 'A', title: '送审后修改数据', defaultSeverity: 'info', check: checkA01 },
  { id: 'A02', group: 'A', title: '预算调整或得分修改未说明原因', defaultSeverity: 'warning', check: checkA02 },
  { id: 'A03', group: 'A', title: '截止前集中修改数据', defaultSeverity: 'info', check: checkA03 },
  { id: 'A04', group: 'A', title: '退回后提高自评得分', defaultSeverity: 'warning', check: checkA04 },
] satisfies HistoryRule[]);

/**
 * Runs the A rules over one filing's history. The cells' history is computed once; a rule that throws (a
 * bug, or a stream the filing's fold refuses) is reported as an `info` finding naming it, as `checkFiling`
 * does, and the other rules still run.
 */
export function checkHistory(input: HistoryRuleInput, rules: readonly HistoryRule[] = HISTORY_RULES): Finding[] {
  let history: FilingHistory | undefined;
  let failure: unknown = null;
  try {
    history = historyOf(input.events);
  } catch (error) {
    failure = error;
  }
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      if (!history) throw failure;
      findings.push(...rule.check(input, history));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      findings.push({
        ruleId: rule.id,
        severity: 'info',
        table: 'overall',
        paths: [],
        expected: null,
        actual: null,
        message: `规则 ${rule.id} 未能完成检查（程序错误，已记录）：${why}`,
        messageEn: `rule ${rule.id} failed: ${why}`,
      });
    }
  }
  return findings;
}
