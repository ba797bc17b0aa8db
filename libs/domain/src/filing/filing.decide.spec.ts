import type { FilingCommand, FilingCommandType, FilingEvent, FilingState, Sheet } from '../index';
import { FilingError, computedOf, decide, figuresOf, fold, tablesViewOf } from '../index';

/**
 * The filing decider, given(events) → when(command) → then(events | error). Every command of the
 * FilingCommand union, every workflow transition and every refusal of filing.decide.ts.
 */

const OPENED: FilingEvent = { type: 'FilingOpened', data: { countyCode: '430423', unitCode: 'wgzx', year: 2023 } };
const OVERALL: Sheet = { table: 'overall' };
const P1: Sheet = { table: 'project', projectId: 'p1' };
/** 附件三 业务经费, printed in 附件一 as 业务工作经费 (the fixture's two names), already linked. */
const PROJECT: FilingEvent = { type: 'ProjectAdded', data: { projectId: 'p1', name: '业务经费', lineName: '业务工作经费' } };
const SUBMITTED: FilingEvent = { type: 'FilingSubmitted', data: {} };
const ACCEPTED: FilingEvent = { type: 'FilingAccepted', data: {} };
const PUBLISHED: FilingEvent = { type: 'FilingPublished', data: {} };
const RETURNED: FilingEvent = { type: 'FilingReturned', data: { comments: [{ path: null, text: '请补充偏差原因' }] } };

interface Expectation {
  code: string;
  kind?: FilingError['kind'];
  field?: string;
  /** fragments the Chinese message must contain */
  says?: string[];
}

function errorOf(run: () => unknown): FilingError {
  try {
    run();
  } catch (error) {
    if (error instanceof FilingError) return error;
    throw error;
  }
  throw new Error('expected a FilingError, but the command was accepted');
}

function expectError(error: FilingError, expected: Expectation): void {
  expect(error.code).toBe(expected.code);
  if (expected.kind) expect(error.kind).toBe(expected.kind);
  if (expected.field !== undefined) expect(error.field).toBe(expected.field);
  // a message for a finance officer: Chinese, with an English twin
  expect(error.message).toMatch(/[\u4e00-\u9fff]/u);
  expect(error.messageEn).toMatch(/[a-z]/u);
  for (const fragment of expected.says ?? []) expect(error.message).toContain(fragment);
}

function given(...history: FilingEvent[]) {
  const state = fold(history);
  return {
    state,
    when(command: FilingCommand) {
      return {
        /** the command produces exactly `expected`; returns the state after them */
        then(expected: FilingEvent[]): FilingState {
          const before = structuredClone(state);
          const events = decide(command, state);
          expect(events).toEqual(expected);
          expect(state).toEqual(before); // decide is pure: the state is not touched
          return fold(events, state);
        },
        thenError(expected: Expectation): FilingError {
          const error = errorOf(() => decide(command, state));
          expectError(error, expected);
          return error;
        },
      };
    },
  };
}

/** The events a sequence of commands produces, each decided on the state the previous ones left. */
function eventsOf(...commands: FilingCommand[]): FilingEvent[] {
  const events: FilingEvent[] = [];
  let state = fold([]);
  for (const command of commands) {
    const produced = decide(command, state);
    events.push(...produced);
    state = fold(produced, state);
  }
  return events;
}

const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });
const open: FilingCommand = { type: 'OpenFiling', countyCode: '430423', unitCode: 'wgzx', year: 2023 };

/** One example of every command but OpenFiling; a new command type must be added here (compile error). */
const ONE_OF_EACH: Record<Exclude<FilingCommandType, 'OpenFiling'>, FilingCommand> = {
  SetFigure: set('overall.budget.executed', '557.70'),
  RecordFigures: { type: 'RecordFigures', figures: [{ path: 'overall.budget.executed', value: '557.70' }] },
  AdjustBudget: { type: 'AdjustBudget', path: 'overall.budget.full', direction: 'increase', amount: '10' },
  AddProject: { type: 'AddProject', projectId: 'p2', name: '综治中心建设', lineName: '综治中心建设' },
  RenameProject: { type: 'RenameProject', part: 'table', from: '业务经费', to: '业务经费（更名）' },
  LinkProject: { type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'command' },
  RemoveProject: { type: 'RemoveProject', name: '业务经费' },
  RemoveIndicator: { type: 'RemoveIndicator', path: 'overall.indicators.output.quantity.管理制度日趋完善' },
  AssignTemplate: { type: 'AssignTemplate', templateId: 'national-default', templateVersion: 1, basis: 'rescore' },
  SubmitFiling: { type: 'SubmitFiling' },
  ReturnFiling: { type: 'ReturnFiling', comments: [{ path: null, text: '请核对' }] },
  AcceptFiling: { type: 'AcceptFiling' },
  PublishFiling: { type: 'PublishFiling' },
};
const WORKFLOW_COMMANDS = ['SubmitFiling', 'ReturnFiling', 'AcceptFiling', 'PublishFiling'] as const;
/** Assigning a template re-scores; it is not an edit of figures and is taken in every state. */
const NOT_EDITS: readonly string[] = [...WORKFLOW_COMMANDS, 'AssignTemplate'];
const EDIT_COMMANDS = (Object.keys(ONE_OF_EACH) as (keyof typeof ONE_OF_EACH)[]).filter((t) => !NOT_EDITS.includes(t));

describe('OpenFiling', () => {
  it('opens a filing for a unit and year', () => {
    const state = given().when(open).then([OPENED]);
    expect(state).toMatchObject({ opened: true, countyCode: '430423', unitCode: 'wgzx', year: 2023, status: 'draft' });
  });

  it('refuses to open a filing twice', () => {
    given(OPENED).when(open).thenError({ code: 'filing-exists', kind: 'Conflict', says: ['已存在'] });
  });

  it.each([
    ['countyCode', { countyCode: '43042' }],
    ['countyCode', { countyCode: '' }],
    ['unitCode', { unitCode: 'wg zx' }],
    ['unitCode', { unitCode: '' }],
    ['year', { year: 1999 }],
    ['year', { year: 2101 }],
    ['year', { year: 2023.5 }],
    ['year', { year: Number.NaN }],
  ] as const)('refuses an invalid %s (%j)', (field, overrides) => {
    given()
      .when({ ...(open as Extract<FilingCommand, { type: 'OpenFiling' }>), ...overrides })
      .thenError({ code: 'invalid-field', kind: 'InvalidInput', field });
  });
});

describe('a filing that was never opened', () => {
  it.each(Object.entries(ONE_OF_EACH))('%s → filing-not-found', (_type, command) => {
    given().when(command).thenError({ code: 'filing-not-found', kind: 'NotFound', says: ['尚无填报'] });
  });
});

describe('editing a filing that is not a draft', () => {
  const states: [string, FilingEvent[], string][] = [
    ['submitted', [SUBMITTED], '已送审'],
    ['accepted', [SUBMITTED, ACCEPTED], '审核通过'],
    ['published', [SUBMITTED, ACCEPTED, PUBLISHED], '已公开'],
  ];
  const cases = states.flatMap(([status, events, zh]) => EDIT_COMMANDS.map((type) => [status, type, events, zh] as const));

  it.each(cases)('%s: %s → filing-locked', (_status, type, events, zh) => {
    given(OPENED, PROJECT, ...events)
      .when(ONE_OF_EACH[type])
      .thenError({ code: 'filing-locked', kind: 'Conflict', says: [`“${zh}”`, '不能修改', '退回'] });
  });

  it('a returned filing is a draft again and takes edits', () => {
    given(OPENED, SUBMITTED, RETURNED)
      .when(set('overall.budget.executed', '557.70'))
      .then([{ type: 'SpendingRecorded', data: { sheet: OVERALL, row: 'total', executed: '557.70' } }]);
  });
});

