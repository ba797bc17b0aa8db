import type { CellValue, FilingCommand, FilingEvent, FilingEventType, FilingTablesView, SheetName } from '../index';
import {
  FILING_EVENT_TYPES,
  FilingError,
  QUOTED_LABELS,
  decide,
  figurePathsOf,
  figuresOf,
  fold,
  gradeOfWord,
  parseFigurePath,
  splitPath,
  tablesViewOf,
  withOccurrence,
} from '../index';

/**
 * Figure paths v1 (PRODUCT.md "Figure paths", "Names in paths"): every path shape is parsed, set
 * through decide, read back identically from figuresOf and found in tablesViewOf; the names rules;
 * and the paths each event declares. The lists below are copied from PRODUCT.md on purpose: they are
 * the contract, not the code's constants.
 */

const OPENED: FilingEvent = { type: 'FilingOpened', data: { countyCode: '430423', unitCode: 'wgzx', year: 2023 } };
const PROJECT: FilingEvent = { type: 'ProjectAdded', data: { projectId: 'p1', name: '业务经费', lineName: '业务工作经费' } };
const BASE = [OPENED, PROJECT];

type Kind = 'amount' | 'count' | 'area' | 'rate' | 'weight' | 'score' | 'number' | 'text';

const L2: Record<string, string[]> = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainable'],
  satisfaction: ['serviceTarget'],
};
const ALL_L2 = Object.values(L2).flat();
const EXPENSE_ITEMS = ['threePublic', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'overseas', 'reception', 'projects', 'publicFunds', 'office', 'utilitiesTravel', 'meetingsTraining', 'procurement', 'basicAdjustment'];
const SECTIONS = ['basicInfo', 'generalPublicBudget', 'govFundBudget', 'stateCapitalBudget', 'socialInsuranceBudget', 'performance', 'problems', 'improvements', 'resultsApplication', 'other'];
const PRODUCT_LABELS = ['一般公共预算拨款支出', '基本支出预算数', '项目支出年初预算', '年中追加', '项目支出全年预算', '政府性基金预算财政拨款收入', '政府性基金支出', '社会保险基金支出预算', '编制数', '在职人数'];
const SIGNOFF = ['preparer', 'date', 'phone', 'head'];
const BUDGET: [string, Kind][] = [
  ['initial', 'amount'],
  ['full', 'amount'],
  ['executed', 'amount'],
  ['weight', 'weight'],
  ['rate', 'rate'],
  ['score', 'score'],
];
const INDICATOR: [string, Kind][] = [
  ['target', 'text'],
  ['actual', 'text'],
  ['weight', 'weight'],
  ['score', 'score'],
  ['selfScore', 'score'],
  ['deviation', 'text'],
];

/** Paths of 附件二 and 附件三 shared by both (goals, groups, indicators, total, sign-off). */
function sheetShapes(head: string): [string, Kind][] {
  return [
    ...BUDGET.map(([f, k]): [string, Kind] => [`${head}.budget.${f}`, k]),
    [`${head}.goals.1.expected`, 'text'],
    [`${head}.goals.1.actual`, 'text'],
    ...Object.keys(L2).map((l1): [string, Kind] => [`${head}.groups.${l1}.weight`, 'weight']),
    ...Object.entries(L2).flatMap(([l1, l2s]) => l2s.flatMap((l2) => INDICATOR.map(([f, k]): [string, Kind] => [`${head}.indicators.${l1}.${l2}.综合影响力.${f}`, k]))),
    [`${head}.total.weight`, 'weight'],
    [`${head}.total.score`, 'score'],
    ...SIGNOFF.map((f): [string, Kind] => [`${head}.signoff.${f}`, 'text']),
  ];
}

const SHAPES: [string, Kind][] = [
  // 附件一
  ['basic.staffing.authorized', 'count'],
  ['basic.staffing.actual', 'count'],
  ['basic.staffing.controlRate', 'rate'],
  ...EXPENSE_ITEMS.flatMap((item) => ['prevActual', 'budget', 'actual'].map((c): [string, Kind] => [`basic.expense.${item}.${c}`, 'amount'])),
  ...['prevActual', 'budget', 'actual'].map((c): [string, Kind] => [`basic.expense.project:业务工作经费.${c}`, 'amount']),
  ['basic.buildings.approvedArea', 'area'],
  ['basic.buildings.actualArea', 'area'],
  ['basic.buildings.areaControlRate', 'rate'],
  ['basic.buildings.budgetInvestment', 'amount'],
  ['basic.buildings.actualInvestment', 'amount'],
  ['basic.buildings.investmentControlRate', 'rate'],
  ['basic.savingsMeasures', 'text'],
  ...SIGNOFF.map((f): [string, Kind] => [`basic.signoff.${f}`, 'text']),
  // 附件二
  ['overall.unitName', 'text'],
  ...['generalPublic', 'govFund', 'specialAccount', 'other', 'basic', 'project', 'sourceTotal', 'natureTotal'].map((c): [string, Kind] => [`overall.funds.${c}`, 'amount']),
  ...sheetShapes('overall'),
  // 附件三
  ['project:业务经费.department', 'text'],
  ['project:业务经费.implementer', 'text'],
  ...['currentYear', 'carryOver', 'other'].flatMap((row) => BUDGET.map(([f, k]): [string, Kind] => [`project:业务经费.funds.${row}.${f}`, k])),
  ...sheetShapes('project:业务经费'),
  // 附件四
  ['report.cover.unitName', 'text'],
  ['report.cover.date', 'text'],
  ...SECTIONS.map((s): [string, Kind] => [`report.sections.${s}.text`, 'text']),
  ['report.statedGrade', 'text'],
  ...PRODUCT_LABELS.map((l): [string, Kind] => [`report.quoted.${l}`, 'number']),
];

