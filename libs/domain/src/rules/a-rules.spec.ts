import type { FilingCommand } from '../filing/filing.commands';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import type { HistoryEvent } from './a-support';
import { beijingTime, cellLabel, deadlineEnd, hasText } from './a-support';
import type { HistoryRuleInput } from './a-rules';
import { HISTORY_RULES, checkHistory } from './a-rules';
import type { Finding } from './rule.types';
import type { Step } from './sa.spec-support';
import { ACCEPT, COUNTY, EXPENSE_CELLS, FILER, FILER_2, IMPORT, RETURN, REVIEWER, SUBMIT, importedFiling, play, record, set } from './sa.spec-support';

/** A01–A04 on histories built through the decider with their metadata: each rule triggered, the corrected history silent, edge cases. */

const DEADLINE = '2024-06-30';
const input = (events: HistoryEvent[], deadline: string | null = DEADLINE, template = NATIONAL_DEFAULT_TEMPLATE): HistoryRuleInput => ({ events, deadline, template });
const brief = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, table: f.table, path: f.paths[0], expected: f.expected, actual: f.actual });
const run = (events: HistoryEvent[], id: string, deadline: string | null = DEADLINE, template = NATIONAL_DEFAULT_TEMPLATE) =>
  checkHistory(input(events, deadline, template), HISTORY_RULES.filter((r) => r.id === id));
const only = (events: HistoryEvent[], id: string, deadline: string | null = DEADLINE, template = NATIONAL_DEFAULT_TEMPLATE) => run(events, id, deadline, template).map(brief);

const step = (command: FilingCommand, at: string, more: Partial<Step> = {}): Step => ({ command, at, ...more });
const imported = importedFiling();
const SCORE = 'overall.indicators.output.quantity.培训场次.score';

/** Imported, corrected once with a reason, submitted, accepted: nothing to see. */
const clean = play(
  imported,
  step(set('overall.budget.executed', '97.50'), '2024-06-10T02:00:00.000Z', { reason: '按决算数更正' }),
  step(SUBMIT, '2024-06-15T02:00:00.000Z'),
  step(ACCEPT, '2024-06-20T02:00:00.000Z', { actor: REVIEWER, source: 'api', reason: '审核通过' }),
);

/** Submitted on 06-15, returned on 06-16 with a comment on the 培训场次 score. */
const returned = play(
  imported,
  step(SUBMIT, '2024-06-15T02:00:00.000Z'),
  step(RETURN('培训场次得分依据不足', SCORE), '2024-06-16T02:00:00.000Z', { actor: REVIEWER, source: 'api', reason: '退回修改' }),
);

describe('A rules', () => {
  it('are A01–A04 in catalogue order, with the catalogue severities', () => {
    expect(HISTORY_RULES.map((r) => [r.id, r.group, r.defaultSeverity])).toEqual([
      ['A01', 'A', 'info'],
      ['A02', 'A', 'warning'],
      ['A03', 'A', 'info'],
      ['A04', 'A', 'warning'],
    ]);
  });

  it('raise nothing on a clean history (imported, a change with a reason, submitted, accepted)', () => {
    expect(checkHistory(input(clean))).toEqual([]);
    expect(checkHistory(input(imported))).toEqual([]);
    expect(checkHistory(input([]))).toEqual([]);
  });

  it('report a stream the filing cannot fold as an info finding per rule, as checkFiling does', () => {
    const broken = [...imported, { ...imported[imported.length - 1], type: 'IndicatorTargetSet', data: { sheet: { table: 'overall' }, indicatorId: 'nope', target: '1' } } as HistoryEvent];
    const found = checkHistory(input(broken));
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([
      ['A01', 'info'],
      ['A02', 'info'],
      ['A03', 'info'],
      ['A04', 'info'],
    ]);
    expect(found[0].message).toMatch(/^规则 A01 未能完成检查/u);
  });
});