describe('workflow: draft → submitted → accepted → published; submitted/accepted → draft by return', () => {
  it('submits a draft', () => {
    const state = given(OPENED).when({ type: 'SubmitFiling' }).then([SUBMITTED]);
    expect(state.status).toBe('submitted');
    expect(state.submissions).toBe(1);
  });

  it('accepts a submitted filing', () => {
    expect(given(OPENED, SUBMITTED).when({ type: 'AcceptFiling' }).then([ACCEPTED]).status).toBe('accepted');
  });

  it('publishes an accepted filing', () => {
    expect(given(OPENED, SUBMITTED, ACCEPTED).when({ type: 'PublishFiling' }).then([PUBLISHED]).status).toBe('published');
  });

  it('returns a submitted filing to draft with trimmed comments', () => {
    const state = given(OPENED, SUBMITTED)
      .when({
        type: 'ReturnFiling',
        comments: [
          { path: null, text: '  请补充偏差原因  ' },
          { path: 'overall.indicators.output.quality.较好履行了工作职责，按期按质按量完成相关工作任务.score', text: '得分与完成值不符' },
        ],
      })
      .then([
        {
          type: 'FilingReturned',
          data: {
            comments: [
              { path: null, text: '请补充偏差原因' },
              { path: 'overall.indicators.output.quality.较好履行了工作职责，按期按质按量完成相关工作任务.score', text: '得分与完成值不符' },
            ],
          },
        },
      ]);
    expect(state.status).toBe('draft');
    expect(state.returns).toBe(1);
    expect(state.lastReturnComments).toHaveLength(2);
  });

  it('returns an accepted filing to draft', () => {
    const state = given(OPENED, SUBMITTED, ACCEPTED)
      .when({ type: 'ReturnFiling', comments: [{ path: 'overall.budget.rate', text: '执行率有误' }] })
      .then([{ type: 'FilingReturned', data: { comments: [{ path: 'overall.budget.rate', text: '执行率有误' }] } }]);
    expect(state.status).toBe('draft');
  });

  it('counts resubmissions and returns', () => {
    const state = given(OPENED, SUBMITTED, RETURNED).when({ type: 'SubmitFiling' }).then([SUBMITTED]);
    expect(state).toMatchObject({ status: 'submitted', submissions: 2, returns: 1 });
  });

  const invalid: [string, FilingEvent[], FilingCommand, string][] = [
    ['submit a submitted filing', [SUBMITTED], { type: 'SubmitFiling' }, '已送审'],
    ['submit an accepted filing', [SUBMITTED, ACCEPTED], { type: 'SubmitFiling' }, '审核通过'],
    ['submit a published filing', [SUBMITTED, ACCEPTED, PUBLISHED], { type: 'SubmitFiling' }, '已公开'],
    ['accept a draft', [], { type: 'AcceptFiling' }, '草稿'],
    ['accept a returned filing', [SUBMITTED, RETURNED], { type: 'AcceptFiling' }, '草稿'],
    ['accept an accepted filing', [SUBMITTED, ACCEPTED], { type: 'AcceptFiling' }, '审核通过'],
    ['accept a published filing', [SUBMITTED, ACCEPTED, PUBLISHED], { type: 'AcceptFiling' }, '已公开'],
    ['publish a draft', [], { type: 'PublishFiling' }, '草稿'],
    ['publish a submitted filing', [SUBMITTED], { type: 'PublishFiling' }, '已送审'],
    ['publish a published filing', [SUBMITTED, ACCEPTED, PUBLISHED], { type: 'PublishFiling' }, '已公开'],
    ['return a draft', [], ONE_OF_EACH.ReturnFiling, '草稿'],
    ['return a published filing', [SUBMITTED, ACCEPTED, PUBLISHED], ONE_OF_EACH.ReturnFiling, '已公开'],
  ];
  it.each(invalid)('cannot %s', (_what, events, command, zh) => {
    given(OPENED, ...events)
      .when(command)
      .thenError({ code: 'invalid-workflow-transition', kind: 'Conflict', says: [`“${zh}”`, '不能'] });
  });

  it('a return needs at least one comment', () => {
    given(OPENED, SUBMITTED).when({ type: 'ReturnFiling', comments: [] }).thenError({ code: 'invalid-field', kind: 'InvalidInput', field: 'comments' });
  });

  it('a return comment needs text', () => {
    given(OPENED, SUBMITTED)
      .when({ type: 'ReturnFiling', comments: [{ path: null, text: '请核对' }, { path: null, text: ' \n ' }] })
      .thenError({ code: 'invalid-field', field: 'comments[1].text', says: ['不能为空'] });
  });

  it('a return comment on a figure names a valid path', () => {
    given(OPENED, SUBMITTED)
      .when({ type: 'ReturnFiling', comments: [{ path: 'overall.budget.ratio', text: '请核对' }] })
      .thenError({ code: 'unknown-figure-path', field: 'overall.budget.ratio' });
  });
});