/** A distinct value per path, of its kind, so that a value landing in the wrong cell is noticed. */
function valueFor(kind: Kind, i: number): string {
  switch (kind) {
    case 'amount':
      return `${100 + i}.25`;
    case 'count':
      return `${i + 1}`;
    case 'area':
      return `${1000 + i}.5`;
    case 'rate':
      return `${i + 1}.5%`;
    case 'weight':
      return `${i + 1}.5`;
    case 'score':
      return `${i}.75`;
    case 'number':
      return `${i}.125`;
    case 'text':
      return `文字${i}`;
  }
}

/** The path a value is read back under: `selfScore` is stored as `score`. */
const canonical = (path: string) => path.replace(/\.selfScore$/u, '.score');

const CASES = SHAPES.map(([path, kind], i) => ({ path, kind, value: valueFor(kind, i) }));

function eventsOf(history: FilingEvent[], ...commands: FilingCommand[]): FilingEvent[] {
  const events = [...history];
  let state = fold(history);
  for (const command of commands) {
    const produced = decide(command, state);
    events.push(...produced);
    state = fold(produced, state);
  }
  return events;
}

const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });

function errorOf(run: () => unknown): FilingError {
  try {
    run();
  } catch (error) {
    if (error instanceof FilingError) return error;
    throw error;
  }
  throw new Error('expected a FilingError');
}

/** Where the four-table view shows the cell a path names (undefined: not shown). */
function inView(view: FilingTablesView, path: string): CellValue | undefined {
  const a = parseFigurePath(path);
  const sheetOf = (name: SheetName) => (name.table === 'overall' ? view.overall : view.projects.find((p) => p.name === name.name));
  switch (a.kind) {
    case 'staffing':
      return view.basic.staffing[a.field];
    case 'expense':
      return view.basic.expense.find((r) => r.item === a.item)?.[a.column];
    case 'projectLine': {
      const row = view.basic.expense.find((r) => r.item === 'project' && r.label === a.lineName);
      expect(row?.path).toBe(path.slice(0, path.lastIndexOf('.')));
      return row?.[a.column];
    }
    case 'buildings':
      return view.basic.buildings[a.field];
    case 'savingsMeasures':
      return view.basic.savingsMeasures;
    case 'signoff':
      return (a.table.table === 'basic' ? view.basic.signoff : sheetOf(a.table)?.signoff)?.[a.field];
    case 'header': {
      if (a.sheet.table === 'overall') return view.overall.unitName;
      const project = sheetOf(a.sheet) as FilingTablesView['projects'][number] | undefined;
      return a.field === 'department' ? project?.department : a.field === 'implementer' ? project?.implementer : undefined;
    }
    case 'budget':
      return sheetOf(a.sheet)?.budget.find((r) => r.row === a.row)?.[a.field];
    case 'funds':
      return view.overall.funds[a.category];
    case 'goal':
      return sheetOf(a.sheet)?.goals.find((g) => g.goal === a.goal)?.[a.field];
    case 'group':
      return sheetOf(a.sheet)?.groups.find((g) => g.level1 === a.level1)?.weight;
    case 'indicator': {
      const indicator = sheetOf(a.sheet)
        ?.groups.find((g) => g.level1 === a.level1)
        ?.indicators.find((i) => i.level2 === a.level2 && i.name === a.name);
      expect(indicator?.path).toBe(path.slice(0, path.lastIndexOf('.')));
      return indicator?.[a.field];
    }
    case 'total':
      return sheetOf(a.sheet)?.total[a.field];
    case 'cover':
      return view.report.cover[a.field];
    case 'section':
      return view.report.sections.find((s) => s.section === a.section)?.text;
    case 'quoted': {
      const quoted = view.report.quoted.find((q) => q.label === withOccurrence(a.label, a.occurrence));
      expect(quoted?.path).toBe(path);
      return quoted?.value;
    }
    case 'statedGrade':
      return view.report.statedGrade;
  }
}