describe('support', () => {
  it('names cells as the forms do', () => {
    expect(cellLabel('overall.budget.executed')).toBe('附件二 年度资金总额 全年执行数');
    expect(cellLabel(SCORE)).toBe('附件二 产出指标—数量指标“培训场次” 自评得分');
    expect(cellLabel('project:站点建设.funds.carryOver.full')).toBe('附件三“站点建设” 上年结转资金 全年预算数');
    expect(cellLabel('basic.expense.threePublic.actual')).toBe('附件一 三公经费 本年决算数');
    expect(cellLabel('report.quoted.年中追加#2')).toBe('附件四 引用数字“年中追加”（第 2 处）');
    expect(cellLabel('nonsense.path')).toBe('nonsense.path');
  });

  it('a deadline ends at 24:00 Beijing time; times are shown in Beijing time', () => {
    expect(new Date(deadlineEnd('2024-06-30')!).toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(deadlineEnd('2024-02-30')).toBeNull();
    expect(deadlineEnd('30/06/2024')).toBeNull();
    expect(deadlineEnd(null)).toBeNull();
    expect(beijingTime('2024-06-30T15:59:00.000Z')).toBe('2024-06-30 23:59');
  });

  it('a reason says something', () => {
    expect([null, '', '  ', '无', '——', '-', '/', '暂无'].map(hasText)).toEqual([false, false, false, false, false, false, false, false]);
    expect(hasText('按衡财预〔2023〕12号追加')).toBe(true);
  });
});

describe('A01 figures changed after submission', () => {
  const changed = play(
    returned,
    step(set('overall.budget.executed', '96'), '2024-06-17T02:00:00.000Z', { reason: '按决算数更正' }),
    step(set('project:站点建设.budget.executed', '48'), '2024-06-17T03:00:00.000Z', { actor: FILER_2, reason: '更正' }),
    step(set('overall.indicators.benefit.social.群众知晓率.actual', '89%'), '2024-06-17T04:00:00.000Z', { reason: '更正' }),
    step(SUBMIT, '2024-06-18T02:00:00.000Z'),
  );

  it('one info per table, listing the cells that differ from the submission, with who and when', () => {
    expect(only(changed, 'A01')).toEqual([
      { ruleId: 'A01', severity: 'info', table: 'overall', path: 'overall.budget.executed', expected: null, actual: null },
      { ruleId: 'A01', severity: 'info', table: 'project:站点建设', path: 'project:站点建设.budget.executed', expected: null, actual: null },
    ]);
    const [overall, project] = run(changed, 'A01');
    expect(overall.paths).toEqual(['overall.budget.executed', 'overall.indicators.benefit.social.群众知晓率.actual']);
    const submittedAt = imported.length + 1;
    expect(overall.message).toBe(
      `附件二在 2024-06-15 10:00（第 ${submittedAt} 版）首次送审后，有 2 项数据与送审时不同：` +
        `附件二 年度资金总额 全年执行数：“98.00” → “96”（用户 filer-1（unit_filer），2024-06-17 10:00（第 ${submittedAt + 2} 版））；` +
        `附件二 效益指标—社会效益指标“群众知晓率” 实际完成值：“88%” → “89%”（用户 filer-1（unit_filer），2024-06-17 12:00（第 ${submittedAt + 4} 版））。` +
        '请审核时核对这些修改的依据，以及是否按退回意见修改。',
    );
    expect(project.message).toContain('用户 filer-2（unit_filer）');
  });

  it('a cell changed back to its submitted value is not listed', () => {
    const back = play(changed, step(RETURN(), '2024-06-19T02:00:00.000Z', { actor: REVIEWER, source: 'api' }), step(set('overall.budget.executed', '98'), '2024-06-19T03:00:00.000Z', { reason: '恢复' }));
    expect(run(back, 'A01').map((f) => [f.table, f.paths])).toEqual([
      ['project:站点建设', ['project:站点建设.budget.executed']],
      ['overall', ['overall.indicators.benefit.social.群众知晓率.actual']],
    ]);
    const allBack = play(
      back,
      step(set('overall.indicators.benefit.social.群众知晓率.actual', '88%'), '2024-06-19T03:00:00.000Z', { reason: '恢复' }),
      step(set('project:站点建设.budget.executed', '49.00'), '2024-06-19T03:00:00.000Z', { reason: '恢复' }),
    );
    expect(only(allBack, 'A01')).toEqual([]);
  });

  it('names a renamed project\'s cells by today\'s name', () => {
    const renamed = play(
      returned,
      step({ type: 'RenameProject', part: 'table', from: '站点建设', to: '站点改造' }, '2024-06-17T02:00:00.000Z'),
      step(set('project:站点改造.budget.executed', '47'), '2024-06-17T03:00:00.000Z', { reason: '更正' }),
    );
    const [f] = run(renamed, 'A01');
    expect(brief(f)).toMatchObject({ table: 'project:站点改造', path: 'project:站点改造.budget.executed' });
    expect(f.message).toContain('附件三“站点改造” 年度资金总额 全年执行数：“49.00” → “47”');
  });

  it('a project removed after the submission: its cells are listed under its last name, now empty', () => {
    const removed = play(returned, step({ type: 'RemoveProject', name: '站点建设' }, '2024-06-17T02:00:00.000Z', { reason: '项目合并' }));
    const [f] = run(removed, 'A01');
    expect(f.table).toBe('project:站点建设');
    expect(f.paths).toHaveLength(4);
    expect(f.message).toContain('“50.00” → （空）');
  });

  it('changes before the first submission are not A01\'s; an unsubmitted filing is silent', () => {
    expect(only(clean, 'A01')).toEqual([]);
    expect(only(play(imported, step(set('overall.budget.executed', '90'), '2024-06-17T02:00:00.000Z')), 'A01')).toEqual([]);
  });
});

describe('A02 adjustment or score change without a reason', () => {
  const adjust = (more: Partial<Step> & { documentNumber?: string }) =>
    play(imported, step({ type: 'SetFigure', path: 'overall.budget.full', value: '120', ...(more.documentNumber ? { adjustment: { documentNumber: more.documentNumber } } : {}) }, '2024-06-10T02:00:00.000Z', more));

  it('a budget adjustment with neither reason nor document number: warning on its cell', () => {
    const bare = adjust({});
    expect(only(bare, 'A02')).toEqual([{ ruleId: 'A02', severity: 'warning', table: 'overall', path: 'overall.budget.full', expected: null, actual: null }]);
    expect(run(bare, 'A02')[0].message).toBe(
      `附件二 年度资金总额 全年预算数：2024-06-10 10:00（第 ${imported.length + 1} 版） 用户 filer-1（unit_filer）追加 20.00 万元（全年预算数 “100.00” → “120”），未填写调整文号和原因。` +
        '预算调整须有依据：请补充调整文件文号及调整原因，由审核人员核实后在本提示中记录核实情况。',
    );
    expect(only(adjust({ reason: '无' }), 'A02')).toHaveLength(1);
  });

  it('the same adjustment with a reason, or with a document number: silent', () => {
    expect(only(adjust({ reason: '年中追加网格员补贴' }), 'A02')).toEqual([]);
    expect(only(adjust({ documentNumber: '衡财预〔2024〕12号' }), 'A02')).toEqual([]);
  });

  it('imported adjustments are never A02\'s (the imported history has one without a reason)', () => {
    expect(imported.some((e) => e.type === 'BudgetAdjusted' && e.data.reason === null && e.reason === null)).toBe(true);
    expect(only(imported, 'A02')).toEqual([]);
    const reimported = play(returned, step({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'decrease', amount: '5' }, '2024-06-17T02:00:00.000Z', { source: IMPORT }));
    expect(only(reimported, 'A02')).toEqual([]);
  });

  it('a self score corrected after the submission without a reason: warning; with one: silent; imported: silent', () => {
    const lowered = play(returned, step(set(SCORE, '40'), '2024-06-17T02:00:00.000Z'));
    expect(only(lowered, 'A02')).toEqual([{ ruleId: 'A02', severity: 'warning', table: 'overall', path: SCORE, expected: null, actual: null }]);
    expect(run(lowered, 'A02')[0].message).toContain('修改自评得分 “45” → “40”（送审后），未说明原因。送审后修改自评得分须说明理由');
    expect(only(play(returned, step(set(SCORE, '40'), '2024-06-17T02:00:00.000Z', { reason: '按退回意见扣分' })), 'A02')).toEqual([]);
    expect(only(play(returned, step(record({ [SCORE]: '40' }), '2024-06-17T02:00:00.000Z', { source: IMPORT })), 'A02')).toEqual([]);
  });

  it('a self score entered after the submission without a reason fires too; before the submission, score edits need no reason', () => {
    const entered = play(returned, step(set('project:站点建设.total.score', '95'), '2024-06-17T02:00:00.000Z'));
    expect(only(entered, 'A02').map((f) => f.path)).toEqual(['project:站点建设.total.score']);
    expect(run(entered, 'A02')[0].message).toContain('填入自评得分 （空） → “95”');
    expect(only(play(imported, step(set(SCORE, '40'), '2024-06-10T02:00:00.000Z')), 'A02')).toEqual([]);
  });

  it('two unexplained changes of one cell: one finding listing both', () => {
    const twice = play(returned, step(set(SCORE, '40'), '2024-06-17T02:00:00.000Z'), step(set(SCORE, '42'), '2024-06-17T03:00:00.000Z'));
    const found = run(twice, 'A02');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('“45” → “40”');
    expect(found[0].message).toContain('“40” → “42”');
  });
});

describe('A03 many changes by one person just before the deadline', () => {
  // the deadline day in Beijing time is 2024-06-29T16:00Z … 2024-06-30T16:00Z
  const edits = (count: number, at: (k: number) => string, more: Partial<Step> = {}, cells = EXPENSE_CELLS) =>
    cells.slice(0, count).map((cell, k) => step(set(cell, `${k + 2}.00`), at(k), { reason: '更正', ...more }));
  const onDeadlineDay = (k: number) => `2024-06-30T0${Math.floor(k / 10)}:${String(k % 60).padStart(2, '0')}:00.000Z`;
  const rushed = play(imported, ...edits(20, onDeadlineDay));

  it('20 figures changed by one person on the deadline day: info', () => {
    expect(only(rushed, 'A03')).toEqual([{ ruleId: 'A03', severity: 'info', table: 'basic', path: 'basic.expense.threePublic.prevActual', expected: '20', actual: '20' }]);
    const [f] = run(rushed, 'A03');
    expect(f.paths).toEqual(EXPENSE_CELLS.slice(0, 20));
    expect(f.message).toBe(
      `截止日期 2024-06-30 前 24 小时内（北京时间 2024-06-30 00:00 至 2024-06-30 24:00），用户 filer-1（unit_filer）修改了 20 项已填报的数据（2024-06-30 08:00 至 2024-06-30 09:19，第 ${imported.length + 1}–${imported.length + 20} 版）。` +
        '临近截止集中修改的数据较多（不少于 20 项即提示），请审核时重点核对这些数据及其修改依据（可在“修改记录”中逐项查看）。',
    );
  });

  it('19 changes: silent', () => {
    expect(only(play(imported, ...edits(19, onDeadlineDay)), 'A03')).toEqual([]);
  });

  it('no deadline: silent', () => {
    expect(only(rushed, 'A03', null)).toEqual([]);
    expect(only(rushed, 'A03', 'not a date')).toEqual([]);
  });

  it('outside the window (the evening before, or after the deadline): silent; a 48-hour window takes the evening before', () => {
    const eveningBefore = play(imported, ...edits(20, (k) => `2024-06-29T15:${String(k).padStart(2, '0')}:00.000Z`));
    expect(only(eveningBefore, 'A03')).toEqual([]);
    const late = play(imported, ...edits(20, (k) => `2024-06-30T16:${String(k).padStart(2, '0')}:00.000Z`));
    expect(only(late, 'A03')).toEqual([]);
    const wide = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    wide.parameters.anomalies.A03WindowHours = '48';
    expect(only(eveningBefore, 'A03', DEADLINE, wide)).toHaveLength(1);
  });

  it('counts per person: two people with 10 changes each are silent', () => {
    const shared = play(imported, ...edits(10, onDeadlineDay), ...edits(20, onDeadlineDay, { actor: FILER_2 }).slice(10));
    expect(only(shared, 'A03')).toEqual([]);
  });

  it('counts different cells that held a value: filling in empty cells, one cell changed 25 times, imports and the system do not count', () => {
    const blank = play([], step({ type: 'OpenFiling', countyCode: COUNTY, unitCode: 'blank', year: 2023 }, '2024-06-01T00:00:00.000Z'), ...edits(25, onDeadlineDay));
    expect(only(blank, 'A03')).toEqual([]);
    const oneCell = play(imported, ...Array.from({ length: 25 }, (_v, k) => step(set('basic.expense.office.actual', `${k + 2}`), onDeadlineDay(k), { reason: '调整' })));
    expect(only(oneCell, 'A03')).toEqual([]);
    expect(only(play(imported, ...edits(25, onDeadlineDay, { source: IMPORT })), 'A03')).toEqual([]);
    expect(only(play(imported, ...edits(25, onDeadlineDay, { source: 'system' })), 'A03')).toEqual([]);
  });

  it('"many" is A03MinChanges (default 20), read from the template when it has one', () => {
    const five = play(imported, ...edits(5, onDeadlineDay));
    expect(only(five, 'A03')).toEqual([]);
    const eager = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    (eager.parameters.anomalies as unknown as Record<string, string>).A03MinChanges = '5';
    expect(only(five, 'A03', DEADLINE, eager)).toMatchObject([{ expected: '5', actual: '5' }]);
  });
});

describe('A04 self score raised after a return', () => {
  const raised = play(returned, step(set(SCORE, '50'), '2024-06-17T02:00:00.000Z'));

  it('a score raised after the return: warning, from the score at the return to the score now', () => {
    expect(only(raised, 'A04')).toEqual([{ ruleId: 'A04', severity: 'warning', table: 'overall', path: SCORE, expected: '45.00', actual: '50.00' }]);
    expect(run(raised, 'A04')[0].message).toBe(
      `附件二 产出指标—数量指标“培训场次” 自评得分在财政局 2024-06-16 10:00（第 ${imported.length + 2} 版）退回后由 45 分提高到 50 分（用户 filer-1（unit_filer），2024-06-17 10:00（第 ${imported.length + 3} 版），未说明原因）；` +
        '退回意见：“培训场次得分依据不足”。退回后提高自评得分须有充分依据，请核实提高的理由和佐证材料。',
    );
  });

  it('lowered back to the returned score (or below): gone', () => {
    expect(only(play(raised, step(set(SCORE, '45'), '2024-06-17T03:00:00.000Z', { reason: '恢复' })), 'A04')).toEqual([]);
    expect(only(play(returned, step(set(SCORE, '44'), '2024-06-17T02:00:00.000Z', { reason: '扣分' })), 'A04')).toEqual([]);
  });

  it('a raise before any return is not A04\'s', () => {
    expect(only(play(imported, step(set(SCORE, '50'), '2024-06-10T02:00:00.000Z')), 'A04')).toEqual([]);
  });

  it('emptying the score and entering a higher one still counts as a raise; the total raised with it is a raise too', () => {
    const reentered = play(
      returned,
      step(set(SCORE, null), '2024-06-17T02:00:00.000Z', { reason: '重填' }),
      step(set(SCORE, '48'), '2024-06-17T02:01:00.000Z', { reason: '按实际完成情况' }),
      step(set('overall.total.score', '85.8'), '2024-06-17T02:02:00.000Z', { reason: '按实际完成情况' }),
    );
    expect(only(reentered, 'A04').map((f) => [f.path, f.expected, f.actual])).toEqual([
      [SCORE, '45.00', '48.00'],
      ['overall.total.score', '82.80', '85.80'],
    ]);
    expect(run(reentered, 'A04')[0].message).toContain('修改原因：“按实际完成情况”');
  });

  it('a second return: the reference is the score at the first return after which it changed', () => {
    const twice = play(
      raised,
      step(SUBMIT, '2024-06-18T02:00:00.000Z'),
      step(RETURN('其他问题'), '2024-06-19T02:00:00.000Z', { actor: REVIEWER, source: 'api' }),
      step(set(SCORE, '49'), '2024-06-20T02:00:00.000Z', { reason: '下调' }),
    );
    expect(only(twice, 'A04').map((f) => [f.expected, f.actual])).toEqual([['45.00', '49.00']]);
  });
});
