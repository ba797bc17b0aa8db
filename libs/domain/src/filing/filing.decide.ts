import { isNumericValue, normaliseName, normaliseValue, sameValue, splitPath } from '../figure-path';
import type { FigureInput, FilingCommand } from './filing.commands';
import { FilingError, filingErrors } from './filing.errors';
import type { CellValue, FilingEvent } from './filing.events';
import { assertNever } from './filing.events';
import { effectiveFullBudget, formatExactAmount, numericOf } from './filing.figures';
import type { FigureAddress, SheetName, ValueKind } from './filing.paths';
import { indicatorDisplayNames, parseFigurePath, projectDisplayNames, splitOccurrence, tableOfPath, valueKindOf } from './filing.paths';
import type { FilingState, SheetState } from './filing.state';
import { emptyBudgetRow, fold, scoreAt, weightAt } from './filing.state';
import type { ScoreAt, Sheet, WeightAt } from './filing.types';
import { quotedLabel } from './report-lexicon';

/**
 * Pure: the events a command produces on a filing in `state`, or a FilingError. An empty array means
 * the command changes nothing (e.g. a value equal to the stored one: `557.7` over `557.70`).
 */
export function decide(command: FilingCommand, state: FilingState): FilingEvent[] {
  switch (command.type) {
    case 'OpenFiling':
      if (state.opened) throw filingErrors.alreadyOpen();
      if (!/^\d{6}(?:\d{3}){0,2}$/u.test(command.countyCode ?? '')) throw filingErrors.invalidField('countyCode', `行政区划代码应为 6 位数字，实为“${command.countyCode}”`, `a county code is 6 digits, got "${command.countyCode}"`);
      if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/u.test(command.unitCode ?? '')) throw filingErrors.invalidField('unitCode', `单位编码不合规：“${command.unitCode}”`, `invalid unit code "${command.unitCode}"`);
      if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2100) throw filingErrors.invalidField('year', `年度应为 2000–2100 之间的整数，实为“${command.year}”`, `year must be a whole number between 2000 and 2100, got ${command.year}`);
      return [{ type: 'FilingOpened', data: { countyCode: command.countyCode, unitCode: command.unitCode, year: command.year } }];
    case 'SetFigure': {
      editable(state);
      const address = parseFigurePath(command.path);
      return figureEvents(state, command.path, address, command.value, {
        mode: 'edit',
        date: command.adjustment?.date ?? null,
        documentNumber: command.adjustment?.documentNumber ?? null,
        reason: command.reason ?? null,
      });
    }
    case 'RecordFigures':
      editable(state);
      return recordFigures(state, command.figures, command.table);
    case 'AdjustBudget': {
      editable(state);
      const address = parseFigurePath(command.path);
      if (address.kind !== 'budget' || address.field !== 'full') {
        throw filingErrors.invalidField('path', '预算调整只能作用于全年预算数（…budget.full 或 …funds.<来源>.full）', 'an adjustment applies to a full-year budget (…budget.full or …funds.<row>.full)');
      }
      const amount = validateValue(command.path + '（调整金额）', 'amount', command.amount);
      if (amount === null || amount === '——' || numericOf(amount)?.isZero()) {
        throw filingErrors.invalidValue(command.path, '调整金额应为大于 0 的数字（万元）', 'the adjustment amount must be a number above 0 (万元)');
      }
      const { sheet, row } = budgetTarget(state, command.path, address);
      const current = effectiveFull(row);
      const delta = command.direction === 'increase' ? numericOf(amount)! : numericOf(amount)!.negated();
      if (command.stated) {
        const same = row.adjustments.some(
          (a) => a.direction === command.direction && numericOf(a.amount)!.equals(delta.abs()) && a.reason === (command.reason ?? null) && a.documentNumber === (command.documentNumber ?? null),
        );
        if (same) return [];
      }
      const fullAfter = command.stated ? current : current.plus(delta);
      if (fullAfter.isNegative()) {
        throw filingErrors.invalidValue(
          command.path,
          `调减 ${amount} 万元后全年预算数将为负数（现为 ${formatExactAmount(current)} 万元）`,
          `a decrease of ${amount} would make the full-year budget negative (it is ${formatExactAmount(current)})`,
        );
      }
      return [
        {
          type: 'BudgetAdjusted',
          data: {
            sheet,
            row: address.row,
            direction: command.direction,
            amount: formatExactAmount(delta.abs()),
            fullAfter: formatExactAmount(fullAfter),
            date: command.date ?? null,
            documentNumber: command.documentNumber ?? null,
            reason: command.reason ?? null,
          },
        },
      ];
    }
    case 'AddProject': {
      editable(state);
      const name = command.name === null ? null : validName('name', command.name);
      const lineName = command.lineName === null ? null : validName('lineName', command.lineName);
      if (name === null && lineName === null) throw filingErrors.invalidField('name', '项目名称与附件一行名称至少填写一个', 'give the project a table name, a line name or both');
      if (state.projects.some((p) => p.projectId === command.projectId)) {
        throw new FilingError('Conflict', 'project-exists', `项目编号 ${command.projectId} 已被使用`, `project id ${command.projectId} is already used`, 'projectId');
      }
      return [{ type: 'ProjectAdded', data: { projectId: command.projectId, name, lineName } }];
    }
    case 'RenameProject': {
      editable(state);
      const to = validName('to', command.to);
      const project = projectByDisplay(state, command.part, command.from);
      const current = command.part === 'table' ? project.name : project.lineName;
      if (current === to) return [];
      return [{ type: 'ProjectRenamed', data: { projectId: project.projectId, part: command.part, from: current as string, to } }];
    }
    case 'LinkProject': {
      editable(state);
      const table = projectByDisplay(state, 'table', command.name);
      const line = projectByDisplay(state, 'line', command.lineName);
      if (table.projectId === line.projectId) return [];
      if (table.lineName !== null) {
        throw new FilingError('Conflict', 'project-link-conflict', `项目“${command.name}”已对应附件一的“${table.lineName}”`, `project "${command.name}" is already linked to line "${table.lineName}"`, 'name');
      }
      if (line.name !== null) {
        throw new FilingError('Conflict', 'project-link-conflict', `附件一的“${command.lineName}”已对应项目表“${line.name}”`, `line "${command.lineName}" already has the table "${line.name}"`, 'lineName');
      }
      return [{ type: 'ProjectLinked', data: { projectId: table.projectId, mergedProjectId: line.projectId, lineName: line.lineName as string, basis: command.basis } }];
    }
    case 'RemoveProject': {
      editable(state);
      const { tables, lines } = projectDisplayNames(state);
      const project =
        state.projects.find((p) => tables.get(p.projectId) === command.name) ?? state.projects.find((p) => lines.get(p.projectId) === command.name);
      if (!project) throw filingErrors.projectNotFound(command.name);
      return [{ type: 'ProjectRemoved', data: { projectId: project.projectId } }];
    }
    case 'RemoveIndicator': {
      editable(state);
      const address = parseFigurePath(`${command.path}.target`);
      if (address.kind !== 'indicator') throw filingErrors.unknownPath(command.path, '应为指标路径 <表>.indicators.<一级>.<二级>.<名称>', 'expected an indicator path <table>.indicators.<l1>.<l2>.<name>');
      const { sheet, state: sheetState } = resolveSheet(state, command.path, address.sheet);
      const names = indicatorDisplayNames(sheetState.indicators);
      const indicator = sheetState.indicators.find((i) => i.level1 === address.level1 && i.level2 === address.level2 && names.get(i.indicatorId) === address.name);
      if (!indicator) throw filingErrors.unknownPath(command.path, '没有这一指标', 'no such indicator');
      return [{ type: 'IndicatorRemoved', data: { sheet, indicatorId: indicator.indicatorId } }];
    }
    case 'AssignTemplate': {
      opened(state);
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/u.test(command.templateId ?? '') || !Number.isInteger(command.templateVersion) || command.templateVersion < 1) {
        throw filingErrors.invalidField('template', `模板版本不合规：${command.templateId}@${command.templateVersion}`, `invalid template version ${command.templateId}@${command.templateVersion}`);
      }
      const t = state.template;
      if (t && t.templateId === command.templateId && t.templateVersion === command.templateVersion) return [];
      return [{ type: 'FilingTemplateAssigned', data: { templateId: command.templateId, templateVersion: command.templateVersion, basis: command.basis } }];
    }
    case 'SubmitFiling':
      opened(state);
      if (state.status !== 'draft') throw filingErrors.transition(state.status, '送审', 'submitted');
      return [{ type: 'FilingSubmitted', data: {} }];
    case 'ReturnFiling': {
      opened(state);
      if (state.status !== 'submitted' && state.status !== 'accepted') throw filingErrors.transition(state.status, '退回', 'returned');
      if (command.comments.length === 0) throw filingErrors.invalidField('comments', '退回时至少填写一条意见', 'a return needs at least one comment');
      const comments = command.comments.map((c, i) => {
        const text = c.text?.trim() ?? '';
        if (!text) throw filingErrors.invalidField(`comments[${i}].text`, '意见内容不能为空', 'a comment needs text');
        if (c.path !== null) parseFigurePath(c.path);
        return { path: c.path, text };
      });
      return [{ type: 'FilingReturned', data: { comments } }];
    }
    case 'AcceptFiling':
      opened(state);
      if (state.status !== 'submitted') throw filingErrors.transition(state.status, '审核通过', 'accepted');
      return [{ type: 'FilingAccepted', data: {} }];
    case 'PublishFiling':
      opened(state);
      if (state.status !== 'accepted') throw filingErrors.transition(state.status, '公开', 'published');
      return [{ type: 'FilingPublished', data: {} }];
    default:
      return assertNever(command);
  }
}