describe('every v1 path shape', () => {
  it('the table covers every shape PRODUCT.md lists', () => {
    // 附件一 3 + 13×3 + 3 + 6 + 1 + 4; 附件二 1 + 8 + sheet; 附件三 2 + 3×6 + sheet; 附件四 2 + 10 + 1 + 10
    const sheet = 6 + 2 + 3 + 9 * 6 + 2 + 4;
    expect(SHAPES).toHaveLength(56 + 9 + sheet + 20 + sheet + 23);
    expect(new Set(SHAPES.map(([p]) => p)).size).toBe(SHAPES.length);
  });

  it.each(CASES)('$path is parsed', ({ path }) => {
    const address = parseFigurePath(path);
    expect(address.kind).toBeDefined();
  });

  it.each(CASES)('$path ($kind) is set, read back from figuresOf and found in tablesViewOf', ({ path, value }) => {
    const events = eventsOf(BASE, set(path, value));
    expect(events.length).toBeGreaterThan(BASE.length);
    const state = fold(events);
    expect(figuresOf(state)).toEqual({ [canonical(path)]: value });
    expect(inView(tablesViewOf(state), canonical(path))).toBe(value);
  });

  it.each(CASES)('$path: the events declare exactly that path', ({ path, value }) => {
    let state = fold(BASE);
    const declared: string[] = [];
    for (const event of decide(set(path, value), state)) {
      declared.push(...figurePathsOf(event, state));
      state = fold([event], state);
    }
    expect(declared).toEqual([canonical(path)]);
  });

  it.each(CASES.filter((c) => c.kind !== 'text'))('$path ($kind) refuses text', ({ path }) => {
    expect(errorOf(() => decide(set(path, '若干'), fold(BASE))).code).toBe('invalid-figure-value');
  });

  const refusesPercent = new Set<Kind>(['amount', 'count', 'area', 'weight', 'score']);
  it.each(CASES.filter((c) => c.kind !== 'text'))('$path ($kind): "5%" is accepted only where a cell may hold a percentage', ({ path, kind }) => {
    const run = () => decide(set(path, '5%'), fold(BASE));
    if (refusesPercent.has(kind)) expect(errorOf(run).code).toBe('invalid-figure-value');
    else expect(run()).not.toEqual([]);
  });

  const refusesNegative = new Set<Kind>(['amount', 'count', 'area', 'weight']);
  it.each(CASES.filter((c) => c.kind !== 'text'))('$path ($kind): "-1" is accepted only where a cell may be negative', ({ path, kind }) => {
    const run = () => decide(set(path, '-1'), fold(BASE));
    if (refusesNegative.has(kind) && !path.startsWith('basic.expense.basicAdjustment.')) expect(errorOf(run).code).toBe('invalid-figure-value');
    else expect(run()).not.toEqual([]);
  });

  it('all of them together, in one filing, are read back exactly', () => {
    const events = eventsOf(BASE, ...CASES.map(({ path, value }) => set(path, value)));
    const state = fold(events);
    const expected = Object.fromEntries(CASES.map(({ path, value }) => [canonical(path), value]));
    // `score` and `selfScore` name one cell: the later (selfScore) value wins
    expect(figuresOf(state)).toEqual(expected);
    const view = tablesViewOf(state);
    for (const [path, value] of Object.entries(expected)) expect([path, inView(view, path)]).toEqual([path, value]);
    // every key figuresOf produces parses back to a path
    for (const path of Object.keys(figuresOf(state))) expect(() => parseFigurePath(path)).not.toThrow();
  });

  it('every label of the quoted-figure lexicon is a path', () => {
    for (const { label } of QUOTED_LABELS) {
      const state = fold(eventsOf(BASE, set(`report.quoted.${label}`, '1')));
      expect(figuresOf(state)).toEqual({ [`report.quoted.${label}`]: '1' });
    }
  });
});

describe('parsed addresses', () => {
  it.each([
    ['basic.expense.project:业务工作经费.budget', { kind: 'projectLine', lineName: '业务工作经费', column: 'budget' }],
    ['overall.budget.rate', { kind: 'budget', sheet: { table: 'overall' }, row: 'total', field: 'rate' }],
    ['project:业务经费.funds.carryOver.full', { kind: 'budget', sheet: { table: 'project', name: '业务经费' }, row: 'carryOver', field: 'full' }],
    ['project:业务经费.budget.full', { kind: 'budget', sheet: { table: 'project', name: '业务经费' }, row: 'total', field: 'full' }],
    ['overall.funds.sourceTotal', { kind: 'funds', category: 'sourceTotal' }],
    ['overall.goals.12.actual', { kind: 'goal', sheet: { table: 'overall' }, goal: 12, field: 'actual' }],
    ['project:业务经费.groups.satisfaction.weight', { kind: 'group', sheet: { table: 'project', name: '业务经费' }, level1: 'satisfaction' }],
    [
      'project:业务经费.indicators.output.quantity.管理制度日趋完善.selfScore',
      { kind: 'indicator', sheet: { table: 'project', name: '业务经费' }, level1: 'output', level2: 'quantity', name: '管理制度日趋完善', field: 'score' },
    ],
    ['overall.indicators.benefit.social.维护社会治安#2.target', { kind: 'indicator', sheet: { table: 'overall' }, level1: 'benefit', level2: 'social', name: '维护社会治安#2', field: 'target' }],
    ['overall.signoff.head', { kind: 'signoff', table: { table: 'overall' }, field: 'head' }],
    ['basic.signoff.head', { kind: 'signoff', table: { table: 'basic' }, field: 'head' }],
    ['report.quoted.编制数#2', { kind: 'quoted', label: '编制数', occurrence: 2 }],
    ['report.quoted.编制数#10', { kind: 'quoted', label: '编制数', occurrence: 10 }],
    ['report.quoted.编制数#1', { kind: 'quoted', label: '编制数#1', occurrence: 1 }],
    ['report.sections.other.text', { kind: 'section', section: 'other' }],
    ['project:a\\.b\\\\c.total.score', { kind: 'total', sheet: { table: 'project', name: 'a.b\\c' }, field: 'score' }],
  ])('%s', (path, address) => {
    expect(parseFigurePath(path)).toEqual(address);
  });
});