describe('SetFigure', () => {
  it('records a cell, folding full-width digits', () => {
    const state = given(OPENED)
      .when(set('basic.staffing.authorized', '１０'))
      .then([{ type: 'StaffingRecorded', data: { field: 'authorized', value: '10' } }]);
    expect(figuresOf(state)['basic.staffing.authorized']).toBe('10');
  });

  it.each([
    ['557.7 over 557.70', 'overall.budget.executed', '557.70', '557.7'],
    ['557.70 over 557.7', 'overall.budget.executed', '557.7', '557.70'],
    ['100.00% over 100%', 'overall.budget.rate', '100%', '100.00%'],
    ['1,234.5 over 1234.50', 'overall.budget.executed', '1234.50', '1,234.5'],
  ])('the same value (%s) produces no event', (_what, path, first, again) => {
    const history = eventsOf(open, set(path, first));
    given(...history)
      .when(set(path, again))
      .then([]);
  });

  it('100% over 100 is a change', () => {
    const history = eventsOf(open, set('overall.budget.rate', '100'));
    given(...history)
      .when(set('overall.budget.rate', '100%'))
      .then([{ type: 'ExecutionRateStated', data: { sheet: OVERALL, row: 'total', rate: '100%' } }]);
  });

  it('an empty cell of an indicator row that does not exist defines no row', () => {
    given(OPENED).when(set('overall.indicators.output.quantity.管理制度日趋完善.target', null)).then([]);
    given(OPENED).when(set('overall.indicators.output.quantity.管理制度日趋完善.score', ' ')).then([]);
  });

  it('—— is a weight (not applicable), distinct from empty', () => {
    given(OPENED)
      .when(set('overall.groups.benefit.weight', '——'))
      .then([{ type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'group', level1: 'benefit' }, weight: '——' } }]);
  });

  it('an empty cell set empty is no change; —— is a value, distinct from empty', () => {
    given(OPENED).when(set('basic.expense.procurement.prevActual', null)).then([]);
    given(OPENED).when(set('basic.expense.procurement.prevActual', '  ')).then([]);
    const state = given(OPENED)
      .when(set('basic.expense.procurement.prevActual', '——'))
      .then([{ type: 'ExpenseLineRecorded', data: { item: 'procurement', column: 'prevActual', value: '——' } }]);
    given(...eventsOf(open, set('basic.expense.procurement.prevActual', '——')))
      .when(set('basic.expense.procurement.prevActual', null))
      .then([{ type: 'ExpenseLineRecorded', data: { item: 'procurement', column: 'prevActual', value: null } }]);
    expect(figuresOf(state)['basic.expense.procurement.prevActual']).toBe('——');
  });

  describe('…budget.full becomes a budget adjustment', () => {
    it('an increase from 年初 (附件三 业务经费: 3.5 → 109.77, 年中追加 106.27)', () => {
      const history = [OPENED, PROJECT, { type: 'InitialBudgetSet', data: { sheet: P1, row: 'total', amount: '3.5' } } as FilingEvent];
      const state = given(...history)
        .when({ type: 'SetFigure', path: 'project:业务经费.budget.full', value: '109.77', adjustment: { date: '2023-07-01', documentNumber: '衡财预〔2023〕15号' }, reason: '年中追加' })
        .then([
          {
            type: 'BudgetAdjusted',
            data: { sheet: P1, row: 'total', direction: 'increase', amount: '106.27', fullAfter: '109.77', date: '2023-07-01', documentNumber: '衡财预〔2023〕15号', reason: '年中追加' },
          },
        ]);
      expect(figuresOf(state)['project:业务经费.budget.full']).toBe('109.77');
      expect(computedOf(state)['project:业务经费.budget.full']).toBe('109.77');
      expect(state.projects[0].sheet.budget.total?.adjustments).toHaveLength(1);
    });

    it('a decrease from the stated 全年预算数', () => {
      given(OPENED, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '557.70' } })
        .when(set('overall.budget.full', '500'))
        .then([
          {
            type: 'BudgetAdjusted',
            data: { sheet: OVERALL, row: 'total', direction: 'decrease', amount: '57.70', fullAfter: '500', date: null, documentNumber: null, reason: null },
          },
        ]);
    });

    it('typed where there is nothing to adjust yet (no 年初, no 全年, no adjustment), it is stated', () => {
      const state = given(OPENED, PROJECT)
        .when(set('project:业务经费.funds.currentYear.full', '349.32'))
        .then([{ type: 'FullBudgetStated', data: { sheet: P1, row: 'currentYear', amount: '349.32' } }]);
      expect(state.projects[0].sheet.budget.currentYear?.adjustments).toEqual([]);
      given(OPENED).when(set('overall.budget.full', null)).then([]);
      given(OPENED).when(set('overall.budget.full', '——')).then([{ type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '——' } }]);
    });

    it('successive adjustments start from the previous 全年预算数', () => {
      const history = eventsOf(open, set('overall.budget.initial', '81.51'), set('overall.budget.full', '557.70'));
      const state = given(...history)
        .when(set('overall.budget.full', '560'))
        .then([
          {
            type: 'BudgetAdjusted',
            data: { sheet: OVERALL, row: 'total', direction: 'increase', amount: '2.30', fullAfter: '560', date: null, documentNumber: null, reason: null },
          },
        ]);
      expect(state.overall.budget.total?.adjustments.map((a) => [a.direction, a.amount])).toEqual([
        ['increase', '476.19'],
        ['increase', '2.30'],
      ]);
      expect(computedOf(state)['overall.budget.full']).toBe('560.00');
    });

    it('keeps the exact amount of a small adjustment (万元 with 4 decimals is 元)', () => {
      given(OPENED, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '100' } })
        .when(set('overall.budget.full', '100.0049'))
        .then([
          {
            type: 'BudgetAdjusted',
            data: { sheet: OVERALL, row: 'total', direction: 'increase', amount: '0.0049', fullAfter: '100.0049', date: null, documentNumber: null, reason: null },
          },
        ]);
    });

    it('a value equal to the computed 全年预算数 is stated, not adjusted', () => {
      given(OPENED, { type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '100' } })
        .when(set('overall.budget.full', '100.00'))
        .then([{ type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '100.00' } }]);
    });

    it('the same stated value is no change', () => {
      given(OPENED, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '557.70' } })
        .when(set('overall.budget.full', '557.7'))
        .then([]);
    });

    it.each([['——'], [null]])('clears it to %j as a stated cell, not an adjustment (an adjustment needs a number)', (value) => {
      given(OPENED, { type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '81.51' } }, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '557.70' } })
        .when(set('overall.budget.full', value))
        .then([{ type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: value } }]);
    });

    it('refuses text once there is something to adjust', () => {
      given(OPENED, { type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '81.51' } })
        .when(set('overall.budget.full', '待定'))
        .thenError({ code: 'invalid-figure-value', field: 'overall.budget.full' });
    });
  });

  describe('self scores', () => {
    it('a score set twice is entered, then corrected with the previous value', () => {
      const path = 'overall.indicators.satisfaction.serviceTarget.收益群众满意度.score';
      const first = given(OPENED)
        .when(set(path, '10'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i1', level1: 'satisfaction', level2: 'serviceTarget', name: '收益群众满意度' } },
          { type: 'SelfScoreEntered', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, score: '10' } },
        ]);
      const second = given(...eventsOf(open, set(path, '10')))
        .when(set(path, '9'))
        .then([{ type: 'SelfScoreCorrected', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, previous: '10', score: '9' } }]);
      expect(figuresOf(first)[path]).toBe('10');
      expect(figuresOf(second)[path]).toBe('9');
    });

    it('`selfScore` is an alias of `score`', () => {
      const state = given(...eventsOf(open, set('overall.indicators.output.quantity.管理制度日趋完善.score', '12')))
        .when(set('overall.indicators.output.quantity.管理制度日趋完善.selfScore', '11'))
        .then([{ type: 'SelfScoreCorrected', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, previous: '12', score: '11' } }]);
      expect(figuresOf(state)).toMatchObject({ 'overall.indicators.output.quantity.管理制度日趋完善.score': '11' });
      expect(Object.keys(figuresOf(state)).some((p) => p.endsWith('selfScore'))).toBe(false);
    });

    it('the budget row and the total take scores too', () => {
      given(OPENED).when(set('overall.budget.score', '10')).then([{ type: 'SelfScoreEntered', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, score: '10' } }]);
      given(...eventsOf(open, set('overall.total.score', '98')))
        .when(set('overall.total.score', '97'))
        .then([{ type: 'SelfScoreCorrected', data: { sheet: OVERALL, at: { kind: 'total' }, previous: '98', score: '97' } }]);
    });

    it('a score cleared and set again is entered again', () => {
      const history = eventsOf(open, set('overall.budget.score', '10'), set('overall.budget.score', null));
      expect(history.at(-1)).toEqual({ type: 'SelfScoreCorrected', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, previous: '10', score: null } });
      given(...history)
        .when(set('overall.budget.score', '9'))
        .then([{ type: 'SelfScoreEntered', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, score: '9' } }]);
    });
  });

  describe('weights', () => {
    it('a group heading, an indicator, the budget row and the total', () => {
      given(OPENED).when(set('overall.groups.benefit.weight', '30')).then([{ type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'group', level1: 'benefit' }, weight: '30' } }]);
      given(OPENED).when(set('overall.budget.weight', '10')).then([{ type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, weight: '10' } }]);
      given(OPENED).when(set('overall.total.weight', '100')).then([{ type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'total' }, weight: '100' } }]);
      given(OPENED, PROJECT)
        .when(set('project:业务经费.funds.currentYear.weight', '10'))
        .then([{ type: 'WeightSet', data: { sheet: P1, at: { kind: 'budget', row: 'currentYear' }, weight: '10' } }]);
      given(OPENED, PROJECT)
        .when(set('project:业务经费.indicators.output.timeliness.完成时效.weight', '12.5'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: P1, indicatorId: 'i1', level1: 'output', level2: 'timeliness', name: '完成时效' } },
          { type: 'WeightSet', data: { sheet: P1, at: { kind: 'indicator', indicatorId: 'i1' }, weight: '12.5' } },
        ]);
    });

    it('12.50 over 12.5 is no change', () => {
      given(...eventsOf(open, set('overall.indicators.output.cost.项目投资金额.weight', '12.5')))
        .when(set('overall.indicators.output.cost.项目投资金额.weight', '12.50'))
        .then([]);
    });
  });

  describe('indicators', () => {
    const base = 'overall.indicators.benefit.social';

    it('are defined the first time they are named, then reused', () => {
      const history = eventsOf(open, set(`${base}.维护社会治安.target`, '100%'));
      expect(history.slice(1)).toEqual([
        { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i1', level1: 'benefit', level2: 'social', name: '维护社会治安' } },
        { type: 'IndicatorTargetSet', data: { sheet: OVERALL, indicatorId: 'i1', target: '100%' } },
      ]);
      given(...history)
        .when(set(`${base}.维护社会治安.actual`, '100%'))
        .then([{ type: 'IndicatorActualRecorded', data: { sheet: OVERALL, indicatorId: 'i1', actual: '100%' } }]);
      given(...history)
        .when(set(`${base}.维护社会治安.deviation`, '无偏差'))
        .then([{ type: 'DeviationExplained', data: { sheet: OVERALL, indicatorId: 'i1', text: '无偏差' } }]);
      given(...history)
        .when(set(`${base}.促进网格化管理.target`, '100%'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i2', level1: 'benefit', level2: 'social', name: '促进网格化管理' } },
          { type: 'IndicatorTargetSet', data: { sheet: OVERALL, indicatorId: 'i2', target: '100%' } },
        ]);
    });

    it('the same name under another 二级 is another indicator', () => {
      given(...eventsOf(open, set(`${base}.维护社会治安.target`, '100%')))
        .when(set('overall.indicators.benefit.ecological.维护社会治安.target', '100%'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i2', level1: 'benefit', level2: 'ecological', name: '维护社会治安' } },
          { type: 'IndicatorTargetSet', data: { sheet: OVERALL, indicatorId: 'i2', target: '100%' } },
        ]);
    });

    it('a second row of the same name is #2', () => {
      const state = given(...eventsOf(open, set(`${base}.维护社会治安.weight`, '10')))
        .when(set(`${base}.维护社会治安#2.weight`, '5'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i2', level1: 'benefit', level2: 'social', name: '维护社会治安' } },
          { type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i2' }, weight: '5' } },
        ]);
      expect(figuresOf(state)).toMatchObject({ [`${base}.维护社会治安.weight`]: '10', [`${base}.维护社会治安#2.weight`]: '5' });
    });

    it('refuses a gap in the #n numbering', () => {
      given(...eventsOf(open, set(`${base}.维护社会治安.weight`, '10')))
        .when(set(`${base}.维护社会治安#3.weight`, '5'))
        .thenError({ code: 'unknown-figure-path', says: ['现有 1 行', '维护社会治安#2'] });
      given(OPENED)
        .when(set(`${base}.维护社会治安#2.weight`, '5'))
        .thenError({ code: 'unknown-figure-path', says: ['现有 0 行', '新的一行应为 维护社会治安'] });
    });

    it.each([
      ['1、管理制度日趋完善', '管理制度日趋完善'],
      ['（一）管理制度日趋完善', '管理制度日趋完善'],
      ['其中：管理制度日趋完善', '管理制度日趋完善'],
      ['管理制度日趋完善：', '管理制度日趋完善'],
      ['管理制度\n日趋完善', '管理制度日趋完善'],
      [' 管理制度日趋完善', '管理制度日趋完善'],
    ])('refuses the non-normalised name %j and suggests %j', (printed, normalised) => {
      given(OPENED)
        .when(set(`overall.indicators.output.quantity.${printed}.target`, '100%'))
        .thenError({ code: 'unknown-figure-path', says: [`“${normalised}”`] });
    });

    it('indicators of a project table live in that table', () => {
      given(OPENED, PROJECT)
        .when(set('project:业务经费.indicators.output.cost.项目投资金额.actual', '109.77'))
        .then([
          { type: 'IndicatorDefined', data: { sheet: P1, indicatorId: 'i1', level1: 'output', level2: 'cost', name: '项目投资金额' } },
          { type: 'IndicatorActualRecorded', data: { sheet: P1, indicatorId: 'i1', actual: '109.77' } },
        ]);
    });
  });

  describe('goals', () => {
    it('are written by printed row number; an empty row may come before a filled one; past the cap is refused', () => {
      const state = given(OPENED)
        .when(set('overall.goals.1.expected', '1.常态化开展县域社会治理现代化各项工作；'))
        .then([{ type: 'GoalWritten', data: { sheet: OVERALL, goal: 1, field: 'expected', text: '1.常态化开展县域社会治理现代化各项工作；' } }]);
      expect(figuresOf(state)['overall.goals.1.expected']).toBe('1.常态化开展县域社会治理现代化各项工作；');
      const history = eventsOf(open, set('overall.goals.1.expected', '目标一'));
      given(...history)
        .when(set('overall.goals.2.actual', '完成'))
        .then([{ type: 'GoalWritten', data: { sheet: OVERALL, goal: 2, field: 'actual', text: '完成' } }]);
      const gap = given(...history)
        .when(set('overall.goals.3.expected', '目标三'))
        .then([{ type: 'GoalWritten', data: { sheet: OVERALL, goal: 3, field: 'expected', text: '目标三' } }]);
      expect(gap.overall.goals).toEqual([
        { expected: '目标一', actual: null },
        { expected: null, actual: null },
        { expected: '目标三', actual: null },
      ]);
      expect(figuresOf(gap)['overall.goals.3.expected']).toBe('目标三');
      given(...history)
        .when(set('overall.goals.51.expected', '目标'))
        .thenError({ code: 'unknown-figure-path', field: 'overall.goals.51.expected', says: ['不能超过 50'] });
    });

    it('an empty next row adds nothing', () => {
      given(OPENED).when(set('overall.goals.1.actual', null)).then([]);
    });
  });

  describe('the other cells', () => {
    const cases: [string, string, string, FilingEvent][] = [
      ['staffing', 'basic.staffing.actual', '7', { type: 'StaffingRecorded', data: { field: 'actual', value: '7' } }],
      ['an expense line', 'basic.expense.reception.budget', '0.6', { type: 'ExpenseLineRecorded', data: { item: 'reception', column: 'budget', value: '0.6' } }],
      ['a project line', 'basic.expense.project:业务工作经费.prevActual', '137.39', { type: 'ProjectExpenseLineRecorded', data: { projectId: 'p1', column: 'prevActual', value: '137.39' } }],
      ['buildings', 'basic.buildings.approvedArea', '1200', { type: 'BuildingsRecorded', data: { field: 'approvedArea', value: '1200' } }],
      ['savings measures', 'basic.savingsMeasures', '严格执行中央八项规定', { type: 'SavingsMeasuresWritten', data: { text: '严格执行中央八项规定' } }],
      ['basic sign-off', 'basic.signoff.preparer', '符雅琼', { type: 'SignoffRecorded', data: { table: 'basic', field: 'preparer', value: '符雅琼' } }],
      ['overall sign-off', 'overall.signoff.date', '2024.6.18', { type: 'SignoffRecorded', data: { table: 'overall', field: 'date', value: '2024.6.18' } }],
      ['project sign-off', 'project:业务经费.signoff.phone', '18373413635', { type: 'SignoffRecorded', data: { table: 'project', projectId: 'p1', field: 'phone', value: '18373413635' } }],
      ['unit name', 'overall.unitName', '衡山县社会治理和网格化信息中心', { type: 'HeaderFieldSet', data: { sheet: OVERALL, field: 'unitName', value: '衡山县社会治理和网格化信息中心' } }],
      ['implementer', 'project:业务经费.implementer', '衡山县社会治理和网格化信息中心', { type: 'HeaderFieldSet', data: { sheet: P1, field: 'implementer', value: '衡山县社会治理和网格化信息中心' } }],
      ['年初预算数', 'overall.budget.initial', '81.51', { type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '81.51' } }],
      ['全年执行数', 'project:业务经费.funds.carryOver.executed', '0', { type: 'SpendingRecorded', data: { sheet: P1, row: 'carryOver', executed: '0' } }],
      ['执行率', 'project:业务经费.budget.rate', '100%', { type: 'ExecutionRateStated', data: { sheet: P1, row: 'total', rate: '100%' } }],
      ['funds', 'overall.funds.generalPublic', '208.37', { type: 'FundsRecorded', data: { category: 'generalPublic', amount: '208.37' } }],
      ['funds subtotal', 'overall.funds.natureTotal', '557.70', { type: 'FundsRecorded', data: { category: 'natureTotal', amount: '557.70' } }],
      ['cover', 'report.cover.date', '2024年6月18日', { type: 'CoverFieldSet', data: { field: 'date', value: '2024年6月18日' } }],
      ['section', 'report.sections.resultsApplication.text', '良好。', { type: 'ReportSectionWritten', data: { section: 'resultsApplication', text: '良好。' } }],
      ['stated grade', 'report.statedGrade', '良好', { type: 'GradeStated', data: { printed: '良好' } }],
      ['quoted figure', 'report.quoted.年中追加', '106.27', { type: 'ReportFigureQuoted', data: { label: '年中追加', occurrence: 1, value: '106.27' } }],
    ];
    it.each(cases)('%s: %s', (_what, path, value, event) => {
      const state = given(OPENED, PROJECT).when(set(path, value)).then([event]);
      expect(figuresOf(state)[path]).toBe(value);
    });

    it('a negative 部门基本支出预算调整 is allowed (it is a change)', () => {
      given(OPENED).when(set('basic.expense.basicAdjustment.budget', '-2.5')).then([{ type: 'ExpenseLineRecorded', data: { item: 'basicAdjustment', column: 'budget', value: '-2.5' } }]);
    });
  });

  describe('quoted figures', () => {
    it('a label quoted twice is #2; a gap is refused', () => {
      const history = eventsOf(open, set('report.quoted.编制数', '10'));
      const state = given(...history)
        .when(set('report.quoted.编制数#2', '11'))
        .then([{ type: 'ReportFigureQuoted', data: { label: '编制数', occurrence: 2, value: '11' } }]);
      expect(figuresOf(state)).toMatchObject({ 'report.quoted.编制数': '10', 'report.quoted.编制数#2': '11' });
      given(...history)
        .when(set('report.quoted.编制数#3', '12'))
        .thenError({ code: 'unknown-figure-path', says: ['现有 1 处', '#2'] });
    });

    it('refuses a label that is not in the lexicon', () => {
      given(OPENED)
        .when(set('report.quoted.临聘人员', '7'))
        .thenError({ code: 'unknown-figure-path', field: 'report.quoted.临聘人员', says: ['“临聘人员”', '词表'] });
    });
  });

  describe('projects named in paths', () => {
    it('refuses an unknown project', () => {
      given(OPENED, PROJECT).when(set('project:综治中心建设.budget.initial', '0')).thenError({ code: 'project-not-found', kind: 'NotFound', says: ['综治中心建设'] });
      given(OPENED, PROJECT).when(set('basic.expense.project:运行维护经费.prevActual', '33.82')).thenError({ code: 'project-not-found', says: ['运行维护经费'] });
    });

    it('refuses a 附件三 path for a project that only has a 附件一 line', () => {
      given(OPENED, { type: 'ProjectAdded', data: { projectId: 'p2', name: null, lineName: '运行维护经费' } })
        .when(set('project:运行维护经费.budget.initial', '0'))
        .thenError({ code: 'unknown-figure-path', says: ['只有附件一中的一行'] });
    });

    it('the 附件三 name is not the 附件一 name', () => {
      given(OPENED, PROJECT)
        .when(set('basic.expense.project:业务经费.budget', '109.77'))
        .thenError({ code: 'unknown-figure-path', says: ['附件三的“业务经费”', '附件一中名为“业务工作经费”'] });
      given(OPENED).when(set('basic.expense.project:无此项目.budget', '1')).thenError({ code: 'project-not-found' });
      given(OPENED, PROJECT)
        .when(set('project:业务工作经费.budget.full', '109.77'))
        .thenError({ code: 'unknown-figure-path', says: ['附件一的“业务工作经费”', '项目表名为“业务经费”'] });
    });
  });

  describe('values a cell refuses', () => {
    it.each([
      ['a negative amount', 'overall.budget.executed', '-1'],
      ['a percentage as an amount', 'basic.expense.office.budget', '4.92%'],
      ['text as an amount', 'overall.funds.govFund', '三百万'],
      ['a negative count', 'basic.staffing.authorized', '-10'],
      ['text as a count', 'basic.staffing.actual', '七'],
      ['a fraction as a count of staff', 'basic.staffing.actual', '7.5'],
      ['a negative area', 'basic.buildings.actualArea', '-1'],
      ['a percentage as an area', 'basic.buildings.approvedArea', '100%'],
      ['a negative weight', 'overall.indicators.output.quantity.管理制度日趋完善.weight', '-12'],
      ['a percentage as a weight', 'overall.budget.weight', '10%'],
      ['text as a score', 'overall.indicators.output.quantity.管理制度日趋完善.score', '满分'],
      ['a percentage as a score', 'overall.total.score', '98%'],
      ['text as a rate', 'overall.budget.rate', '全部执行'],
      ['text as a quoted figure', 'report.quoted.编制数', '十名'],
    ])('%s: %s = %j', (_what, path, value) => {
      const error = given(OPENED).when(set(path, value)).thenError({ code: 'invalid-figure-value', kind: 'InvalidInput', field: path, says: [path, '不合规'] });
      expect(error.messageEn).toContain(`"${value}"`);
    });
  });

  it('refuses an unknown path', () => {
    given(OPENED).when(set('overall.budget.ratio', '1')).thenError({ code: 'unknown-figure-path', kind: 'InvalidInput', field: 'overall.budget.ratio', says: ['未知的数据路径'] });
  });
});