/** Goal rows a table may hold (the forms print a handful; the cap keeps a typo from creating thousands). */
export const MAX_GOAL_ROWS = 50;

function opened(state: FilingState): void {
  if (!state.opened) throw filingErrors.notOpen();
}

/** Only a draft takes edits: submitted, accepted and published filings are locked until returned. */
function editable(state: FilingState): void {
  opened(state);
  if (state.status !== 'draft') throw filingErrors.locked(state.status);
}

function validName(field: string, printed: string): string {
  const name = normaliseName(printed ?? '');
  if (!name) throw filingErrors.invalidField(field, '名称不能为空', 'the name is empty');
  // `名称#2` is how a path shows the second project of one name: a name of that form would be ambiguous
  if (splitOccurrence(name).occurrence !== 1) {
    throw filingErrors.invalidField(field, `名称“${name}”不能以“#数字”结尾（#2、#3 用于区分同名的项目）`, `the name "${name}" must not end in "#<n>" (used for same-named projects)`);
  }
  return name;
}

function projectByDisplay(state: FilingState, part: 'table' | 'line', display: string) {
  const { tables, lines } = projectDisplayNames(state);
  const names = part === 'table' ? tables : lines;
  const project = state.projects.find((p) => names.get(p.projectId) === display);
  if (!project) throw filingErrors.projectNotFound(display);
  return project;
}