describe('refused paths', () => {
  it.each([
    ['an unknown table', 'budget.initial'],
    ['an unknown basic section', 'basic.staff.actual'],
    ['an unknown staffing field', 'basic.staffing.retired'],
    ['an unknown expense item', 'basic.expense.training.budget'],
    ['an unknown expense column', 'basic.expense.office.final'],
    ['an expense line without its column', 'basic.expense.office'],
    ['an unknown buildings field', 'basic.buildings.area'],
    ['a savings measure with a field', 'basic.savingsMeasures.text'],
    ['an unknown sign-off field', 'basic.signoff.signature'],
    ['an unknown overall section', 'overall.department'],
    ['a project header on the overall table', 'overall.implementer'],
    ['the overall header on a project table', 'project:业务经费.unitName'],
    ['an unknown budget field', 'overall.budget.adjustment'],
    ['a budget without its field', 'overall.budget'],
    ['a fund row on the overall table', 'overall.funds.currentYear.initial'],
    ['an overall fund category on a project table', 'project:业务经费.funds.generalPublic'],
    ['a project fund row without its field', 'project:业务经费.funds.currentYear'],
    ['an unknown fund category', 'overall.funds.provincial'],
    ['goal row 0', 'overall.goals.0.expected'],
    ['goal row 01', 'overall.goals.01.expected'],
    ['goal row x', 'overall.goals.x.expected'],
    ['an unknown goal field', 'overall.goals.1.text'],
    ['a group score (computed only)', 'overall.groups.output.score'],
    ['an unknown level1', 'overall.groups.input.weight'],
    ['an unknown level1 of an indicator', 'overall.indicators.input.quantity.x.target'],
    ['an unknown indicator field', 'overall.indicators.output.quantity.x.value'],
    ['an Object.prototype key as a field', 'overall.indicators.output.quantity.x.constructor'],
    ['toString as a field', 'overall.indicators.output.quantity.x.toString'],
    ['an indicator without a field', 'overall.indicators.output.quantity.x'],
    ['an unknown total field', 'overall.total.rate'],
    ['an unknown report section', 'report.sections.summary.text'],
    ['a section without .text', 'report.sections.basicInfo'],
    ['a section with another field', 'report.sections.basicInfo.title'],
    ['an unknown cover field', 'report.cover.seal'],
    ['a stated grade with a field', 'report.statedGrade.word'],
    ['a quoted figure without a label', 'report.quoted'],
    ['too many segments', 'overall.budget.initial.x'],
    ['an empty project name', 'project:.budget.initial'],
    ['an empty line name', 'basic.expense.project:.budget'],
    ['an empty segment', 'overall..budget.initial'],
    ['a trailing dot', 'overall.budget.'],
    ['a leading dot', '.overall.budget.initial'],
    ['an empty indicator name', 'overall.indicators.output.quantity..target'],
    ['a dangling backslash', 'overall.budget.initial\\'],
    ['a backslash escaping a letter', 'project:a\\b.budget.initial'],
    ['the empty path', ''],
  ])('%s: %j', (_what, path) => {
    const error = errorOf(() => parseFigurePath(path));
    expect(error.code).toBe('unknown-figure-path');
    expect(error.field).toBe(path);
    expect(error.message).toContain('未知的数据路径');
  });

  const wrong = Object.keys(L2).flatMap((l1) => ALL_L2.filter((l2) => !L2[l1].includes(l2)).map((l2) => [l1, l2]));
  it.each(wrong)('level2 %s.%s is refused under the wrong level1', (l1, l2) => {
    const error = errorOf(() => parseFigurePath(`overall.indicators.${l1}.${l2}.综合影响力.target`));
    expect(error.code).toBe('unknown-figure-path');
    expect(error.message).toContain(`“${l1}”下的二级指标`);
  });

  it('names the expected segments in the message', () => {
    expect(errorOf(() => parseFigurePath('overall.budget.ratio')).message).toContain('initial / full / executed / weight / rate / score');
  });
});

