import type { Level1, Level2 } from '@app/domain';
import type { ExpenseKey, ExpenseRow, IndicatorModel, ProjectModel, Role, SheetModel, UnitModel } from './model';
import { divRound, trimmed } from './numbers';
import type { Random } from './random';
import type { CountyUnit, IndicatorSpec, ProjectSpec } from './vocabulary';
import {
  DEVIATION_REASONS,
  DISCLOSURE,
  GIVEN,
  IMPROVEMENTS,
  KIND_SPECS,
  OVERALL_SPECS,
  PROBLEMS,
  SAVINGS_MEASURES,
  SECTORS,
  STAFF,
  SURNAMES,
  UNIT_PROJECTS,
} from './vocabulary';

/**
 * A clean unit: every figure consistent, so that no per-filing rule (C, X, P) fires on its document —
 * the model of test/fixtures/rules-clean-2024-self-evaluation.txt with varied numbers and content.
 */

export interface UnitPlan {
  index: number;
  name: string;
  def: CountyUnit;
  /** 主管部门 of its projects */
  department: string;
  county: string;
  year: number;
  areaCode: string;
}

const LEVEL1_OF: Record<Level2, Level1> = {
  quantity: 'output',
  quality: 'output',
  timeliness: 'output',
  cost: 'output',
  economic: 'benefit',
  social: 'benefit',
  ecological: 'benefit',
  sustainable: 'benefit',
  serviceTarget: 'satisfaction',
};
const L2_ORDER: Level2[] = ['quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainable', 'serviceTarget'];

/** Weights of a group's indicators (in print order) that add up to its heading. */
const SPLITS: Record<Level1, Record<number, number[][]>> = {
  output: {
    2: [[25, 25], [30, 20]],
    3: [[20, 15, 15], [20, 20, 10]],
    4: [[20, 10, 10, 10], [15, 15, 10, 10]],
    5: [[10, 10, 10, 10, 10], [15, 10, 10, 10, 5]],
    6: [[10, 10, 10, 10, 5, 5]],
    7: [[10, 10, 10, 5, 5, 5, 5]],
  },
  benefit: { 1: [[30]], 2: [[15, 15], [20, 10]], 3: [[10, 10, 10]] },
  satisfaction: { 1: [[10]] },
};
const PROJECTS_BY_NAME = new Map(Object.values(SECTORS).flatMap((sector) => sector.projects.map((x) => [x.name, x] as const)));

export const HEADINGS: Record<Level1, number> = { output: 50, benefit: 30, satisfaction: 10 };

const pct = (value: number, lo: number, hi: number, rng: Random): number => Math.floor((value * rng.int(lo, hi)) / 100);

/** A target as a filer rounds it: 12340 → 12300, 467 → 470, 63 → 65. */
function nice(v: number): number {
  if (v >= 10000) return Math.round(v / 1000) * 1000;
  if (v >= 1000) return Math.round(v / 100) * 100;
  if (v >= 200) return Math.round(v / 10) * 10;
  if (v >= 50) return Math.round(v / 5) * 5;
  return Math.max(1, v);
}

export function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

export const reason = (rng: Random, year: number): string => rng.pick(DEVIATION_REASONS).replace(/\{next\}/gu, String(year + 1));

interface IndicatorContext {
  rng: Random;
  year: number;
  weak: boolean;
}