function recordFigures(state: FilingState, figures: FigureInput[], table: string | undefined): FilingEvent[] {
  const events: FilingEvent[] = [];
  let current = state;
  for (const figure of figures) {
    const address = parseFigurePath(figure.path);
    if (table !== undefined && tableOfPath(figure.path) !== table) throw filingErrors.wrongTable(figure.path, table);
    const produced = figureEvents(current, figure.path, address, figure.value, { mode: 'state', date: null, documentNumber: null, reason: null });
    if (produced.length === 0) continue;
    events.push(...produced);
    current = fold(produced, current);
  }
  return events;
}

// ---------------------------------------------------------------------------------------------------
// One cell

interface EditContext {
  /** `edit`: a person changes a cell; `state`: a document states it as printed */
  mode: 'edit' | 'state';
  date: string | null;
  documentNumber: string | null;
  reason: string | null;
}

const KIND_RULES: Record<Exclude<ValueKind, 'text'>, { zh: string; en: string; percent: boolean; negative: boolean }> = {
  amount: { zh: '应为不小于 0 的金额（万元，不带 %），或“——”表示不适用', en: 'a non-negative amount (万元, no %), or "——" for not applicable', percent: false, negative: false },
  count: { zh: '应为不小于 0 的整数，或“——”', en: 'a non-negative whole number, or "——"', percent: false, negative: false },
  area: { zh: '应为不小于 0 的面积（平方米，不带 %），或“——”', en: 'a non-negative area (㎡, no %), or "——"', percent: false, negative: false },
  rate: { zh: '应为数字或百分数（如 100%），或“——”', en: 'a number or percentage (e.g. 100%), or "——"', percent: true, negative: true },
  weight: { zh: '分值应为不小于 0 的数字（不带 %），或“——”', en: 'a weight is a non-negative number (no %), or "——"', percent: false, negative: false },
  score: { zh: '得分应为数字（不带 %），或“——”', en: 'a score is a number (no %), or "——"', percent: false, negative: true },
  number: { zh: '应为数字或百分数，或“——”', en: 'a number or percentage, or "——"', percent: true, negative: true },
};

