import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { FilingCommand, FilingEvent, FilingState, SheetState } from '../index';
import {
  FilingError,
  cellKeyed,
  cellKeysOf,
  displayedPath,
  displayNamesOf,
  figureChangesOf,
  figureHistory,
  computedOf,
  decide,
  evolve,
  figurePathsOf,
  figuresOf,
  fold,
  initialFilingState,
  joinPath,
  normaliseValue,
  parseFigurePath,
  pathsWithinTable,
  projectDisplayNames,
  sameValue,
  splitPath,
  tablesViewOf,
} from '../index';

/**
 * Properties of decide + fold over arbitrary command sequences: commands that a FilingError refuses are
 * skipped; any other exception fails the property.
 */

const OPENED: FilingEvent = { type: 'FilingOpened', data: { countyCode: '430423', unitCode: 'wgzx', year: 2023 } };
const RUNS = { numRuns: 200 };

// ---------------------------------------------------------------------------------------------------
// Generators

const PROJECT_IDS = ['p1', 'p2', 'p3', 'p4', 'p5'];
/** Project names (raw); `综治.中心` needs escaping in paths; `业务经费` twice gives `业务经费#2`. */
const PROJECT_NAMES = ['业务经费', '综治.中心', '运行维护经费'];
const LINE_NAMES = ['业务工作经费', '综治.中心', '运行维护经费'];
const SHEET_HEADS = ['overall', 'overall', ...PROJECT_NAMES.map((n) => joinPath([`project:${n}`])), 'project:业务经费#2'];
const LINE_HEADS = [...LINE_NAMES.map((n) => joinPath([`project:${n}`])), 'project:业务工作经费#2'];
const L1L2 = [
  ['output', 'quantity'],
  ['output', 'quality'],
  ['output', 'timeliness'],
  ['output', 'cost'],
  ['benefit', 'economic'],
  ['benefit', 'social'],
  ['benefit', 'ecological'],
  ['benefit', 'sustainable'],
  ['satisfaction', 'serviceTarget'],
];
/** Indicator names as written in paths: `#2`, an escaped dot, and a non-normalised one (refused). */
const INDICATOR_NAMES = ['管理制度日趋完善', '维护社会治安', '维护社会治安#2', '完成率\\.95', '1、综合影响力'];
const BUDGET_FIELDS = ['initial', 'full', 'executed', 'weight', 'rate', 'score'];
const EXPENSE_ITEMS = ['threePublic', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'overseas', 'reception', 'projects', 'publicFunds', 'office', 'utilitiesTravel', 'meetingsTraining', 'procurement', 'basicAdjustment'];
const COLUMNS = ['prevActual', 'budget', 'actual'];