describe('RecordFigures (a document as printed)', () => {
  const fixture = [
    { path: 'overall.unitName', value: '衡山县社会治理和网格化信息中心' },
    { path: 'overall.budget.initial', value: '81.51' },
    { path: 'overall.budget.full', value: '557.70' },
    { path: 'overall.budget.executed', value: '557.70' },
    { path: 'overall.budget.weight', value: '10' },
    { path: 'overall.budget.rate', value: '100%' },
    { path: 'overall.budget.score', value: '10' },
    { path: 'overall.indicators.output.quantity.管理制度日趋完善.target', value: '100%' },
    { path: 'overall.indicators.output.quantity.管理制度日趋完善.weight', value: '12' },
  ];

  it('records every figure in order, a 全年预算数 as stated (not adjusted)', () => {
    const state = given(OPENED)
      .when({ type: 'RecordFigures', figures: fixture, table: 'overall' })
      .then([
        { type: 'HeaderFieldSet', data: { sheet: OVERALL, field: 'unitName', value: '衡山县社会治理和网格化信息中心' } },
        { type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '81.51' } },
        { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '557.70' } },
        { type: 'SpendingRecorded', data: { sheet: OVERALL, row: 'total', executed: '557.70' } },
        { type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, weight: '10' } },
        { type: 'ExecutionRateStated', data: { sheet: OVERALL, row: 'total', rate: '100%' } },
        { type: 'SelfScoreEntered', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, score: '10' } },
        { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i1', level1: 'output', level2: 'quantity', name: '管理制度日趋完善' } },
        { type: 'IndicatorTargetSet', data: { sheet: OVERALL, indicatorId: 'i1', target: '100%' } },
        { type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, weight: '12' } },
      ]);
    expect(state.overall.budget.total?.adjustments).toEqual([]);
    expect(computedOf(state)['overall.budget.full']).toBeUndefined();
    expect(computedOf(state)['overall.budget.rate']).toBe('100.00%');
  });

  it('the same document twice adds nothing; a corrected one only the changes', () => {
    const history = eventsOf(open, { type: 'RecordFigures', figures: fixture });
    given(...history)
      .when({ type: 'RecordFigures', figures: fixture.map((f) => (f.value === '557.70' ? { ...f, value: '557.7' } : f)) })
      .then([]);
    given(...history)
      .when({ type: 'RecordFigures', figures: fixture.map((f) => (f.path === 'overall.budget.full' ? { ...f, value: '560' } : f)) })
      .then([{ type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '560' } }]);
  });

  it('a score recorded over another is a correction', () => {
    given(...eventsOf(open, { type: 'RecordFigures', figures: fixture }))
      .when({ type: 'RecordFigures', figures: [{ path: 'overall.budget.score', value: '9' }] })
      .then([{ type: 'SelfScoreCorrected', data: { sheet: OVERALL, at: { kind: 'budget', row: 'total' }, previous: '10', score: '9' } }]);
  });

  it('with `table`, a path of another table is refused and nothing is recorded', () => {
    given(OPENED, PROJECT)
      .when({
        type: 'RecordFigures',
        table: 'project:业务经费',
        figures: [
          { path: 'project:业务经费.budget.initial', value: '3.5' },
          { path: 'overall.budget.initial', value: '81.51' },
        ],
      })
      .thenError({ code: 'figure-path-wrong-table', kind: 'InvalidInput', field: 'overall.budget.initial', says: ['project:业务经费'] });
    given(OPENED, PROJECT)
      .when({ type: 'RecordFigures', table: 'project:业务经费', figures: [{ path: 'project:业务经费.budget.initial', value: '3.5' }] })
      .then([{ type: 'InitialBudgetSet', data: { sheet: P1, row: 'total', amount: '3.5' } }]);
  });

  it('with `table`, a malformed path is an unknown path (not a crash)', () => {
    given(OPENED).when({ type: 'RecordFigures', table: 'overall', figures: [{ path: 'overall\\', value: '1' }] }).thenError({ code: 'unknown-figure-path' });
  });

  it('one bad figure refuses the whole command', () => {
    given(OPENED)
      .when({ type: 'RecordFigures', figures: [{ path: 'overall.budget.initial', value: '81.51' }, { path: 'overall.budget.executed', value: '-1' }] })
      .thenError({ code: 'invalid-figure-value', field: 'overall.budget.executed' });
  });
});