/** A value as stored for a cell of `kind`, or an error naming the path and the rule. */
export function validateValue(path: string, kind: ValueKind, value: string | null, allowNegative = false): CellValue {
  const stored = normaliseValue(value);
  if (stored === null || kind === 'text') return stored;
  const rule = KIND_RULES[kind];
  if (stored === '——') return stored;
  const ok =
    isNumericValue(stored) &&
    (rule.percent || !stored.endsWith('%')) &&
    (rule.negative || allowNegative || !stored.startsWith('-')) &&
    (kind !== 'count' || /^\+?[\d,]+$/u.test(stored));
  if (!ok) throw filingErrors.invalidValue(path, `${rule.zh}，实为“${stored}”`, `expected ${rule.en}, got "${stored}"`);
  return stored;
}

function resolveSheet(state: FilingState, path: string, name: SheetName): { sheet: Sheet; state: SheetState } {
  if (name.table === 'overall') return { sheet: { table: 'overall' }, state: state.overall };
  const { tables, lines } = projectDisplayNames(state);
  const project = state.projects.find((p) => tables.get(p.projectId) === name.name);
  if (!project) {
    const lineOnly = state.projects.find((p) => lines.get(p.projectId) === name.name);
    if (lineOnly?.name != null) {
      throw filingErrors.unknownPath(path, `附件一的“${name.name}”对应的项目表名为“${tables.get(lineOnly.projectId)}”`, `the 附件一 line "${name.name}" belongs to the project table "${tables.get(lineOnly.projectId)}"`);
    }
    if (lineOnly) throw filingErrors.unknownPath(path, `项目“${name.name}”只有附件一中的一行，没有附件三项目表`, `project "${name.name}" has a 附件一 line but no 附件三 table`);
    throw filingErrors.projectNotFound(name.name);
  }
  return { sheet: { table: 'project', projectId: project.projectId }, state: project.sheet };
}

function budgetTarget(state: FilingState, path: string, address: Extract<FigureAddress, { kind: 'budget' }>) {
  const resolved = resolveSheet(state, path, address.sheet);
  return { sheet: resolved.sheet, row: resolved.state.budget[address.row] ?? emptyBudgetRow() };
}

/** The 全年预算数 an adjustment starts from: the stated one (each adjustment restates it), else 年初, else 0. */
function effectiveFull(row: ReturnType<typeof emptyBudgetRow>) {
  return effectiveFullBudget(row) ?? numericOf('0')!;
}