const basicPath = fc.oneof(
  fc.constantFrom('authorized', 'actual', 'controlRate').map((f) => `basic.staffing.${f}`),
  fc.tuple(fc.constantFrom(...EXPENSE_ITEMS), fc.constantFrom(...COLUMNS)).map(([i, c]) => `basic.expense.${i}.${c}`),
  fc.tuple(fc.constantFrom(...LINE_HEADS), fc.constantFrom(...COLUMNS)).map(([h, c]) => `basic.expense.${h}.${c}`),
  fc.constantFrom('approvedArea', 'actualArea', 'areaControlRate', 'budgetInvestment', 'actualInvestment', 'investmentControlRate').map((f) => `basic.buildings.${f}`),
  fc.constant('basic.savingsMeasures'),
  fc.constantFrom('preparer', 'date', 'phone', 'head').map((f) => `basic.signoff.${f}`),
);
const budgetRowPath = fc.tuple(fc.constantFrom(...SHEET_HEADS), fc.constantFrom('budget', 'funds.currentYear', 'funds.carryOver', 'funds.other')).map(([h, r]) => `${h}.${r}`);
/** Mostly a few rows (so that rows are set again, corrected and removed), sometimes any 二级. */
const l1l2 = fc.oneof({ arbitrary: fc.constantFrom(L1L2[0], L1L2[5], L1L2[8]), weight: 3 }, { arbitrary: fc.constantFrom(...L1L2), weight: 1 });
const indicatorName = fc.oneof({ arbitrary: fc.constantFrom(...INDICATOR_NAMES.slice(0, 2)), weight: 6 }, { arbitrary: fc.constantFrom(...INDICATOR_NAMES), weight: 2 });
const indicatorPath = fc.tuple(fc.constantFrom(...SHEET_HEADS), l1l2, indicatorName).map(([h, [l1, l2], n]) => `${h}.indicators.${l1}.${l2}.${n}`);
const sheetPath = fc.oneof(
  { arbitrary: fc.tuple(budgetRowPath, fc.constantFrom(...BUDGET_FIELDS)).map(([b, f]) => `${b}.${f}`), weight: 3 },
  // 分值 and 得分 printed on a project's 其中 sub-rows: recorded, never counted
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...SHEET_HEADS.filter((h) => h !== 'overall')), fc.constantFrom('currentYear', 'carryOver', 'other'), fc.constantFrom('weight', 'score'))
      .map(([h, r, f]) => `${h}.funds.${r}.${f}`),
    weight: 2,
  },
  { arbitrary: fc.tuple(indicatorPath, fc.constantFrom('target', 'actual', 'weight', 'score', 'selfScore', 'deviation', 'weight', 'score')).map(([i, f]) => `${i}.${f}`), weight: 10 },
  { arbitrary: fc.tuple(fc.constantFrom(...SHEET_HEADS), fc.constantFrom('output', 'benefit', 'satisfaction')).map(([h, l1]) => `${h}.groups.${l1}.weight`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...SHEET_HEADS), fc.constantFrom('weight', 'score')).map(([h, f]) => `${h}.total.${f}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...SHEET_HEADS), fc.integer({ min: 1, max: 3 }), fc.constantFrom('expected', 'actual')).map(([h, n, f]) => `${h}.goals.${n}.${f}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...SHEET_HEADS), fc.constantFrom('preparer', 'head')).map(([h, f]) => `${h}.signoff.${f}`), weight: 1 },
  { arbitrary: fc.constantFrom('overall.unitName', 'project:业务经费.department', 'project:综治\\.中心.implementer'), weight: 1 },
  { arbitrary: fc.constantFrom('generalPublic', 'govFund', 'specialAccount', 'other', 'basic', 'project', 'sourceTotal', 'natureTotal').map((c) => `overall.funds.${c}`), weight: 1 },
);
const reportPath = fc.oneof(
  fc.constantFrom('report.cover.unitName', 'report.cover.date', 'report.statedGrade'),
  fc.constantFrom('basicInfo', 'performance', 'resultsApplication', 'other').map((s) => `report.sections.${s}.text`),
  fc.constantFrom('编制数', '编制数#2', '年中追加', '一般公共预算拨款支出').map((l) => `report.quoted.${l}`),
);
const figurePath = fc.oneof({ arbitrary: basicPath, weight: 2 }, { arbitrary: sheetPath, weight: 6 }, { arbitrary: reportPath, weight: 1 });

/** A decimal as printed: 0–5 decimals, optionally with thousands separators; sometimes extreme (exponent territory for a float or a Decimal's toString). */
const decimal = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 5 }), fc.boolean())
      .map(([int, frac, scale, grouped]) => {
        const whole = grouped ? int.toLocaleString('en-US') : String(int);
        return scale === 0 ? whole : `${whole}.${String(frac).padStart(5, '0').slice(0, scale)}`;
      }),
    weight: 12,
  },
  { arbitrary: fc.constantFrom('0.00000001', '0.0000001', '123456789012345678901234', '1000000000000000000000.5'), weight: 1 },
);
const value: fc.Arbitrary<string | null> = fc.oneof(
  { arbitrary: decimal, weight: 8 },
  { arbitrary: decimal.map((d) => `-${d}`), weight: 1 },
  { arbitrary: decimal.map((d) => `${d}%`), weight: 2 },
  { arbitrary: fc.constantFrom('——', '１００％', '１２．５', ' 557.70 '), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: fc.constantFrom('按期完成，截止2023年12月', '≥50个', '良好', '1e5', 'NaN'), weight: 1 },
);
const fullPath = budgetRowPath.map((b) => `${b}.full`);