describe('names in paths', () => {
  describe('escaping', () => {
    const named = (name: string | null, lineName: string | null): FilingEvent => ({ type: 'ProjectAdded', data: { projectId: 'p9', name, lineName } });

    it.each([
      ['a dot', '业务.经费', 'project:业务\\.经费'],
      ['a backslash', '业务\\经费', 'project:业务\\\\经费'],
      ['both', 'a.b\\c', 'project:a\\.b\\\\c'],
    ])('a project name with %s: %j is %s', (_what, name, head) => {
      const state = fold(eventsOf([OPENED, named(name, name)], set(`${head}.budget.initial`, '3.5'), set(`basic.expense.${head}.budget`, '3.5')));
      expect(figuresOf(state)).toEqual({ [`${head}.budget.initial`]: '3.5', [`basic.expense.${head}.budget`]: '3.5' });
      expect(tablesViewOf(state).projects[0]).toMatchObject({ name, table: head });
      expect(splitPath(head)).toEqual([`project:${name}`]);
    });

    it('the unescaped form is another path', () => {
      const history = [OPENED, named('业务.经费', null)];
      expect(errorOf(() => decide(set('project:业务.经费.budget.initial', '3.5'), fold(history))).code).toBe('unknown-figure-path');
    });

    it('an indicator named "1.5万元以下采购" keeps its 1.5 and escapes the dot', () => {
      const path = 'overall.indicators.output.cost.1\\.5万元以下采购.target';
      const state = fold(eventsOf([OPENED], set(path, '≤90万元')));
      expect(state.overall.indicators[0].name).toBe('1.5万元以下采购');
      expect(figuresOf(state)).toEqual({ [path]: '≤90万元' });
      expect(inView(tablesViewOf(state), path)).toBe('≤90万元');
    });
  });

  describe('#n for a second row of the same name', () => {
    it('indicators', () => {
      const base = 'project:业务经费.indicators.benefit.social';
      const state = fold(eventsOf(BASE, set(`${base}.维护社会治安.score`, '10'), set(`${base}.维护社会治安#2.score`, '9'), set(`${base}.维护社会治安#3.score`, '8')));
      expect(figuresOf(state)).toEqual({ [`${base}.维护社会治安.score`]: '10', [`${base}.维护社会治安#2.score`]: '9', [`${base}.维护社会治安#3.score`]: '8' });
      expect(tablesViewOf(state).projects[0].groups[0].indicators.map((i) => [i.name, i.path])).toEqual([
        ['维护社会治安', `${base}.维护社会治安`],
        ['维护社会治安#2', `${base}.维护社会治安#2`],
        ['维护社会治安#3', `${base}.维护社会治安#3`],
      ]);
    });

    it('project lines and project tables', () => {
      const history = [
        OPENED,
        { type: 'ProjectAdded', data: { projectId: 'p1', name: '综治中心建设', lineName: '综治中心建设' } },
        { type: 'ProjectAdded', data: { projectId: 'p2', name: '综治中心建设', lineName: '综治中心建设' } },
      ] as FilingEvent[];
      const events = eventsOf(history, set('basic.expense.project:综治中心建设#2.budget', '349.32'), set('project:综治中心建设#2.budget.executed', '349.32'), set('project:综治中心建设.budget.executed', '1'));
      expect(events.slice(history.length)).toEqual([
        { type: 'ProjectExpenseLineRecorded', data: { projectId: 'p2', column: 'budget', value: '349.32' } },
        { type: 'SpendingRecorded', data: { sheet: { table: 'project', projectId: 'p2' }, row: 'total', executed: '349.32' } },
        { type: 'SpendingRecorded', data: { sheet: { table: 'project', projectId: 'p1' }, row: 'total', executed: '1' } },
      ]);
      const state = fold(events);
      expect(figuresOf(state)).toEqual({
        'basic.expense.project:综治中心建设#2.budget': '349.32',
        'project:综治中心建设.budget.executed': '1',
        'project:综治中心建设#2.budget.executed': '349.32',
      });
      expect(tablesViewOf(state).basic.expense.map((r) => r.path)).toEqual(['basic.expense.project:综治中心建设', 'basic.expense.project:综治中心建设#2']);
      expect(errorOf(() => decide(set('project:综治中心建设#3.budget.executed', '1'), state)).code).toBe('project-not-found');
    });

    it('quoted labels', () => {
      const state = fold(eventsOf([OPENED], set('report.quoted.一般公共预算拨款支出', '208.37'), set('report.quoted.一般公共预算拨款支出#2', '208.73')));
      expect(figuresOf(state)).toEqual({ 'report.quoted.一般公共预算拨款支出': '208.37', 'report.quoted.一般公共预算拨款支出#2': '208.73' });
      expect(tablesViewOf(state).report.quoted).toEqual([
        { label: '一般公共预算拨款支出', path: 'report.quoted.一般公共预算拨款支出', value: '208.37' },
        { label: '一般公共预算拨款支出#2', path: 'report.quoted.一般公共预算拨款支出#2', value: '208.73' },
      ]);
    });
  });

  describe('a name in a path is the normalised name', () => {
    it.each([
      ['numbering 1、', '1、管理制度日趋完善'],
      ['numbering 3. (escaped in the path)', '3\\.管理制度日趋完善'],
      ['numbering （一）', '（一）管理制度日趋完善'],
      ['numbering ①', '①管理制度日趋完善'],
      ['其中：', '其中：管理制度日趋完善'],
      ['其中:', '其中:管理制度日趋完善'],
      ['a trailing colon', '管理制度日趋完善：'],
      ['a line break', '管理制度日\n趋完善'],
      ['surrounding spaces', ' 管理制度日趋完善 '],
    ])('%s is refused with the normalised suggestion', (_what, printed) => {
      const error = errorOf(() => decide(set(`overall.indicators.output.quantity.${printed}.target`, '100%'), fold([OPENED])));
      expect(error.code).toBe('unknown-figure-path');
      expect(error.message).toContain('规范形式“管理制度日趋完善”');
      expect(error.messageEn).toContain('"管理制度日趋完善"');
    });

    it('names are otherwise kept as printed (no width folding)', () => {
      const path = 'overall.indicators.output.quality.ＡＢＣ（全角）达标率.target';
      expect(figuresOf(fold(eventsOf([OPENED], set(path, '100%'))))).toEqual({ [path]: '100%' });
    });

    it('a project is named in paths by its normalised name', () => {
      const state = fold(eventsOf([OPENED], { type: 'AddProject', projectId: 'p1', name: '其中：业务经费：', lineName: '1、业务工作经费' }, set('project:业务经费.budget.initial', '3.5'), set('basic.expense.project:业务工作经费.budget', '109.77')));
      expect(figuresOf(state)).toEqual({ 'project:业务经费.budget.initial': '3.5', 'basic.expense.project:业务工作经费.budget': '109.77' });
      expect(errorOf(() => decide(set('project:1、业务经费.budget.initial', '1'), state)).code).toBe('project-not-found');
    });
  });
});