/** One indicator drawn from its spec, with a role (met exactly, over-achieved, missed) that its figures follow. */
export function makeIndicator(spec: IndicatorSpec, ctx: IndicatorContext, wanted?: Role): IndicatorModel {
  const [l2, name, kind, unit, min, max, decimals = 0] = spec;
  const { rng } = ctx;
  const base: IndicatorModel = {
    l1: LEVEL1_OF[l2],
    l2,
    name,
    kind: 'numeric',
    op: kind === 'c' ? '<=' : '>=',
    t: 0,
    a: 0,
    decimals,
    unit,
    bare: false,
    targetText: '',
    actualText: '',
    weight: 0,
    score: 0,
    deviation: '',
    role: 'exact',
    guard: false,
  };
  if (kind === 'd') {
    return { ...base, kind: 'text', targetText: `按期完成，${ctx.year}年${rng.int(min, max)}月底前`, actualText: '按期完成' };
  }
  const scale = 10 ** decimals;
  // a rate target as printed (≥95%, a round 70% when the range is wide); a quantity rounded as a filer rounds it
  const t = kind === 'r' ? (max - min >= 10 ? Math.round(rng.int(min, max) / 5) * 5 : rng.int(min, max)) : nice(rng.int(Math.round(min * scale), Math.round(max * scale)));
  const role = wanted ?? rng.weighted<Role>(ctx.weak ? [['exact', 35], ['over', 20], ['missed', 45]] : [['exact', 58], ['over', 30], ['missed', 12]]);
  const ind: IndicatorModel = { ...base, t, a: t, bare: kind === 'r' && t === 100 };
  if (role === 'over') {
    // better than the target, but not so far that a 偏差原因 is due (≥ 130% of a ≥ target, ≤ 70% of a ≤ one)
    const [lo, hi] = ind.op === '>=' ? [t + 1, Math.min(kind === 'r' ? 100 : Infinity, Math.ceil((13 * t) / 10) - 1)] : [Math.floor((3 * t) / 4) + 1, t - 1];
    if (lo <= hi) {
      ind.a = rng.int(lo, hi);
      ind.role = 'over';
    }
  } else if (role === 'missed') {
    const [lo, hi] =
      ind.op === '>='
        ? [Math.ceil((t * (ctx.weak ? 60 : 80)) / 100), Math.min(t - 1, Math.floor((t * 99) / 100))]
        : [Math.max(t + 1, Math.ceil((t * 101) / 100)), Math.max(t + 1, Math.floor((t * 115) / 100))];
    if (hi >= 1 && Math.max(lo, 1) <= hi) {
      ind.a = rng.int(Math.max(lo, 1), hi);
      ind.role = 'missed';
      ind.deviation = reason(rng, ctx.year);
    }
  }
  return ind;
}

/** The suggested score (hundredths) of a missed numeric indicator on weight w: w × A/T (≥) or w × T/A (≤). */
export function missedScore(i: IndicatorModel, weight = i.weight): number {
  return i.op === '>=' ? divRound(weight * 100 * i.a, i.t) : divRound(weight * 100 * i.t, i.a);
}

/** Scores every indicator from its role and weight: full marks when met, the template's score when missed. */
export function settleScores(s: SheetModel): void {
  for (const i of s.indicators) i.score = i.role === 'missed' ? missedScore(i) : i.weight * 100;
}

export const printedTarget = (i: IndicatorModel): string =>
  i.kind === 'text' ? i.targetText : `${i.bare ? '' : i.op === '>=' ? '≥' : '≤'}${trimmed(i.t, i.decimals)}${i.unit}`;
export const printedActual = (i: IndicatorModel): string => (i.kind === 'text' ? i.actualText : `${trimmed(i.a, i.decimals)}${i.unit}`);

function satisfaction(name: string, rng: Random): IndicatorModel {
  const t = rng.weighted([[85, 1], [90, 3], [95, 1]] as const);
  return {
    l1: 'satisfaction',
    l2: 'serviceTarget',
    name,
    kind: 'numeric',
    op: '>=',
    t,
    a: rng.int(t + 1, Math.min(99, t + 8)),
    decimals: 0,
    unit: '%',
    bare: false,
    targetText: '',
    actualText: '',
    weight: 0,
    score: 0,
    deviation: '',
    role: 'over',
    guard: true,
  };
}