describe('AdjustBudget', () => {
  const stated: FilingEvent = { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '557.70' } };

  it('an increase from the stated 全年预算数', () => {
    const state = given(OPENED, stated)
      .when({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'increase', amount: '10', date: '2023-09-01', documentNumber: '衡财预〔2023〕88号', reason: '追加综治经费' })
      .then([
        {
          type: 'BudgetAdjusted',
          data: { sheet: OVERALL, row: 'total', direction: 'increase', amount: '10.00', fullAfter: '567.70', date: '2023-09-01', documentNumber: '衡财预〔2023〕88号', reason: '追加综治经费' },
        },
      ]);
    expect(figuresOf(state)['overall.budget.full']).toBe('567.70');
  });

  it('a decrease', () => {
    given(OPENED, stated)
      .when({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'decrease', amount: '57.7' })
      .then([
        { type: 'BudgetAdjusted', data: { sheet: OVERALL, row: 'total', direction: 'decrease', amount: '57.70', fullAfter: '500.00', date: null, documentNumber: null, reason: null } },
      ]);
  });

  it('from 年初 when no 全年预算数 is stated, on a project fund row', () => {
    const state = given(OPENED, PROJECT, { type: 'InitialBudgetSet', data: { sheet: P1, row: 'currentYear', amount: '3.5' } })
      .when({ type: 'AdjustBudget', path: 'project:业务经费.funds.currentYear.full', direction: 'increase', amount: '106.27' })
      .then([
        { type: 'BudgetAdjusted', data: { sheet: P1, row: 'currentYear', direction: 'increase', amount: '106.27', fullAfter: '109.77', date: null, documentNumber: null, reason: null } },
      ]);
    expect(computedOf(state)['project:业务经费.funds.currentYear.full']).toBe('109.77');
  });

  it('keeps a small amount exact', () => {
    given(OPENED, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '100' } })
      .when({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'increase', amount: '0.004' })
      .then([
        { type: 'BudgetAdjusted', data: { sheet: OVERALL, row: 'total', direction: 'increase', amount: '0.004', fullAfter: '100.004', date: null, documentNumber: null, reason: null } },
      ]);
  });

  it('refuses a decrease below zero', () => {
    given(OPENED, { type: 'FullBudgetStated', data: { sheet: OVERALL, row: 'total', amount: '10' } })
      .when({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'decrease', amount: '20' })
      .thenError({ code: 'invalid-figure-value', field: 'overall.budget.full', says: ['负数'] });
  });

  it.each(['overall.budget.initial', 'overall.budget.executed', 'basic.expense.projects.budget', 'overall.funds.generalPublic'])('only a …full path is adjusted: %s', (path) => {
    given(OPENED).when({ type: 'AdjustBudget', path, direction: 'increase', amount: '1' }).thenError({ code: 'invalid-field', field: 'path', says: ['全年预算数'] });
  });

  it.each([['0'], ['0.00'], ['——'], ['-5'], ['5%'], ['十万'], ['']])('refuses the amount %j', (amount) => {
    given(OPENED, stated).when({ type: 'AdjustBudget', path: 'overall.budget.full', direction: 'increase', amount }).thenError({ code: 'invalid-figure-value' });
  });

  it('refuses an unknown project', () => {
    given(OPENED).when({ type: 'AdjustBudget', path: 'project:业务经费.budget.full', direction: 'increase', amount: '1' }).thenError({ code: 'project-not-found' });
  });
});