/** Commands over `hot`, a few paths of this sequence that are set again and again (corrections, no-ops). */
const commandOver = (hot: string[]): fc.Arbitrary<FilingCommand> => fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('SetFigure' as const), path: fc.constantFrom(...hot), value }), weight: 40 },
  { arbitrary: fc.record({ type: fc.constant('SetFigure' as const), path: figurePath, value }), weight: 15 },
  {
    // mostly the figures of one table, as an importer records them; sometimes with `table`
    arbitrary: fc
      .tuple(fc.array(fc.record({ path: figurePath, value }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }))
      .map(([figures, mode]): FilingCommand => {
        const table = splitPath(figures[0].path)[0];
        const own = mode === 3 ? figures : figures.filter((f) => splitPath(f.path)[0] === table);
        return mode === 0 ? { type: 'RecordFigures', figures: own } : { type: 'RecordFigures', figures: own, table };
      }),
    weight: 6,
  },
  {
    arbitrary: fc.record({ type: fc.constant('AdjustBudget' as const), path: fullPath, direction: fc.constantFrom('increase' as const, 'decrease' as const), amount: decimal }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('AddProject' as const),
      projectId: fc.constantFrom(...PROJECT_IDS),
      name: fc.option(fc.constantFrom(...PROJECT_NAMES), { nil: null }),
      lineName: fc.option(fc.constantFrom(...LINE_NAMES), { nil: null }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ type: fc.constant('RenameProject' as const), part: fc.constantFrom('table' as const, 'line' as const), from: fc.constantFrom(...PROJECT_NAMES, ...LINE_NAMES, '业务经费#2'), to: fc.constantFrom(...PROJECT_NAMES, ...LINE_NAMES) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ type: fc.constant('LinkProject' as const), name: fc.constantFrom(...PROJECT_NAMES), lineName: fc.constantFrom(...LINE_NAMES), basis: fc.constantFrom('name' as const, 'figures' as const, 'command' as const) }),
    weight: 1,
  },
  { arbitrary: fc.record({ type: fc.constant('RemoveProject' as const), name: fc.constantFrom(...PROJECT_NAMES, ...LINE_NAMES) }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('RemoveIndicator' as const), path: indicatorPath }), weight: 2 },
  { arbitrary: fc.constant<FilingCommand>({ type: 'SubmitFiling' }), weight: 1 },
  { arbitrary: fc.constant<FilingCommand>({ type: 'AcceptFiling' }), weight: 1 },
  { arbitrary: fc.constant<FilingCommand>({ type: 'PublishFiling' }), weight: 1 },
  { arbitrary: fc.constant<FilingCommand>({ type: 'ReturnFiling', comments: [{ path: null, text: '请核对' }] }), weight: 6 },
);
/** Every sequence starts with projects, so that project paths resolve: `业务经费` twice (→ `#2`), a dotted name, a line only. */
const SETUP: FilingCommand[] = [
  { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' },
  { type: 'AddProject', projectId: 'p2', name: '综治.中心', lineName: '综治.中心' },
  { type: 'AddProject', projectId: 'p3', name: '业务经费', lineName: null },
  { type: 'AddProject', projectId: 'p4', name: null, lineName: '运行维护经费' },
];
const commands = fc
  .uniqueArray(figurePath, { minLength: 1, maxLength: 8 })
  .chain((hot) => fc.array(commandOver(hot), { minLength: 1, maxLength: 60, size: 'max' }))
  .map((random) => [...SETUP, ...random]);

// ---------------------------------------------------------------------------------------------------
// Running a sequence

interface Step {
  command: FilingCommand;
  before: FilingState;
  produced: FilingEvent[];
}

/** decide + fold each command; a FilingError refuses the command, anything else is a failure. */
function run(sequence: FilingCommand[], readEachStep = false): { events: FilingEvent[]; state: FilingState; steps: Step[] } {
  let state = fold([OPENED]);
  const events: FilingEvent[] = [OPENED];
  const steps: Step[] = [];
  for (const c of sequence) {
    const snapshot = JSON.stringify(state);
    let produced: FilingEvent[];
    try {
      produced = decide(c, state);
    } catch (error) {
      if (error instanceof FilingError) continue;
      throw error;
    }
    expect(JSON.stringify(state)).toBe(snapshot); // decide never mutates the state it decides on
    steps.push({ command: c, before: state, produced });
    state = fold(produced, state);
    events.push(...produced);
    if (readEachStep) {
      // (c) the read side never throws, after any step
      tablesViewOf(state);
      figuresOf(state);
      computedOf(state);
    }
  }
  return { events, state, steps };
}

/** Independent decimal arithmetic for the checks (not the domain's Dec). */
const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
function num(value: string | null | undefined): Decimal | null {
  if (value === null || value === undefined || value === '——') return null;
  return new D(value.replace(/,/gu, ''));
}
const sum = (values: (string | null | undefined)[]) => values.reduce((total: Decimal, v) => total.plus(num(v) ?? 0), new D(0));
const fixed2 = (d: Decimal) => d.toFixed(2, D.ROUND_HALF_UP);

function sheetsOf(state: FilingState): [string, SheetState][] {
  const { tables } = projectDisplayNames(state);
  return [['overall', state.overall], ...state.projects.filter((p) => p.name !== null).map((p): [string, SheetState] => [joinPath([`project:${tables.get(p.projectId)}`]), p.sheet])];
}

// ---------------------------------------------------------------------------------------------------

describe('decide + fold over arbitrary command sequences', () => {
  it('(a) no number in event data but goal, occurrence and year; no computed value in exponent notation', () => {
    const walk = (node: unknown, key: string, where: string): void => {
      if (typeof node === 'number') {
        if (!['goal', 'occurrence', 'year'].includes(key)) throw new Error(`a number at ${where}`);
      } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, key, `${where}[${i}]`));
      else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k, `${where}.${k}`);
    };
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events, state } = run(sequence);
        for (const event of events) {
          walk(JSON.parse(JSON.stringify(event.data)), '', event.type);
          if (event.type === 'BudgetAdjusted') {
            // produced by the domain: exact decimals, never exponent notation, never zero
            expect(event.data.amount).toMatch(/^\d+\.\d{2,}$/u);
            expect(new D(event.data.amount).isZero()).toBe(false);
          }
        }
        for (const [path, v] of Object.entries(computedOf(state))) expect([path, v]).toEqual([path, expect.stringMatching(/^(?:-?\d+\.\d{2}%?|n\/a)$/u)]);
      }),
      RUNS,
    );
  });

  it('(b) no weight in the state is negative (nor anything but a number, or —— for not applicable)', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state } = run(sequence);
        for (const [, sheet] of sheetsOf(state).concat(state.projects.map((p) => [p.projectId, p.sheet]))) {
          const weights = [...Object.values(sheet.budget).map((r) => r?.weight), ...Object.values(sheet.groups), ...sheet.indicators.map((i) => i.weight), sheet.total.weight];
          for (const w of weights) {
            if (w === null || w === undefined || w === '——') continue;
            expect(w).toMatch(/^[\d,]+(?:\.\d+)?$/u);
            expect(num(w)!.isNegative()).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('(c) tablesViewOf, figuresOf and computedOf never throw; every stated path parses back', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state } = run(sequence, true); // the three are called after every step
        for (const path of Object.keys(figuresOf(state))) expect(() => parseFigurePath(path)).not.toThrow();
        for (const path of Object.keys(computedOf(state))) {
          if (/\.groups\.\w+\.score$/u.test(path)) continue; // computed only: no one types a group score
          expect(() => parseFigurePath(path)).not.toThrow();
        }
      }),
      RUNS,
    );
  });

  it('(d) group weights and scores, and the total score, are the decimal sums of their rows', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state } = run(sequence);
        const computed = computedOf(state);
        for (const [head, sheet] of sheetsOf(state)) {
          for (const l1 of ['output', 'benefit', 'satisfaction']) {
            const rows = sheet.indicators.filter((i) => i.level1 === l1);
            if (rows.length === 0 && !(l1 in sheet.groups)) {
              expect(computed[`${head}.groups.${l1}.weight`]).toBeUndefined();
              continue;
            }
            expect(computed[`${head}.groups.${l1}.weight`]).toBe(fixed2(sum(rows.map((i) => i.weight))));
            expect(computed[`${head}.groups.${l1}.score`]).toBe(fixed2(sum(rows.map((i) => i.score))));
          }
          // the table's items are its budget row and its indicators; 其中 sub-rows (funds.<row>) never count
          const scores = [sheet.budget.total?.score, ...sheet.indicators.map((i) => i.score)];
          const weights = [sheet.budget.total?.weight, ...sheet.indicators.map((i) => i.weight)];
          for (const [key, values, stated] of [
            [`${head}.total.score`, scores, sheet.total.score],
            [`${head}.total.weight`, weights, sheet.total.weight],
          ] as const) {
            if (values.some((v) => num(v) !== null) || stated !== null) expect([key, computed[key]]).toEqual([key, fixed2(sum(values))]);
            else expect([key, computed[key]]).toEqual([key, undefined]);
          }
        }
      }),
      RUNS,
    );
  });

  it('(e) fold(events) equals evolving event by event', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events, state } = run(sequence);
        const stepwise = events.reduce((s, e) => evolve(s, e), initialFilingState());
        expect(fold(events)).toEqual(stepwise);
        expect(stepwise).toEqual(state);
      }),
      RUNS,
    );
  });

  it('(f) a SetFigure declares only its own path (in its own table) and reads back the value set', () => {
    const canonical = (path: string) => joinPath(splitPath(path).map((s, i, all) => (i === all.length - 1 && s === 'selfScore' ? 'score' : s)));
    fc.assert(
      fc.property(commands, (sequence) => {
        const { steps } = run(sequence);
        for (const { command: c, before, produced } of steps) {
          if (c.type !== 'SetFigure' && c.type !== 'RecordFigures') continue;
          let s = before;
          const declared: string[] = [];
          for (const event of produced) {
            declared.push(...figurePathsOf(event, s));
            s = evolve(s, event);
          }
          if (c.type === 'RecordFigures') {
            if (c.table !== undefined) expect(pathsWithinTable(declared, c.table)).toBe(true);
            continue;
          }
          const table = splitPath(c.path)[0];
          for (const path of declared) expect(splitPath(path)[0]).toBe(table);
          const cellEvents = produced.filter((e) => e.type !== 'IndicatorDefined');
          expect(declared).toEqual(cellEvents.length === 0 ? [] : [canonical(c.path)]);
          const stored = figuresOf(s)[canonical(c.path)] ?? null;
          expect(sameValue(stored, normaliseValue(c.value))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('recording a filing\'s own figures again changes nothing (an import is idempotent)', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state } = run(sequence);
        if (state.status !== 'draft') return;
        const figures = Object.entries(figuresOf(state)).map(([path, v]) => ({ path, value: v }));
        expect(decide({ type: 'RecordFigures', figures }, state)).toEqual([]);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Cell changes (the audit's blame index)

/** The reference: every event on its own, two full figure maps around it. */
function naiveChanges(before: FilingState, events: FilingEvent[]) {
  const out: { index: number; key: string; pathThen: string; previous: unknown; value: unknown; status: string }[] = [];
  let state = before;
  events.forEach((event, index) => {
    const pathsThen = figurePathsOf(event, state);
    const keys = figurePathsOf(event, cellKeyed(state));
    const after = evolve(state, event);
    const [b, a] = [figuresOf(cellKeyed(state)), figuresOf(cellKeyed(after))];
    keys.forEach((key, k) => out.push({ index, key, pathThen: pathsThen[k], previous: b[key] ?? null, value: a[key] ?? null, status: state.status }));
    state = after;
  });
  return out;
}

describe('figureChangesOf', () => {
  it('equals the event-by-event reference, per command and over the whole stream', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events, steps } = run(sequence);
        for (const step of steps) expect(figureChangesOf(step.before, step.produced)).toEqual(naiveChanges(step.before, step.produced));
        expect(figureChangesOf(initialFilingState(), events)).toEqual(naiveChanges(initialFilingState(), events));
      }),
      { numRuns: 100 },
    );
  });

  it("maps every cell's path today to the key its changes are recorded under", () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state } = run(sequence);
        const figures = figuresOf(state);
        const byKey = figuresOf(cellKeyed(state));
        const keys = cellKeysOf(state);
        expect(Object.keys(keys).sort()).toEqual(Object.keys(figures).sort());
        for (const [path, key] of Object.entries(keys)) expect(byKey[key]).toEqual(figures[path]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('figureHistory', () => {
  /** The reference: event by event, two full figure maps and two state copies per event. */
  function referenceHistory(events: FilingEvent[]) {
    const byKey = new Map<string, { index: number; type: string; pathThen: string; previous: unknown; value: unknown }[]>();
    const lastSeen = new Map<string, string>();
    let state = initialFilingState();
    events.forEach((event, index) => {
      const pathsThen = figurePathsOf(event, state);
      const keys = figurePathsOf(event, cellKeyed(state));
      const after = evolve(state, event);
      // values by cell key: by the path then, a removal that renumbers `业务经费#2` would read another project's cell
      const [before, now] = [figuresOf(cellKeyed(state)), figuresOf(cellKeyed(after))];
      keys.forEach((key, k) => {
        byKey.set(key, [...(byKey.get(key) ?? []), { index, type: event.type, pathThen: pathsThen[k], previous: before[key] ?? null, value: now[key] ?? null }]);
        lastSeen.set(key, pathsThen[k]);
      });
      state = after;
    });
    const history = new Map<string, unknown[]>();
    for (const [key, changes] of byKey) {
      const path = displayedPath(key, displayNamesOf(state), lastSeen.get(key) as string);
      history.set(path, [...((history.get(path) as { index: number }[]) ?? []), ...changes].sort((a, b) => a.index - b.index));
    }
    return history;
  }

  it('reads a cell changed just before a link merges its project into another at its value then (fast-check found it)', () => {
    const sequence = [
      { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' },
      { type: 'AddProject', projectId: 'p2', name: '综治.中心', lineName: '综治.中心' },
      { type: 'AddProject', projectId: 'p3', name: '业务经费', lineName: null },
      { type: 'AddProject', projectId: 'p4', name: null, lineName: '运行维护经费' },
      { type: 'RemoveProject', name: '业务经费' },
      { type: 'SetFigure', path: 'basic.expense.project:运行维护经费.prevActual', value: '0' },
      { type: 'LinkProject', name: '业务经费', lineName: '运行维护经费', basis: 'name' },
      { type: 'SetFigure', path: 'basic.expense.project:运行维护经费.prevActual', value: '0' },
    ] as FilingCommand[];
    const { events } = run(sequence);
    const history = figureHistory(events);
    expect(history).toEqual(referenceHistory(events));
    expect([...history.values()].flat().find((c) => c.type === 'ProjectExpenseLineRecorded')).toMatchObject({ previous: null, value: '0' });
  });

  it('equals the event-by-event reference on random command sequences', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events } = run(sequence);
        expect(figureHistory(events)).toEqual(referenceHistory(events));
      }),
      { numRuns: 100 },
    );
  });
});