/** Orders the indicators by 一级 and 二级 (as printed), deduplicates names per 二级, and assigns the weights. */
function arrange(indicators: IndicatorModel[], rng: Random): IndicatorModel[] {
  const seen = new Set<string>();
  const unique = indicators.filter((i) => {
    const key = `${i.l2}|${i.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ordered = L2_ORDER.flatMap((l2) => unique.filter((i) => i.l2 === l2));
  for (const l1 of ['output', 'benefit', 'satisfaction'] as Level1[]) {
    const group = ordered.filter((i) => i.l1 === l1);
    const split = rng.pick(SPLITS[l1][group.length]);
    group.forEach((i, n) => (i.weight = split[n]));
  }
  return ordered;
}

function emptySheet(table: string, signoff: SheetModel['signoff']): SheetModel {
  return {
    table,
    initial: 0,
    full: 0,
    executed: 0,
    rateOffset: 0,
    execScoreDelta: 0,
    totalScoreDelta: 0,
    totalWeightDelta: 0,
    headings: { ...HEADINGS },
    goals: [],
    indicators: [],
    signoff,
  };
}

/** A project's 附件三 indicators: its own quantities, costs and benefits, its kind's quality, timeliness and sustainability, and a satisfaction rate. */
function projectIndicators(spec: ProjectSpec, ctx: IndicatorContext): IndicatorModel[] {
  const { rng } = ctx;
  const kind = KIND_SPECS[spec.kind];
  const own = spec.specs.map((s) => makeIndicator(s, ctx));
  const output = own.filter((i) => i.l1 === 'output');
  if (!output.some((i) => i.l2 === 'quality')) output.push(makeIndicator(rng.pick(kind.quality), ctx));
  output.push(makeIndicator(rng.pick(kind.timeliness), ctx));
  if (output.length < 4 || rng.chance(0.3)) {
    const extra = makeIndicator(rng.pick(kind.quality), ctx);
    if (!output.some((i) => i.name === extra.name) && output.length < 6) output.push(extra);
  }
  while (output.length < 3) output.push(makeIndicator(rng.pick(kind.timeliness), ctx));
  const benefit = own.filter((i) => i.l1 === 'benefit');
  if (benefit.length === 0 || (benefit.length < 3 && rng.chance(0.5))) {
    const extra = makeIndicator(rng.pick(kind.sustainable), ctx);
    if (!benefit.some((i) => i.name === extra.name)) benefit.push(extra);
  }
  return [...output.slice(0, 6), ...benefit.slice(0, 3), satisfaction(`${spec.beneficiary}满意度`, rng)];
}

/** A copy of an indicator for 附件二 (the unit's table repeats its projects' main figures). */
const copyOf = (i: IndicatorModel): IndicatorModel => ({ ...i, guard: false });

function signoff(rng: Random, date: string, phone: string): SheetModel['signoff'] {
  return { preparer: personName(rng), date, phone };
}

function expenseRow(actual: number, rng: Random, budgetUp = 10): ExpenseRow {
  if (actual === 0) return { prev: 0, budget: 0, actual: 0 };
  return { prev: pct(actual, 78, 128, rng), budget: actual + pct(actual, 0, budgetUp, rng), actual };
}

const plus = (a: ExpenseRow, b: ExpenseRow): ExpenseRow => ({ prev: a.prev + b.prev, budget: a.budget + b.budget, actual: a.actual + b.actual });

/** Builds a clean unit. */
export function buildUnit(plan: UnitPlan, rng: Random): UnitModel {
  const { def, year } = plan;
  const sector = SECTORS[def.sector];
  const weak = rng.chance(0.08);
  const ctx: IndicatorContext = { rng, year, weak };
  const next = year + 1;
  const month = rng.int(2, 4);
  const day = rng.int(1, 28);
  const date = `${next}.${month}.${day}`;
  const phone = `${plan.areaCode}-${rng.int(2, 8)}${String(rng.int(0, 999999)).padStart(6, '0')}`;

  // staff and the basic (non-project) budget
  const [smin, smax] = STAFF[def.kind];
  const authorized = rng.int(smin, smax);
  const actualStaff = Math.max(1, authorized - rng.int(0, Math.ceil(authorized * 0.12)));
  const administrative = def.kind === 'bureau' ? Math.round((authorized * rng.int(40, 75)) / 100) : def.kind === 'township' ? Math.round((authorized * rng.int(35, 55)) / 100) : 0;
  const basicFull = authorized * rng.int(1300, 2300) + rng.int(0, 99);
  const basicExecuted = Math.floor((basicFull * rng.int(9500, 10000)) / 10000);

  // projects
  const names = [...new Set([...sector.projects.map((x) => x.name), ...(UNIT_PROJECTS[def.kind] ?? [])])];
  const specs = names.map((n) => PROJECTS_BY_NAME.get(n) as ProjectSpec);
  const count = Math.min(specs.length, rng.weighted([[1, 30], [2, 35], [3, 25], [4, 10]] as const));
  const chosen = rng.sample(specs, count);
  const adjusted = rng.chance(0.45) ? rng.int(0, chosen.length - 1) : -1;
  const projects: ProjectModel[] = chosen.map((spec, n) => {
    let full = rng.int(spec.budget[0] * 100, spec.budget[1] * 100);
    if (rng.chance(0.5)) full = Math.max(100, Math.round(full / 100) * 100);
    let initial = full;
    if (n === adjusted) {
      let adj = pct(full, 4, 15, rng);
      if (rng.chance(0.5)) adj = Math.round(adj / 100) * 100;
      initial = full - Math.max(100, adj);
    }
    const executed = rng.chance(0.4) ? full : Math.floor((full * rng.int(9200, 9990)) / 10000);
    const sheet = emptySheet(`project:${spec.name}`, signoff(rng, `${next}.${month}.${Math.max(1, day - rng.int(0, 5))}`, phone));
    Object.assign(sheet, { initial, full, executed });
    sheet.indicators = arrange(projectIndicators(spec, ctx), rng);
    settleScores(sheet);
    const first = sheet.indicators.find((i) => i.l2 === 'quantity') ?? sheet.indicators[0];
    sheet.goals = [
      {
        expected: `${first.name}达到${trimmed(first.t, first.decimals)}${first.unit}，${spec.purpose}`,
        actual: `${first.name}${trimmed(first.a, first.decimals)}${first.unit}，${spec.result}`,
      },
    ];
    const carry = rng.chance(0.2) ? pct(initial, 10, 30, rng) : 0;
    return {
      name: spec.name,
      department: plan.department,
      implementer: plan.name,
      govFund: Boolean(spec.govFund),
      sheet,
      line: { prev: rng.chance(0.6) ? pct(full, 70, 120, rng) : null, budget: full, actual: executed },
      carryOver: carry > 0 ? { initial: carry, full: carry, executed: Math.min(carry, executed) } : null,
    };
  });

  // the basic part's mid-year change: never 0 when a project is adjusted (the report's 年中追加 must name one budget only)
  let basicChange = rng.chance(adjusted >= 0 ? 1 : 0.5) ? pct(basicFull, 1, 6, rng) * (rng.chance(0.5) ? 1 : -1) : 0;
  if (adjusted >= 0 && basicChange === 0) basicChange = 100;
  const basicInitial = basicFull - basicChange;

  // 附件一 expenses
  const operation = rng.chance(0.85) ? rng.int(80, def.kind === 'hospital' ? 1200 : 600) : 0;
  const receptionActual = rng.int(30, def.kind === 'hospital' ? 600 : 350);
  const vehicleOperation = expenseRow(operation, rng);
  const vehiclePurchase: ExpenseRow = { prev: 0, budget: 0, actual: 0 };
  const overseas: ExpenseRow = { prev: 0, budget: 0, actual: 0 };
  const reception = expenseRow(receptionActual, rng);
  const vehicle = plus(vehiclePurchase, vehicleOperation);
  const threePublic = plus(plus(vehicle, overseas), reception);
  const publicActual = authorized * rng.int(60, 150) + rng.int(0, 99);
  const office = expenseRow(pct(publicActual, 25, 40, rng), rng);
  const utilitiesTravel = expenseRow(pct(publicActual, 20, 35, rng), rng);
  const meetingsTraining = expenseRow(pct(publicActual, 5, 12, rng), rng);
  const parts = plus(plus(office, utilitiesTravel), meetingsTraining);
  const rest = expenseRow(publicActual - parts.actual, rng, 8);
  const publicFunds = plus(parts, rest);
  const projectsRow: ExpenseRow = {
    prev: projects.reduce((s, x) => s + (x.line.prev ?? 0), 0),
    budget: projects.reduce((s, x) => s + x.line.budget, 0),
    actual: projects.reduce((s, x) => s + x.line.actual, 0),
  };
  const finished = rng.chance(0.2) ? names.find((n) => !chosen.some((c) => c.name === n)) : undefined;
  const finishedPrev = finished ? rng.int(500, 8000) : 0;
  projectsRow.prev += finishedPrev;

  const overall = emptySheet('overall', signoff(rng, date, phone));
  overall.initial = basicInitial + projects.reduce((s, x) => s + x.sheet.initial, 0);
  overall.full = basicFull + projects.reduce((s, x) => s + x.sheet.full, 0);
  overall.executed = basicExecuted + projects.reduce((s, x) => s + x.sheet.executed, 0);
  overall.signoff.preparer = personName(rng);
  const procurementActual = pct(overall.executed, 10, 45, rng);
  const procurement: ExpenseRow = { prev: pct(procurementActual, 70, 130, rng), budget: procurementActual + pct(procurementActual, 0, 15, rng), actual: procurementActual };

  // 附件二's indicators: each project's first quantity and main benefit, the unit's own rates, its 三公经费 ceiling, a satisfaction rate
  const firstOf = (l2: Level2) => projects.map((x) => x.sheet.indicators.find((i) => i.l2 === l2)).filter((i): i is IndicatorModel => i !== undefined);
  const quantities = firstOf('quantity').slice(0, 3).map(copyOf);
  if (quantities.length < 2) quantities.push(makeIndicator(OVERALL_SPECS.quantity[0], ctx));
  const cost = threePublic.budget > 0 ? { name: '三公经费支出', row: threePublic } : { name: '公用经费支出', row: publicFunds };
  const costIndicator: IndicatorModel = {
    ...makeIndicator(['cost', cost.name, 'c', '万元', 0, 0, 2], ctx, 'exact'),
    t: cost.row.budget,
    a: cost.row.actual,
    role: cost.row.actual < cost.row.budget ? 'over' : 'exact',
  };
  const benefits = [...firstOf('social').slice(0, 1), ...firstOf('economic').slice(0, 1), ...firstOf('ecological').slice(0, 1)].slice(0, 2).map(copyOf);
  if (benefits.length < 2 || rng.chance(0.3)) benefits.push(makeIndicator(rng.pick(OVERALL_SPECS.sustainable), ctx));
  overall.indicators = arrange(
    [
      ...quantities,
      makeIndicator(rng.pick(OVERALL_SPECS.quality), ctx),
      makeIndicator(rng.pick(OVERALL_SPECS.timeliness), ctx),
      costIndicator,
      ...benefits,
      satisfaction(rng.pick(OVERALL_SPECS.satisfaction), rng),
    ],
    rng,
  );
  settleScores(overall);
  const listed = projects.map((x) => x.sheet.goals[0]);
  const n = listed.length + 1;
  overall.goals = [
    {
      expected: [...listed.map((g, k) => `${k + 1}.${g.expected}；`), `${n}.保障机关正常运转，全面履行部门职责。`].join('\n'),
      actual: [...listed.map((g, k) => `${k + 1}.${g.actual}；`), `${n}.机关运转正常，年度工作任务全面完成。`].join('\n'),
    },
  ];

  const special = ['hospital', 'school', 'clinic', 'townshipSchool'].includes(def.kind) && rng.chance(0.35) ? pct(basicFull, 3, 12, rng) : 0;
  const other = rng.chance(0.05) ? pct(basicFull, 1, 3, rng) : 0;
  const buildings = rng.chance(0.12)
    ? (() => {
        const approvedArea = rng.int(50, 300) * 10;
        const budgetInvestment = rng.int(100, 800) * 100;
        return {
          approvedArea,
          actualArea: approvedArea - rng.int(0, Math.floor(approvedArea / 20)),
          budgetInvestment,
          actualInvestment: budgetInvestment - pct(budgetInvestment, 0, 7, rng),
          areaRateOffset: 0,
        };
      })()
    : null;

  const expenses: Record<ExpenseKey, ExpenseRow> = {
    threePublic,
    vehicle,
    vehiclePurchase,
    vehicleOperation,
    overseas,
    reception,
    projects: projectsRow,
    publicFunds,
    office,
    utilitiesTravel,
    meetingsTraining,
    procurement,
  };

  const unit: UnitModel = {
    index: plan.index,
    name: plan.name,
    year,
    county: plan.county,
    sectorDuty: sector.duty,
    department: plan.department,
    roleWords: def.kind === 'bureau' ? '为县政府工作部门' : def.kind === 'township' ? '为乡镇一级人民政府' : `为${plan.department}所属事业单位`,
    staffing: { authorized, actual: actualStaff, administrative, rateOffset: 0 },
    expenses,
    basicAdjustment: null,
    buildings,
    savings: rng.pick(SAVINGS_MEASURES),
    funds: { specialAccount: special, other, sourceTotalOffset: 0, natureTotalOffset: 0, extraSpecialAccount: 0 },
    overall,
    projects,
    finishedLine: finished ? { name: finished, prev: finishedPrev } : null,
    signoffBasic: { preparer: overall.signoff.preparer, date, phone },
    report: {
      coverDate: `${next}年${month}月${day}日`,
      problems: rng.sample(PROBLEMS, 2),
      improvements: rng.sample(IMPROVEMENTS, 3),
      disclosure: rng.pick(DISCLOSURE).replace(/\{next\}/gu, String(next)),
      socialInsurance: pct(basicFull, 8, 14, rng),
      quoteOffsets: {},
      wrongGrade: false,
    },
  };
  return unit;
}