describe('AddProject', () => {
  it('adds a project with normalised names', () => {
    given(OPENED)
      .when({ type: 'AddProject', projectId: 'p2', name: '  综治中心建设 ', lineName: '     3、综治中心建设' })
      .then([{ type: 'ProjectAdded', data: { projectId: 'p2', name: '综治中心建设', lineName: '综治中心建设' } }]);
    given(OPENED)
      .when({ type: 'AddProject', projectId: 'p3', name: null, lineName: '2、运行维护经费：' })
      .then([{ type: 'ProjectAdded', data: { projectId: 'p3', name: null, lineName: '运行维护经费' } }]);
  });

  it('a second project of the same name is shown as #2', () => {
    const state = given(OPENED, PROJECT)
      .when({ type: 'AddProject', projectId: 'p2', name: '业务经费', lineName: null })
      .then([{ type: 'ProjectAdded', data: { projectId: 'p2', name: '业务经费', lineName: null } }]);
    expect(tablesViewOf(state).projects.map((p) => p.name)).toEqual(['业务经费', '业务经费#2']);
  });

  it('refuses a project without any name', () => {
    given(OPENED).when({ type: 'AddProject', projectId: 'p2', name: null, lineName: null }).thenError({ code: 'invalid-field', field: 'name' });
  });

  it.each([
    ['name', { name: ' ', lineName: '运行维护经费' }],
    ['lineName', { name: '运行维护经费', lineName: '1、' }],
  ] as const)('refuses an empty %s', (field, names) => {
    given(OPENED).when({ type: 'AddProject', projectId: 'p2', ...names }).thenError({ code: 'invalid-field', field, says: ['不能为空'] });
  });

  it('refuses a name that looks like a #n duplicate (paths would be ambiguous)', () => {
    given(OPENED).when({ type: 'AddProject', projectId: 'p2', name: '业务经费#2', lineName: null }).thenError({ code: 'invalid-field', field: 'name', says: ['#'] });
  });

  it('refuses an existing projectId', () => {
    given(OPENED, PROJECT).when({ type: 'AddProject', projectId: 'p1', name: '另一个', lineName: null }).thenError({ code: 'project-exists', kind: 'Conflict', field: 'projectId', says: ['p1'] });
  });
});