describe('report.statedGrade', () => {
  it.each([
    ['优秀', '优'],
    ['良好。', '良'],
    ['“良好”', '良'],
    ['合格', '中'],
    ['中等', '中'],
    ['不合格', '差'],
    ['较差', '差'],
    ['无', null],
    ['constructor', null],
    ['toString', null],
    [null, null],
  ])('the printed word %j maps to %j', (printed, grade) => {
    expect(gradeOfWord(printed)).toBe(grade);
  });
});

describe('figurePathsOf', () => {
  const P1 = { table: 'project', projectId: 'p1' } as const;
  const OVERALL = { table: 'overall' } as const;
  /** Two projects, one with a dot in its name, and indicators including a #2. */
  const BEFORE: FilingEvent[] = [
    OPENED,
    PROJECT,
    { type: 'ProjectAdded', data: { projectId: 'p2', name: '综治.中心', lineName: '综治.中心' } },
    { type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i1', level1: 'output', level2: 'quantity', name: '管理制度日趋完善' } },
    { type: 'IndicatorDefined', data: { sheet: P1, indicatorId: 'i2', level1: 'benefit', level2: 'social', name: '维护社会治安' } },
    { type: 'IndicatorDefined', data: { sheet: P1, indicatorId: 'i3', level1: 'benefit', level2: 'social', name: '维护社会治安' } },
  ];
  const P2 = { table: 'project', projectId: 'p2' } as const;

  /** One example of every event type; a type added to the union must be added here (compile error). */
  const EXAMPLES: Record<FilingEventType, [FilingEvent, string[]]> = {
    FilingOpened: [OPENED, []],
    StaffingRecorded: [{ type: 'StaffingRecorded', data: { field: 'controlRate', value: '70%' } }, ['basic.staffing.controlRate']],
    ExpenseLineRecorded: [{ type: 'ExpenseLineRecorded', data: { item: 'utilitiesTravel', column: 'prevActual', value: '0.24' } }, ['basic.expense.utilitiesTravel.prevActual']],
    ProjectExpenseLineRecorded: [{ type: 'ProjectExpenseLineRecorded', data: { projectId: 'p2', column: 'actual', value: '349.32' } }, ['basic.expense.project:综治\\.中心.actual']],
    BuildingsRecorded: [{ type: 'BuildingsRecorded', data: { field: 'investmentControlRate', value: '——' } }, ['basic.buildings.investmentControlRate']],
    SavingsMeasuresWritten: [{ type: 'SavingsMeasuresWritten', data: { text: '厉行节约' } }, ['basic.savingsMeasures']],
    SignoffRecorded: [{ type: 'SignoffRecorded', data: { table: 'project', projectId: 'p2', field: 'head', value: '张三' } }, ['project:综治\\.中心.signoff.head']],
    HeaderFieldSet: [{ type: 'HeaderFieldSet', data: { sheet: P1, field: 'department', value: '县委政法委' } }, ['project:业务经费.department']],
    InitialBudgetSet: [{ type: 'InitialBudgetSet', data: { sheet: OVERALL, row: 'total', amount: '81.51' } }, ['overall.budget.initial']],
    FullBudgetStated: [{ type: 'FullBudgetStated', data: { sheet: P1, row: 'currentYear', amount: '109.77' } }, ['project:业务经费.funds.currentYear.full']],
    BudgetAdjusted: [
      { type: 'BudgetAdjusted', data: { sheet: P2, row: 'total', direction: 'increase', amount: '349.32', fullAfter: '349.32', date: null, documentNumber: null, reason: null } },
      ['project:综治\\.中心.budget.full'],
    ],
    SpendingRecorded: [{ type: 'SpendingRecorded', data: { sheet: OVERALL, row: 'total', executed: '557.70' } }, ['overall.budget.executed']],
    ExecutionRateStated: [{ type: 'ExecutionRateStated', data: { sheet: P1, row: 'carryOver', rate: '——' } }, ['project:业务经费.funds.carryOver.rate']],
    WeightSet: [{ type: 'WeightSet', data: { sheet: P1, at: { kind: 'indicator', indicatorId: 'i3' }, weight: '10' } }, ['project:业务经费.indicators.benefit.social.维护社会治安#2.weight']],
    SelfScoreEntered: [{ type: 'SelfScoreEntered', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, score: '12' } }, ['overall.indicators.output.quantity.管理制度日趋完善.score']],
    SelfScoreCorrected: [{ type: 'SelfScoreCorrected', data: { sheet: P1, at: { kind: 'budget', row: 'currentYear' }, previous: '10', score: '9' } }, ['project:业务经费.funds.currentYear.score']],
    FundsRecorded: [{ type: 'FundsRecorded', data: { category: 'specialAccount', amount: null } }, ['overall.funds.specialAccount']],
    GoalWritten: [{ type: 'GoalWritten', data: { sheet: P1, goal: 2, field: 'actual', text: '100%' } }, ['project:业务经费.goals.2.actual']],
    IndicatorDefined: [{ type: 'IndicatorDefined', data: { sheet: OVERALL, indicatorId: 'i4', level1: 'satisfaction', level2: 'serviceTarget', name: '收益群众满意度' } }, []],
    IndicatorRemoved: [{ type: 'IndicatorRemoved', data: { sheet: OVERALL, indicatorId: 'i1' } }, []],
    IndicatorTargetSet: [{ type: 'IndicatorTargetSet', data: { sheet: P1, indicatorId: 'i2', target: '100%' } }, ['project:业务经费.indicators.benefit.social.维护社会治安.target']],
    IndicatorActualRecorded: [{ type: 'IndicatorActualRecorded', data: { sheet: OVERALL, indicatorId: 'i1', actual: '100%' } }, ['overall.indicators.output.quantity.管理制度日趋完善.actual']],
    DeviationExplained: [{ type: 'DeviationExplained', data: { sheet: P1, indicatorId: 'i3', text: '无' } }, ['project:业务经费.indicators.benefit.social.维护社会治安#2.deviation']],
    ProjectAdded: [{ type: 'ProjectAdded', data: { projectId: 'p3', name: 'x', lineName: null } }, []],
    ProjectRenamed: [{ type: 'ProjectRenamed', data: { projectId: 'p1', part: 'table', from: '业务经费', to: 'y' } }, []],
    ProjectLinked: [{ type: 'ProjectLinked', data: { projectId: 'p1', mergedProjectId: 'p2', lineName: '综治.中心', basis: 'command' } }, []],
    ProjectRemoved: [{ type: 'ProjectRemoved', data: { projectId: 'p2' } }, []],
    CoverFieldSet: [{ type: 'CoverFieldSet', data: { field: 'unitName', value: '衡山县社会治理和网格化信息中心' } }, ['report.cover.unitName']],
    ReportSectionWritten: [{ type: 'ReportSectionWritten', data: { section: 'socialInsuranceBudget', text: '7.43万元' } }, ['report.sections.socialInsuranceBudget.text']],
    ReportFigureQuoted: [{ type: 'ReportFigureQuoted', data: { label: '编制数', occurrence: 2, value: '10' } }, ['report.quoted.编制数#2']],
    GradeStated: [{ type: 'GradeStated', data: { printed: '良好' } }, ['report.statedGrade']],
    FilingTemplateAssigned: [{ type: 'FilingTemplateAssigned', data: { templateId: 'national-default', templateVersion: 1, basis: 'round' } }, []],
    FilingSubmitted: [{ type: 'FilingSubmitted', data: {} }, []],
    FilingReturned: [{ type: 'FilingReturned', data: { comments: [{ path: 'overall.budget.rate', text: '请核对' }] } }, []],
    FilingAccepted: [{ type: 'FilingAccepted', data: {} }, []],
    FilingPublished: [{ type: 'FilingPublished', data: {} }, []],
  };

  it('the table has one example of every member of FILING_EVENT_TYPES', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...FILING_EVENT_TYPES].sort());
    for (const [type, [event]] of Object.entries(EXAMPLES)) expect(event.type).toBe(type);
  });

  it.each(FILING_EVENT_TYPES.map((type) => [type, ...EXAMPLES[type]] as const))('%s declares %j', (_type, event, paths) => {
    const before = fold(BEFORE);
    expect(figurePathsOf(event, before)).toEqual(paths);
    // the declared paths are v1 paths, and name the cell the event sets
    const after = fold([event], before);
    for (const path of paths) {
      expect(() => parseFigurePath(path)).not.toThrow();
      const value = figuresOf(after)[path] ?? null;
      const data = event.data as Record<string, unknown>;
      const set = ['value', 'amount', 'fullAfter', 'executed', 'rate', 'weight', 'score', 'text', 'target', 'actual', 'printed'].find((k) => k in data);
      expect(value).toBe(event.type === 'BudgetAdjusted' ? data.fullAfter : data[set as string]);
    }
  });

  it('a removal declares the cells it empties (and only those that held a value)', () => {
    const filled = fold(
      [
        { type: 'ProjectExpenseLineRecorded', data: { projectId: 'p2', column: 'budget', value: '345.43' } },
        { type: 'InitialBudgetSet', data: { sheet: P2, row: 'total', amount: '0' } },
        { type: 'IndicatorDefined', data: { sheet: P2, indicatorId: 'i9', level1: 'output', level2: 'cost', name: '项目投资金额' } },
        { type: 'IndicatorTargetSet', data: { sheet: P2, indicatorId: 'i9', target: '349.32' } },
        { type: 'IndicatorTargetSet', data: { sheet: OVERALL, indicatorId: 'i1', target: '100%' } },
        { type: 'WeightSet', data: { sheet: OVERALL, at: { kind: 'indicator', indicatorId: 'i1' }, weight: '12' } },
      ],
      fold(BEFORE),
    );
    expect(figurePathsOf({ type: 'ProjectRemoved', data: { projectId: 'p2' } }, filled)).toEqual([
      'basic.expense.project:综治\\.中心.budget',
      'project:综治\\.中心.budget.initial',
      'project:综治\\.中心.indicators.output.cost.项目投资金额.target',
    ]);
    expect(figurePathsOf({ type: 'IndicatorRemoved', data: { sheet: OVERALL, indicatorId: 'i1' } }, filled)).toEqual([
      'overall.indicators.output.quantity.管理制度日趋完善.target',
      'overall.indicators.output.quantity.管理制度日趋完善.weight',
    ]);
  });

  it('names paths as they were when the event was recorded (before a rename)', () => {
    const event: FilingEvent = { type: 'SpendingRecorded', data: { sheet: P1, row: 'total', executed: '1' } };
    const renamed = fold([{ type: 'ProjectRenamed', data: { projectId: 'p1', part: 'table', from: '业务经费', to: '业务工作经费' } }], fold(BEFORE));
    expect(figurePathsOf(event, fold(BEFORE))).toEqual(['project:业务经费.budget.executed']);
    expect(figurePathsOf(event, renamed)).toEqual(['project:业务工作经费.budget.executed']);
  });

  it.each([
    [{ kind: 'budget', row: 'total' }, 'project:业务经费.budget.weight'],
    [{ kind: 'budget', row: 'other' }, 'project:业务经费.funds.other.weight'],
    [{ kind: 'group', level1: 'benefit' }, 'project:业务经费.groups.benefit.weight'],
    [{ kind: 'total' }, 'project:业务经费.total.weight'],
  ] as const)('a weight at %j is %s', (at, path) => {
    expect(figurePathsOf({ type: 'WeightSet', data: { sheet: P1, at, weight: '10' } }, fold(BEFORE))).toEqual([path]);
  });

  it.each([
    [{ kind: 'budget', row: 'total' }, 'overall.budget.score'],
    [{ kind: 'total' }, 'overall.total.score'],
  ] as const)('a score at %j is %s', (at, path) => {
    expect(figurePathsOf({ type: 'SelfScoreEntered', data: { sheet: OVERALL, at, score: '10' } }, fold(BEFORE))).toEqual([path]);
  });

  it.each([
    ['basic', undefined, 'basic.signoff.preparer'],
    ['overall', undefined, 'overall.signoff.preparer'],
    ['project', 'p1', 'project:业务经费.signoff.preparer'],
  ] as const)('a %s sign-off is %s', (table, projectId, path) => {
    expect(figurePathsOf({ type: 'SignoffRecorded', data: { table, projectId, field: 'preparer', value: 'x' } }, fold(BEFORE))).toEqual([path]);
  });
});
