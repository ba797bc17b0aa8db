import type { Level1, Level2 } from '@app/domain';

/**
 * One synthetic unit before it is printed: the figures a filer types, in integers (money in 分 of 万元,
 * scores in hundredths, rates in hundredths of a percent). What a filer computes (the 执行率, the
 * execution score, the 总分, the grade word, the fund subtotals, the quoted figures) is derived when the
 * document is rendered, so that an injected change keeps everything else consistent; an injection that
 * must make a derived figure wrong sets one of the `…Offset` / override fields instead.
 */

export type Role = 'exact' | 'over' | 'missed' | 'vague';

export interface IndicatorModel {
  l1: Level1;
  l2: Level2;
  name: string;
  /** numeric: ≥ or ≤ a number with a unit; text: a qualitative target (a deadline, or an injected vague one) */
  kind: 'numeric' | 'text';
  op: '>=' | '<=';
  /** target and actual scaled by 10^decimals */
  t: number;
  a: number;
  decimals: number;
  unit: string;
  /** print the target without its operator (`100%`) */
  bare: boolean;
  targetText: string;
  actualText: string;
  /** points (whole or half) */
  weight: number;
  /** hundredths */
  score: number;
  deviation: string;
  role: Role;
  /** the row a P03 guard relies on (an over-achieved satisfaction rate): injections leave it alone */
  guard: boolean;
}

export interface SheetModel {
  /** `overall` or `project:<name>` (the finding's table) */
  table: string;
  /** money in 分 */
  initial: number;
  full: number;
  executed: number;
  /** 执行率 printed off by this many hundredths of a percent (C06); 0 when right */
  rateOffset: number;
  /** execution score printed below the template's by this many hundredths (C07) */
  execScoreDelta: number;
  /** 总分 printed off the sum of its items (C01 / C02) */
  totalScoreDelta: number;
  totalWeightDelta: number;
  /** 一级 heading weights as printed */
  headings: Record<Level1, number>;
  goals: { expected: string; actual: string }[];
  indicators: IndicatorModel[];
  signoff: { preparer: string; date: string; phone: string };
}

export interface ProjectModel {
  name: string;
  department: string;
  implementer: string;
  govFund: boolean;
  sheet: SheetModel;
  /** the 附件一 line: 上年决算数 (null: a new project), 本年预算数 and 本年决算数 as printed there */
  line: { prev: number | null; budget: number; actual: number };
  /** 其中 上年结转资金 (the rest is 当年财政拨款), or null */
  carryOver: { initial: number; full: number; executed: number } | null;
}

export type ExpenseKey =
  | 'threePublic'
  | 'vehicle'
  | 'vehiclePurchase'
  | 'vehicleOperation'
  | 'overseas'
  | 'reception'
  | 'projects'
  | 'publicFunds'
  | 'office'
  | 'utilitiesTravel'
  | 'meetingsTraining'
  | 'procurement';

/** 上年决算数, 本年预算数, 本年决算数 in 分 */
export type ExpenseRow = { prev: number; budget: number; actual: number };

export interface UnitModel {
  index: number;
  name: string;
  year: number;
  county: string;
  sectorDuty: string;
  /** 主管部门 of its projects */
  department: string;
  /** what the unit is, for the report (`为县政府工作部门`, `为云溪县水利局所属事业单位`) */
  roleWords: string;
  staffing: { authorized: number; actual: number; administrative: number; rateOffset: number };
  expenses: Record<ExpenseKey, ExpenseRow>;
  /** 部门基本支出预算调整 本年预算数 printed (C08), else `——` */
  basicAdjustment: number | null;
  buildings: { approvedArea: number; actualArea: number; budgetInvestment: number; actualInvestment: number; areaRateOffset: number } | null;
  savings: string;
  funds: { specialAccount: number; other: number; sourceTotalOffset: number; natureTotalOffset: number; extraSpecialAccount: number };
  overall: SheetModel;
  projects: ProjectModel[];
  /** a project finished last year: a 附件一 line with its 上年决算数 only, and no 附件三 */
  finishedLine: { name: string; prev: number } | null;
  signoffBasic: { preparer: string; date: string; phone: string };
  report: {
    coverDate: string;
    problems: string[];
    improvements: string[];
    disclosure: string;
    socialInsurance: number;
    /** quoted figures printed off the tables (X03), by label: an offset in 分 (money) or people */
    quoteOffsets: Partial<Record<string, number>>;
    /** print a grade word of another band (C15) */
    wrongGrade: boolean;
  };
}