describe('RenameProject', () => {
  it('renames the 附件三 table; its figures follow under the new name', () => {
    const history = eventsOf(
      open,
      { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' },
      set('project:业务经费.budget.initial', '3.5'),
      set('project:业务经费.budget.executed', '109.77'),
      set('project:业务经费.budget.full', '109.77'),
      set('project:业务经费.indicators.output.quantity.管理制度日趋完善.score', '12'),
    );
    const state = given(...history)
      .when({ type: 'RenameProject', part: 'table', from: '业务经费', to: '1、业务工作经费' })
      .then([{ type: 'ProjectRenamed', data: { projectId: 'p1', part: 'table', from: '业务经费', to: '业务工作经费' } }]);
    expect(figuresOf(state)).toEqual({
      'project:业务工作经费.budget.initial': '3.5',
      'project:业务工作经费.budget.full': '109.77',
      'project:业务工作经费.budget.executed': '109.77',
      'project:业务工作经费.indicators.output.quantity.管理制度日趋完善.score': '12',
    });
    expect(computedOf(state)).toMatchObject({ 'project:业务工作经费.budget.full': '109.77', 'project:业务工作经费.budget.rate': '100.00%' });
    expect(Object.keys(computedOf(state)).filter((p) => p.includes('业务经费'))).toEqual([]);
    // and the next edit is made under the new name
    given(...history, ...decide({ type: 'RenameProject', part: 'table', from: '业务经费', to: '业务工作经费' }, fold(history)))
      .when(set('project:业务工作经费.budget.executed', '100'))
      .then([{ type: 'SpendingRecorded', data: { sheet: P1, row: 'total', executed: '100' } }]);
  });

  it('renames the 附件一 line', () => {
    const state = given(...eventsOf(open, { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' }, set('basic.expense.project:业务工作经费.budget', '109.77')))
      .when({ type: 'RenameProject', part: 'line', from: '业务工作经费', to: '业务经费' })
      .then([{ type: 'ProjectRenamed', data: { projectId: 'p1', part: 'line', from: '业务工作经费', to: '业务经费' } }]);
    expect(figuresOf(state)).toEqual({ 'basic.expense.project:业务经费.budget': '109.77' });
  });

  it('renames the #2 project, not the first', () => {
    given(OPENED, PROJECT, { type: 'ProjectAdded', data: { projectId: 'p2', name: '业务经费', lineName: null } })
      .when({ type: 'RenameProject', part: 'table', from: '业务经费#2', to: '综治中心建设' })
      .then([{ type: 'ProjectRenamed', data: { projectId: 'p2', part: 'table', from: '业务经费', to: '综治中心建设' } }]);
  });

  it('the same name is no change', () => {
    given(OPENED, PROJECT).when({ type: 'RenameProject', part: 'table', from: '业务经费', to: ' 业务经费 ' }).then([]);
  });

  it('refuses an unknown project, an empty name and a #n name', () => {
    given(OPENED, PROJECT).when({ type: 'RenameProject', part: 'table', from: '业务工作经费', to: 'x' }).thenError({ code: 'project-not-found' });
    given(OPENED, PROJECT).when({ type: 'RenameProject', part: 'line', from: '业务经费', to: 'x' }).thenError({ code: 'project-not-found' });
    given(OPENED, PROJECT).when({ type: 'RenameProject', part: 'table', from: '业务经费', to: '  ' }).thenError({ code: 'invalid-field', field: 'to' });
    given(OPENED, PROJECT).when({ type: 'RenameProject', part: 'table', from: '业务经费', to: '业务经费#3' }).thenError({ code: 'invalid-field', field: 'to' });
  });
});

describe('LinkProject', () => {
  const table: FilingEvent = { type: 'ProjectAdded', data: { projectId: 'p1', name: '业务经费', lineName: null } };
  const line: FilingEvent = { type: 'ProjectAdded', data: { projectId: 'p2', name: null, lineName: '业务工作经费' } };

  it('merges the 附件一 line into the 附件三 project', () => {
    const history = [
      ...eventsOf(
        open,
        { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: null },
        { type: 'AddProject', projectId: 'p2', name: null, lineName: '1、业务工作经费' },
        set('basic.expense.project:业务工作经费.prevActual', '137.39'),
        set('basic.expense.project:业务工作经费.budget', '109.77'),
        set('project:业务经费.budget.full', '109.77'),
      ),
    ];
    const state = given(...history)
      .when({ type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'figures' })
      .then([{ type: 'ProjectLinked', data: { projectId: 'p1', mergedProjectId: 'p2', lineName: '业务工作经费', basis: 'figures' } }]);
    expect(state.projects.map((p) => [p.projectId, p.name, p.lineName])).toEqual([['p1', '业务经费', '业务工作经费']]);
    expect(figuresOf(state)).toEqual({
      'basic.expense.project:业务工作经费.prevActual': '137.39',
      'basic.expense.project:业务工作经费.budget': '109.77',
      'project:业务经费.budget.full': '109.77',
    });
    // the line is now the table project's
    given(...history, ...decide({ type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'figures' }, fold(history)))
      .when(set('basic.expense.project:业务工作经费.actual', '109.77'))
      .then([{ type: 'ProjectExpenseLineRecorded', data: { projectId: 'p1', column: 'actual', value: '109.77' } }]);
  });

  it('a project already carrying that line is no change', () => {
    given(OPENED, PROJECT).when({ type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'name' }).then([]);
  });

  it('refuses an unknown table or line', () => {
    given(OPENED, line).when({ type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'command' }).thenError({ code: 'project-not-found', says: ['业务经费'] });
    given(OPENED, table).when({ type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'command' }).thenError({ code: 'project-not-found', says: ['业务工作经费'] });
  });

  it('refuses a table that already has another line', () => {
    given(OPENED, PROJECT, { type: 'ProjectAdded', data: { projectId: 'p2', name: null, lineName: '运行维护经费' } })
      .when({ type: 'LinkProject', name: '业务经费', lineName: '运行维护经费', basis: 'command' })
      .thenError({ code: 'project-link-conflict', kind: 'Conflict', field: 'name', says: ['已对应附件一的“业务工作经费”'] });
  });

  it('refuses a line that already has another table', () => {
    given(OPENED, PROJECT, { type: 'ProjectAdded', data: { projectId: 'p2', name: '综治中心建设', lineName: null } })
      .when({ type: 'LinkProject', name: '综治中心建设', lineName: '业务工作经费', basis: 'command' })
      .thenError({ code: 'project-link-conflict', kind: 'Conflict', field: 'lineName', says: ['已对应项目表“业务经费”'] });
  });
});

describe('RemoveProject', () => {
  const line: FilingEvent = { type: 'ProjectAdded', data: { projectId: 'p2', name: null, lineName: '运行维护经费' } };

  it('removes a project by its table name, with its figures', () => {
    const history = eventsOf(open, { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' }, set('project:业务经费.budget.initial', '3.5'), set('basic.expense.project:业务工作经费.budget', '109.77'));
    const state = given(...history).when({ type: 'RemoveProject', name: '业务经费' }).then([{ type: 'ProjectRemoved', data: { projectId: 'p1' } }]);
    expect(figuresOf(state)).toEqual({});
    expect(state.projects).toEqual([]);
  });

  it('removes a project by its line name', () => {
    given(OPENED, PROJECT, line).when({ type: 'RemoveProject', name: '运行维护经费' }).then([{ type: 'ProjectRemoved', data: { projectId: 'p2' } }]);
  });

  it('refuses an unknown project', () => {
    given(OPENED, PROJECT).when({ type: 'RemoveProject', name: '综治中心建设' }).thenError({ code: 'project-not-found', kind: 'NotFound', field: 'project' });
  });
});

describe('RemoveIndicator', () => {
  const social = 'overall.indicators.benefit.social.维护社会治安';
  const history = () => eventsOf(open, set(`${social}.weight`, '10'), set(`${social}#2.weight`, '5'), set('overall.indicators.benefit.social.促进网格化管理.weight', '10'));

  it('removes an indicator; a #2 of the same name moves up', () => {
    const state = given(...history())
      .when({ type: 'RemoveIndicator', path: social })
      .then([{ type: 'IndicatorRemoved', data: { sheet: OVERALL, indicatorId: 'i1' } }]);
    expect(figuresOf(state)).toEqual({ [`${social}.weight`]: '5', 'overall.indicators.benefit.social.促进网格化管理.weight': '10' });
  });

  it('removes the #2', () => {
    given(...history()).when({ type: 'RemoveIndicator', path: `${social}#2` }).then([{ type: 'IndicatorRemoved', data: { sheet: OVERALL, indicatorId: 'i2' } }]);
  });

  it('removes an indicator of a project table', () => {
    given(...eventsOf(open, ONE_OF_EACH.AddProject, set('project:综治中心建设.indicators.satisfaction.serviceTarget.收益群众满意度.score', '9')))
      .when({ type: 'RemoveIndicator', path: 'project:综治中心建设.indicators.satisfaction.serviceTarget.收益群众满意度' })
      .then([{ type: 'IndicatorRemoved', data: { sheet: { table: 'project', projectId: 'p2' }, indicatorId: 'i1' } }]);
  });

  it('refuses a path that is not an indicator, or an indicator that does not exist', () => {
    given(...history()).when({ type: 'RemoveIndicator', path: 'overall.groups.benefit' }).thenError({ code: 'unknown-figure-path' });
    given(...history()).when({ type: 'RemoveIndicator', path: 'overall.budget' }).thenError({ code: 'unknown-figure-path' });
    given(...history()).when({ type: 'RemoveIndicator', path: `${social}#3` }).thenError({ code: 'unknown-figure-path', field: `${social}#3`, says: ['没有这一指标'] });
    given(...history()).when({ type: 'RemoveIndicator', path: 'overall.indicators.benefit.ecological.维护社会治安' }).thenError({ code: 'unknown-figure-path' });
    given(...history()).when({ type: 'RemoveIndicator', path: 'project:业务经费.indicators.benefit.social.维护社会治安' }).thenError({ code: 'project-not-found' });
  });
});

describe('AdjustBudget stated by a document', () => {
  const base = [
    OPENED,
    { type: 'ProjectAdded', data: { projectId: 'p1', name: '业务经费', lineName: null } },
    { type: 'InitialBudgetSet', data: { sheet: { table: 'project', projectId: 'p1' }, row: 'total', amount: '3.5' } },
    { type: 'FullBudgetStated', data: { sheet: { table: 'project', projectId: 'p1' }, row: 'total', amount: '109.77' } },
  ] as FilingEvent[];
  const stated = { type: 'AdjustBudget', path: 'project:业务经费.budget.full', direction: 'increase', amount: '106.27', reason: '年中追加106.27万元', stated: true } as const;

  it('keeps the stated 全年预算数 (it already includes the adjustment)', () => {
    given(...base)
      .when(stated)
      .then([
        {
          type: 'BudgetAdjusted',
          data: { sheet: { table: 'project', projectId: 'p1' }, row: 'total', direction: 'increase', amount: '106.27', fullAfter: '109.77', date: null, documentNumber: null, reason: '年中追加106.27万元' },
        },
      ]);
  });

  it('is not repeated when the same document states it again', () => {
    const once = [...base, ...decide(stated, fold(base))];
    given(...once).when(stated).then([]);
    // a typed adjustment of the same amount is a new adjustment
    expect(decide({ ...stated, stated: false }, fold(once))).toHaveLength(1);
  });
});

describe('AssignTemplate', () => {
  const assign = (templateVersion: number, basis: 'round' | 'rescore' = 'rescore'): FilingCommand => ({ type: 'AssignTemplate', templateId: 'hunan-legacy-overall', templateVersion, basis });

  it('records the template version the filing is scored with, in any workflow state', () => {
    for (const history of [[OPENED], [OPENED, { type: 'FilingSubmitted', data: {} }], [OPENED, { type: 'FilingSubmitted', data: {} }, { type: 'FilingAccepted', data: {} }, { type: 'FilingPublished', data: {} }]] as FilingEvent[][]) {
      const state = given(...history)
        .when(assign(2))
        .then([{ type: 'FilingTemplateAssigned', data: { templateId: 'hunan-legacy-overall', templateVersion: 2, basis: 'rescore' } }]);
      expect(state.template).toEqual({ templateId: 'hunan-legacy-overall', templateVersion: 2 });
    }
  });

  it('adds nothing when the version is already assigned, and re-scores under another', () => {
    const once: FilingEvent[] = [OPENED, { type: 'FilingTemplateAssigned', data: { templateId: 'hunan-legacy-overall', templateVersion: 2, basis: 'round' } }];
    given(...once).when(assign(2)).then([]);
    given(...once).when(assign(3)).then([{ type: 'FilingTemplateAssigned', data: { templateId: 'hunan-legacy-overall', templateVersion: 3, basis: 'rescore' } }]);
  });

  it('refuses a malformed version, and a filing never opened', () => {
    given(OPENED).when(assign(0)).thenError({ code: 'invalid-field', field: 'template' });
    given(OPENED).when({ type: 'AssignTemplate', templateId: 'Bad Id', templateVersion: 1, basis: 'rescore' }).thenError({ code: 'invalid-field' });
    given().when(assign(1)).thenError({ code: 'filing-not-found' });
  });
});