function unchanged(current: CellValue | undefined, next: CellValue): boolean {
  return sameValue(current ?? null, next);
}

function figureEvents(state: FilingState, path: string, address: FigureAddress, raw: string | null, ctx: EditContext): FilingEvent[] {
  const value = validateValue(path, valueKindOf(address), raw, address.kind === 'expense' && address.item === 'basicAdjustment');
  switch (address.kind) {
    case 'staffing':
      return unchanged(state.basic.staffing[address.field], value) ? [] : [{ type: 'StaffingRecorded', data: { field: address.field, value } }];
    case 'expense':
      return unchanged(state.basic.expense[address.item]?.[address.column], value)
        ? []
        : [{ type: 'ExpenseLineRecorded', data: { item: address.item, column: address.column, value } }];
    case 'projectLine': {
      const { lines } = projectDisplayNames(state);
      const project = state.projects.find((p) => lines.get(p.projectId) === address.lineName);
      if (!project) {
        const table = state.projects.find((p) => projectDisplayNames(state).tables.get(p.projectId) === address.lineName);
        if (table) {
          throw filingErrors.unknownPath(
            path,
            table.lineName === null
              ? `附件三的“${address.lineName}”在附件一中没有对应的一行（可用 project link 关联）`
              : `附件三的“${address.lineName}”在附件一中名为“${lines.get(table.projectId)}”`,
            table.lineName === null ? `the 附件三 table "${address.lineName}" has no 附件一 line` : `the 附件三 table "${address.lineName}" is printed as "${lines.get(table.projectId)}" in 附件一`,
          );
        }
        throw filingErrors.projectNotFound(address.lineName);
      }
      return unchanged(project.line[address.column], value) ? [] : [{ type: 'ProjectExpenseLineRecorded', data: { projectId: project.projectId, column: address.column, value } }];
    }
    case 'buildings':
      return unchanged(state.basic.buildings[address.field], value) ? [] : [{ type: 'BuildingsRecorded', data: { field: address.field, value } }];
    case 'savingsMeasures':
      return unchanged(state.basic.savingsMeasures, value) ? [] : [{ type: 'SavingsMeasuresWritten', data: { text: value } }];
    case 'signoff': {
      if (address.table.table === 'basic') {
        return unchanged(state.basic.signoff[address.field], value) ? [] : [{ type: 'SignoffRecorded', data: { table: 'basic', field: address.field, value } }];
      }
      const { sheet, state: s } = resolveSheet(state, path, address.table);
      if (unchanged(s.signoff[address.field], value)) return [];
      return [
        sheet.table === 'overall'
          ? { type: 'SignoffRecorded', data: { table: 'overall', field: address.field, value } }
          : { type: 'SignoffRecorded', data: { table: 'project', projectId: sheet.projectId, field: address.field, value } },
      ];
    }
    case 'header': {
      const { sheet, state: s } = resolveSheet(state, path, address.sheet);
      return unchanged(s.header[address.field], value) ? [] : [{ type: 'HeaderFieldSet', data: { sheet, field: address.field, value } }];
    }
    case 'budget':
      return budgetEvents(state, path, address, value, ctx);
    case 'funds':
      return unchanged(state.funds[address.category], value) ? [] : [{ type: 'FundsRecorded', data: { category: address.category, amount: value } }];
    case 'goal': {
      const { sheet, state: s } = resolveSheet(state, path, address.sheet);
      // A goal block may have empty rows before a filled one (the row number is the printed row).
      if (address.goal > MAX_GOAL_ROWS) {
        throw filingErrors.unknownPath(path, `目标行号不能超过 ${MAX_GOAL_ROWS}`, `a goal row number is at most ${MAX_GOAL_ROWS}`);
      }
      return unchanged(s.goals[address.goal - 1]?.[address.field], value) ? [] : [{ type: 'GoalWritten', data: { sheet, goal: address.goal, field: address.field, text: value } }];
    }
    case 'group': {
      const { sheet, state: s } = resolveSheet(state, path, address.sheet);
      return weightEvents(s, sheet, { kind: 'group', level1: address.level1 }, value);
    }
    case 'indicator':
      return indicatorEvents(state, path, address, value);
    case 'total': {
      const { sheet, state: s } = resolveSheet(state, path, address.sheet);
      return address.field === 'weight' ? weightEvents(s, sheet, { kind: 'total' }, value) : scoreEvents(s, sheet, { kind: 'total' }, value);
    }
    case 'cover':
      return unchanged(state.report.cover[address.field], value) ? [] : [{ type: 'CoverFieldSet', data: { field: address.field, value } }];
    case 'section':
      return unchanged(state.report.sections[address.section], value) ? [] : [{ type: 'ReportSectionWritten', data: { section: address.section, text: value } }];
    case 'quoted': {
      if (!quotedLabel(address.label)) {
        throw filingErrors.unknownPath(path, `“${address.label}”不在报告引用数字的词表中（见 docs/figure-paths.md）`, `"${address.label}" is not in the quoted-figure lexicon`);
      }
      const count = state.report.quoted.filter((q) => q.label === address.label).length;
      if (address.occurrence > count + 1) {
        throw filingErrors.unknownPath(path, `“${address.label}”现有 ${count} 处引用，下一处为 #${count + 1}`, `"${address.label}" is quoted ${count} time(s); the next is #${count + 1}`);
      }
      const current = state.report.quoted.find((q) => q.label === address.label && q.occurrence === address.occurrence);
      return unchanged(current?.value, value) ? [] : [{ type: 'ReportFigureQuoted', data: { label: address.label, occurrence: address.occurrence, value } }];
    }
    case 'statedGrade':
      return unchanged(state.report.statedGrade, value) ? [] : [{ type: 'GradeStated', data: { printed: value } }];
    default:
      return assertNever(address);
  }
}

function weightEvents(s: SheetState, sheet: Sheet, at: WeightAt, value: CellValue): FilingEvent[] {
  return unchanged(weightAt(s, at), value) ? [] : [{ type: 'WeightSet', data: { sheet, at, weight: value } }];
}

function scoreEvents(s: SheetState, sheet: Sheet, at: ScoreAt, value: CellValue): FilingEvent[] {
  const previous = scoreAt(s, at);
  if (unchanged(previous, value)) return [];
  if (previous === null) return [{ type: 'SelfScoreEntered', data: { sheet, at, score: value } }];
  return [{ type: 'SelfScoreCorrected', data: { sheet, at, previous, score: value } }];
}

function budgetEvents(state: FilingState, path: string, address: Extract<FigureAddress, { kind: 'budget' }>, value: CellValue, ctx: EditContext): FilingEvent[] {
  const { sheet, row } = budgetTarget(state, path, address);
  const r = address.row;
  const s = resolveSheet(state, path, address.sheet).state;
  switch (address.field) {
    case 'initial':
      return unchanged(row.initial, value) ? [] : [{ type: 'InitialBudgetSet', data: { sheet, row: r, amount: value } }];
    case 'full': {
      // A document states its 全年预算数; so does a person who types it where there is nothing to adjust yet.
      if (ctx.mode === 'state' || value === null || value === '——' || (row.full === null && row.initial === null && row.adjustments.length === 0)) {
        return unchanged(row.full, value) ? [] : [{ type: 'FullBudgetStated', data: { sheet, row: r, amount: value } }];
      }
      const next = numericOf(value);
      if (next === null) {
        throw filingErrors.invalidValue(path, '全年预算数的修改记为一笔预算调整（追加/调减），须为数字', 'a change of the full-year budget is recorded as an adjustment and must be a number');
      }
      const current = effectiveFull(row);
      const delta = next.minus(current);
      if (delta.isZero()) return unchanged(row.full, value) ? [] : [{ type: 'FullBudgetStated', data: { sheet, row: r, amount: value } }];
      return [
        {
          type: 'BudgetAdjusted',
          data: {
            sheet,
            row: r,
            direction: delta.isPositive() ? 'increase' : 'decrease',
            amount: formatExactAmount(delta.abs()),
            fullAfter: value as string,
            date: ctx.date,
            documentNumber: ctx.documentNumber,
            reason: ctx.reason,
          },
        },
      ];
    }
    case 'executed':
      return unchanged(row.executed, value) ? [] : [{ type: 'SpendingRecorded', data: { sheet, row: r, executed: value } }];
    case 'rate':
      return unchanged(row.rate, value) ? [] : [{ type: 'ExecutionRateStated', data: { sheet, row: r, rate: value } }];
    case 'weight':
      return weightEvents(s, sheet, { kind: 'budget', row: r }, value);
    case 'score':
      return scoreEvents(s, sheet, { kind: 'budget', row: r }, value);
    default:
      return assertNever(address.field);
  }
}

function indicatorEvents(state: FilingState, path: string, address: Extract<FigureAddress, { kind: 'indicator' }>, value: CellValue): FilingEvent[] {
  const { sheet, state: s } = resolveSheet(state, path, address.sheet);
  const names = indicatorDisplayNames(s.indicators);
  const events: FilingEvent[] = [];
  let indicator = s.indicators.find((i) => i.level1 === address.level1 && i.level2 === address.level2 && names.get(i.indicatorId) === address.name);
  let current = s;
  if (!indicator) {
    if (value === null) return []; // an empty cell of a row that does not exist: nothing to record
    const { name, occurrence } = splitOccurrence(address.name);
    if (normaliseName(name) !== name || name === '') {
      throw filingErrors.unknownPath(path, `指标名称应为规范形式“${normaliseName(name)}”（去掉编号、“其中：”、换行和结尾冒号）`, `the indicator name must be normalised: "${normaliseName(name)}"`);
    }
    const existing = s.indicators.filter((i) => i.level1 === address.level1 && i.level2 === address.level2 && i.name === name).length;
    if (occurrence !== existing + 1) {
      throw filingErrors.unknownPath(path, `同名指标“${name}”现有 ${existing} 行，新的一行应为 ${existing === 0 ? name : `${name}#${existing + 1}`}`, `"${name}" has ${existing} row(s); a new row is ${existing === 0 ? name : `${name}#${existing + 1}`}`);
    }
    const indicatorId = `i${state.indicatorSeq + 1}`;
    const defined: FilingEvent = { type: 'IndicatorDefined', data: { sheet, indicatorId, level1: address.level1, level2: address.level2, name } };
    events.push(defined);
    const after = fold([defined], state);
    current = resolveSheet(after, path, address.sheet).state;
    indicator = current.indicators.find((i) => i.indicatorId === indicatorId)!;
  }
  const id = indicator.indicatorId;
  switch (address.field) {
    case 'target':
      if (!unchanged(indicator.target, value)) events.push({ type: 'IndicatorTargetSet', data: { sheet, indicatorId: id, target: value } });
      break;
    case 'actual':
      if (!unchanged(indicator.actual, value)) events.push({ type: 'IndicatorActualRecorded', data: { sheet, indicatorId: id, actual: value } });
      break;
    case 'deviation':
      if (!unchanged(indicator.deviation, value)) events.push({ type: 'DeviationExplained', data: { sheet, indicatorId: id, text: value } });
      break;
    case 'weight':
      events.push(...weightEvents(current, sheet, { kind: 'indicator', indicatorId: id }, value));
      break;
    case 'score':
      events.push(...scoreEvents(current, sheet, { kind: 'indicator', indicatorId: id }, value));
      break;
    default:
      assertNever(address.field);
  }
  return events;
}

/** Whether every path an event sets lies in `table` (a path is only written in its own table). */
export function pathsWithinTable(paths: string[], table: string): boolean {
  return paths.every((p) => splitPath(p)[0] === table);
}
