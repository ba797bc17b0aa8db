import type { Level2 } from '@app/domain';
import { EXPENSE_LABELS, joinPath, LEVEL1_LABELS } from '@app/domain';
import { missedScore, printedActual, printedTarget, reason } from './build';
import {
  EXEC_WEIGHT,
  GRADE_WORD,
  WRONG_GRADE_WORD,
  execRate,
  fundsOf,
  gradeBand,
  indicatorScores,
  indicatorWeights,
  printedExecScore,
  printedRate,
  projectsAdjustment,
  projectsExecuted,
  projectsFull,
  quotesOf,
  templateExecScore,
  totalScore,
  totalWeight,
} from './derive';
import type { ExpenseKey, IndicatorModel, SheetModel, UnitModel } from './model';
import { money, percent, rateOf, score } from './numbers';
import type { Random } from './random';

/**
 * The injection catalogue: each entry changes the cells of a clean unit so that exactly one per-filing
 * rule raises exactly one finding — like test/fixtures/rules-planted-2024-self-evaluation.txt, where each
 * planted error is explained. An entry names the rule, the table and the first path of the finding it
 * causes, and the "tags" it takes: two injections of one unit never share a tag (so that they do not
 * meet in one cell, one sum or one comparison).
 */

export interface InjectedAnomaly {
  unitName: string;
  ruleId: string;
  /** the finding's table: `basic`, `overall`, `project:<name>` or `report` */
  table: string;
  /** the first path the finding names */
  path: string;
  /** what was changed, in Chinese */
  what: string;
}

interface Planned {
  tags: string[];
  table: string;
  path: string;
  /** makes the change; returns how to describe it once every injection of the unit is made */
  apply: () => () => string;
}

interface Entry {
  ruleId: string;
  plan: (u: UnitModel, rng: Random) => Planned | null;
}

/** The forms' labels, as the domain prints them. */
const LEVEL1_ZH = LEVEL1_LABELS;
const EXPENSE_ZH: Readonly<Record<ExpenseKey, string>> = EXPENSE_LABELS;

const sheetsOf = (u: UnitModel): SheetModel[] => [u.overall, ...u.projects.map((p) => p.sheet)];
const labelOf = (s: SheetModel): string => (s.table === 'overall' ? '附件二' : `附件三“${s.table.slice('project:'.length)}”`);
const indicatorPath = (s: SheetModel, i: IndicatorModel, field: string): string => joinPath([s.table, 'indicators', i.l1, i.l2, i.name, field]);
const met = (i: IndicatorModel): boolean => !i.guard && (i.role === 'exact' || i.role === 'over');
/** An indicator a missed actual can be given: a met ≥ number whose target leaves room below it. */
const lowerable = (i: IndicatorModel): boolean => met(i) && i.kind === 'numeric' && i.op === '>=' && i.t >= 2;
const lowered = (i: IndicatorModel, rng: Random): number => Math.max(1, Math.min(Math.floor((i.t * 99) / 100), Math.floor((i.t * rng.int(82, 95)) / 100)));
const show = (i: IndicatorModel) => `“${i.name}”（年度指标值 ${printedTarget(i)}，实际完成值 ${printedActual(i)}，分值 ${i.weight}，自评得分 ${score(i.score)}）`;

/** A sheet and one of its indicators that passes `ok`, drawn at random (null when there is none). */
function pickIndicator(u: UnitModel, rng: Random, ok: (i: IndicatorModel) => boolean): { s: SheetModel; i: IndicatorModel } | null {
  const candidates = sheetsOf(u).flatMap((s) => s.indicators.filter(ok).map((i) => ({ s, i })));
  return candidates.length ? rng.pick(candidates) : null;
}

const indicatorTag = (s: SheetModel) => `indicators:${s.table}`;

/** A name not yet used under this 二级 of the sheet. */
function freshName(s: SheetModel, l2: Level2, names: readonly string[]): string | null {
  return names.find((n) => !s.indicators.some((i) => i.l2 === l2 && i.name === n)) ?? null;
}

/** Unmeasurable targets (P05): a vague comparative with no number or date, per 二级. */
const VAGUE: Record<Exclude<Level2, 'serviceTarget'>, [string, string][]> = {
  quantity: [['服务覆盖面', '不断扩大'], ['工作任务量', '稳步增加']],
  quality: [['服务质量', '进一步提升'], ['管理水平', '明显提高']],
  timeliness: [['工作推进情况', '持续推进'], ['项目推进进度', '进一步加快']],
  cost: [['成本控制情况', '有效控制'], ['资金使用效益', '进一步提高']],
  economic: [['带动群众增收', '稳步增长'], ['经济效益', '显著提升']],
  social: [['群众生活条件', '明显改善'], ['社会影响力', '不断增强']],
  ecological: [['生态环境质量', '持续改善'], ['人居环境', '明显改善']],
  sustainable: [['管护机制运行情况', '进一步健全'], ['长效管理机制', '逐步完善']],
};
/** Names that are no rate, for a bare-percentage target (P05). */
const NOT_A_RATE: Record<Exclude<Level2, 'serviceTarget'>, string[]> = {
  quantity: ['完成年度目标任务', '年度任务完成情况'],
  quality: ['工作质量', '服务规范化建设'],
  timeliness: ['工作完成进度', '任务完成时限'],
  cost: ['成本控制', '资金节约'],
  economic: ['经济效益发挥', '带动增收效果'],
  social: ['社会效益发挥', '维护社会稳定'],
  ecological: ['生态效益发挥', '绿色低碳环保'],
  sustainable: ['综合影响力', '项目持续发挥效益'],
};

/** Every subset sum of the projects' values: the readings X03 may compare a 项目支出 quote with. */
function subsetSums(values: number[]): number[] {
  const sums: number[] = [];
  for (let mask = 1; mask < 1 << values.length; mask++) sums.push(values.reduce((s, v, k) => (mask & (1 << k) ? s + v : s), 0));
  return sums;
}

export const CATALOGUE: readonly Entry[] = [
  // ---------------------------------------------------------------- C: inside one table
  {
    ruleId: 'C01',
    plan(u, rng) {
      const s = rng.pick(sheetsOf(u));
      const delta = rng.pick([-300, -200, -100, -50, 100, 150]);
      return {
        tags: [`total.score:${s.table}`],
        table: s.table,
        path: joinPath([s.table, 'total', 'score']),
        apply() {
          s.totalScoreDelta = delta;
          return () => `${labelOf(s)}总分自评得分填报为 ${score(totalScore(s))}，而执行率得分 ${score(printedExecScore(s))} 与各指标得分 ${score(indicatorScores(s))} 之和为 ${score(totalScore(s) - delta)}`;
        },
      };
    },
  },
  {
    ruleId: 'C02',
    plan(u, rng) {
      const s = rng.pick(sheetsOf(u));
      const delta = rng.pick([-10, -5, 10]);
      return {
        tags: [`total.weight:${s.table}`],
        table: s.table,
        path: joinPath([s.table, 'total', 'weight']),
        apply() {
          s.totalWeightDelta = delta;
          return () => `${labelOf(s)}总分分值填报为 ${totalWeight(s)}，而执行率分值 ${EXEC_WEIGHT} 与各指标分值之和为 ${EXEC_WEIGHT + indicatorWeights(s)}${delta === -10 ? '（漏计执行率分值）' : ''}`;
        },
      };
    },
  },
  {
    ruleId: 'C03',
    plan(u, rng) {
      const found = pickIndicator(u, rng, (i) => met(i) && i.l1 !== 'satisfaction');
      if (!found) return null;
      const { s, i } = found;
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: joinPath([s.table, 'groups', i.l1, 'weight']),
        apply() {
          i.weight += 5;
          i.score = i.weight * 100;
          return () => `${labelOf(s)}${LEVEL1_ZH[i.l1]}表头分值仍为 ${s.headings[i.l1]}，但其下“${i.name}”分值改为 ${i.weight}（得分同为满分，总分随之调整），各指标分值合计 ${s.indicators.filter((x) => x.l1 === i.l1).reduce((a, x) => a + x.weight, 0)}`;
        },
      };
    },
  },
  {
    ruleId: 'C04',
    plan(u, rng) {
      const found = pickIndicator(u, rng, (i) => met(i) && i.l1 !== 'satisfaction');
      if (!found) return null;
      const { s, i } = found;
      return {
        tags: [indicatorTag(s), `headings:${s.table}`],
        table: s.table,
        path: joinPath([s.table, 'groups', i.l1, 'weight']),
        apply() {
          s.headings[i.l1] += 5;
          i.weight += 5;
          i.score = i.weight * 100;
          return () => `${labelOf(s)}${LEVEL1_ZH[i.l1]}表头分值改为 ${s.headings[i.l1]}（模板为 ${s.headings[i.l1] - 5}），其下“${i.name}”分值同步改为 ${i.weight}，表头与指标、总分仍相互一致`;
        },
      };
    },
  },
  {
    ruleId: 'C05',
    plan(u, rng) {
      const found = pickIndicator(u, rng, met);
      if (!found) return null;
      const { s, i } = found;
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: indicatorPath(s, i, 'score'),
        apply() {
          i.score = i.weight * 100 + rng.pick([50, 100]);
          return () => `${labelOf(s)}“${i.name}”自评得分 ${score(i.score)} 超过其分值 ${i.weight}（目标已完成，总分随之调整）`;
        },
      };
    },
  },
  {
    ruleId: 'C06',
    plan(u, rng) {
      const s = rng.pick(sheetsOf(u));
      const offset = -rng.pick([100, 200, 300]);
      return {
        tags: [`rate:${s.table}`],
        table: s.table,
        path: joinPath([s.table, 'budget', 'rate']),
        apply() {
          s.rateOffset = offset;
          return () => `${labelOf(s)}执行率填报为 ${percent(printedRate(s))}，而全年执行数 ${money(s.executed)} ÷ 全年预算数 ${money(s.full)} = ${percent(execRate(s))}`;
        },
      };
    },
  },
  {
    ruleId: 'C07',
    plan(u, rng) {
      const s = rng.pick(sheetsOf(u));
      const delta = rng.pick([50, 100, 200]);
      return {
        tags: [`execScore:${s.table}`],
        table: s.table,
        path: joinPath([s.table, 'budget', 'score']),
        apply() {
          s.execScoreDelta = delta;
          return () => `${labelOf(s)}预算执行率得分填报为 ${score(printedExecScore(s))}，按模板应为 ${score(templateExecScore(s))}（执行率 ${percent(execRate(s))} × 分值 ${EXEC_WEIGHT}；总分随之调整）`;
        },
      };
    },
  },
  {
    ruleId: 'C08',
    plan(u, rng) {
      const o = u.overall;
      const basicChange = o.full - o.initial - projectsAdjustment(u);
      const diffs = [o.full - o.initial, ...u.projects.map((p) => p.sheet.full - p.sheet.initial)];
      let x = Math.abs(basicChange) + rng.int(5, 20) * 100;
      while (diffs.includes(x)) x += 100;
      return {
        tags: ['basicAdjustment', 'overall.initial'],
        table: 'overall',
        path: 'overall.budget.full',
        apply() {
          u.basicAdjustment = x;
          return () =>
            `附件一“部门基本支出预算调整”填报 ${money(x)}，与任何预算的“全年 − 年初”都不相等：附件二全年预算数 ${money(o.full)} ≠ 年初 ${money(o.initial)} + ${money(x)} + 各项目调整 ${money(projectsAdjustment(u))}`;
        },
      };
    },
  },
  {
    ruleId: 'C09',
    plan(u, rng) {
      const heading = rng.chance(0.5);
      const delta = rng.int(5, 50) * 100;
      return {
        tags: ['funds.source'],
        table: 'overall',
        path: 'overall.funds.sourceTotal',
        apply() {
          if (heading) u.funds.sourceTotalOffset = rng.chance(0.5) ? delta : -delta;
          else u.funds.extraSpecialAccount = delta;
          const f = fundsOf(u);
          return () =>
            heading
              ? `附件二“按收入性质分”小计填报为 ${money(f.sourceTotal)}，各项资金合计为 ${money(u.overall.full)}`
              : `附件二“纳入专户管理的非税收入拨款”多填 ${money(delta)}（填报 ${money(f.specialAccount ?? 0)}），按收入性质分各项合计超过全年预算数 ${money(u.overall.full)}`;
        },
      };
    },
  },
  {
    ruleId: 'C10',
    plan(u, rng) {
      const delta = rng.int(5, 50) * 100 * (rng.chance(0.5) ? 1 : -1);
      return {
        tags: ['funds.nature'],
        table: 'overall',
        path: 'overall.funds.natureTotal',
        apply() {
          u.funds.natureTotalOffset = delta;
          const f = fundsOf(u);
          return () => `附件二“按支出性质分”小计填报为 ${money(f.natureTotal)}，而基本支出 ${money(f.basic)} + 项目支出 ${money(f.project)} = ${money(u.overall.full)}`;
        },
      };
    },
  },
  {
    ruleId: 'C11',
    plan(u, rng) {
      const e = u.expenses;
      const variants: (() => Planned)[] = [];
      const step = rng.int(5, 20) * 10;
      if (e.reception.prev > 0) {
        variants.push(() => ({
          tags: ['expenses'],
          table: 'basic',
          path: 'basic.expense.threePublic.prevActual',
          apply() {
            e.reception.prev += step;
            return () => `附件一公务接待上年决算数改为 ${money(e.reception.prev)}，三公经费上年决算数 ${money(e.threePublic.prev)} 小于其中各项之和 ${money(e.vehicle.prev + e.overseas.prev + e.reception.prev)}`;
          },
        }));
      }
      variants.push(() => ({
        tags: ['expenses'],
        table: 'basic',
        path: 'basic.expense.publicFunds.prevActual',
        apply() {
          e.office.prev += e.publicFunds.prev - (e.office.prev + e.utilitiesTravel.prev + e.meetingsTraining.prev) + step;
          return () => `附件一办公经费上年决算数改为 ${money(e.office.prev)}，公用经费上年决算数 ${money(e.publicFunds.prev)} 小于其中各项之和 ${money(e.office.prev + e.utilitiesTravel.prev + e.meetingsTraining.prev)}`;
        },
      }));
      if (e.vehicleOperation.prev > 0) {
        variants.push(() => ({
          tags: ['expenses'],
          table: 'basic',
          path: 'basic.expense.vehicle.prevActual',
          apply() {
            e.vehiclePurchase.prev = step;
            return () => `附件一公车购置上年决算数改为 ${money(step)}，公务用车购置和维护经费上年决算数 ${money(e.vehicle.prev)} 小于公车购置与公车运行维护之和 ${money(step + e.vehicleOperation.prev)}`;
          },
        }));
      }
      return rng.pick(variants)();
    },
  },
  {
    ruleId: 'C12',
    plan(u, rng) {
      const b = u.buildings;
      if (b && rng.chance(0.4)) {
        return {
          tags: ['buildings'],
          table: 'basic',
          path: 'basic.buildings.areaControlRate',
          apply() {
            b.areaRateOffset = -rng.pick([100, 200, 300]);
            return () => `附件一楼堂馆所规模控制率填报为 ${percent(rateOf(b.actualArea, b.approvedArea) + b.areaRateOffset)}，而实际规模 ${b.actualArea} ÷ 批复规模 ${b.approvedArea} = ${percent(rateOf(b.actualArea, b.approvedArea))}`;
          },
        };
      }
      const s = u.staffing;
      return {
        tags: ['staffing'],
        table: 'basic',
        path: 'basic.staffing.controlRate',
        apply() {
          const rate = rateOf(s.actual, s.authorized);
          s.rateOffset = rate > 500 ? -rng.pick([100, 200, 500]) : 300;
          return () => `附件一编制控制率填报为 ${percent(rate + s.rateOffset)}，而实际在职人数 ${s.actual} ÷ 编制数 ${s.authorized} = ${percent(rate)}`;
        },
      };
    },
  },
  {
    ruleId: 'C13',
    plan(u, rng) {
      const found = pickIndicator(u, rng, lowerable);
      if (!found) return null;
      const { s, i } = found;
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: indicatorPath(s, i, 'score'),
        apply() {
          i.a = lowered(i, rng);
          i.role = 'missed';
          i.deviation = reason(rng, u.year);
          return () => `${labelOf(s)}${show(i)}未完成目标却得满分（偏差原因已填写）`;
        },
      };
    },
  },
  {
    ruleId: 'C14',
    plan(u, rng) {
      const variant = rng.pick(['missed', 'reason', 'over'] as const);
      const ok =
        variant === 'missed'
          ? lowerable
          : variant === 'reason'
            ? (i: IndicatorModel) => !i.guard && i.role === 'missed'
            : (i: IndicatorModel) => met(i) && i.kind === 'numeric' && i.op === '>=' && i.unit !== '%' && i.t >= 1;
      const found = pickIndicator(u, rng, ok);
      if (!found) return null;
      const { s, i } = found;
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: indicatorPath(s, i, 'deviation'),
        apply() {
          if (variant === 'missed') {
            i.a = lowered(i, rng);
            i.role = 'missed';
            i.score = missedScore(i);
          } else if (variant === 'over') {
            i.a = Math.ceil((i.t * 14) / 10);
            i.role = 'over';
          }
          i.deviation = '';
          const why = variant === 'over' ? '超额完成（达到年度指标值的 130% 以上）' : '未完成目标、扣了分';
          return () => `${labelOf(s)}${show(i)}${why}，但“偏差原因分析及改进措施”为空`;
        },
      };
    },
  },
  {
    ruleId: 'C15',
    plan(u) {
      return {
        tags: ['grade'],
        table: 'report',
        path: 'report.statedGrade',
        apply() {
          u.report.wrongGrade = true;
          return () => `附件四第九部分所述等级为“${WRONG_GRADE_WORD[gradeBand(u.overall)]}”，按附件二得分应为“${GRADE_WORD[gradeBand(u.overall)]}”`;
        },
      };
    },
  },
  {
    ruleId: 'C16',
    plan(u, rng) {
      const p = rng.pick(u.projects);
      const variant = rng.pick(['overallPreparer', 'basicDate', 'department', 'implementer', 'projectPreparer'] as const);
      const table = { overallPreparer: 'overall', basicDate: 'basic', department: `project:${p.name}`, implementer: `project:${p.name}`, projectPreparer: `project:${p.name}` }[variant];
      const path = {
        overallPreparer: 'overall.signoff.preparer',
        basicDate: 'basic.signoff.date',
        department: joinPath([table, 'department']),
        implementer: joinPath([table, 'implementer']),
        projectPreparer: joinPath([table, 'signoff', 'preparer']),
      }[variant];
      return {
        tags: [`required:${table}`],
        table,
        path,
        apply() {
          if (variant === 'overallPreparer') u.overall.signoff.preparer = '';
          else if (variant === 'basicDate') u.signoffBasic.date = '';
          else if (variant === 'department') p.department = '';
          else if (variant === 'implementer') p.implementer = '';
          else p.sheet.signoff.preparer = '';
          const what = { overallPreparer: '附件二填表人', basicDate: '附件一填报日期', department: `附件三“${p.name}”主管部门`, implementer: `附件三“${p.name}”实施单位`, projectPreparer: `附件三“${p.name}”填表人` }[variant];
          return () => `${what}未填写`;
        },
      };
    },
  },
  // ---------------------------------------------------------------- X: across tables
  {
    ruleId: 'X01',
    plan(u, rng) {
      const p = rng.pick(u.projects);
      const column = rng.chance(0.6) ? 'budget' : 'actual';
      const value = p.line[column];
      if (value < 200) return null;
      const step = Math.max(100, Math.floor((value * rng.int(3, 20)) / 100));
      return {
        tags: [`line:${p.name}`],
        table: 'basic',
        path: joinPath(['basic', 'expense', `project:${p.name}`, column]),
        apply() {
          p.line[column] -= step;
          return () =>
            column === 'budget'
              ? `附件一项目“${p.name}”本年预算数填报 ${money(p.line.budget)}，附件三全年预算数为 ${money(p.sheet.full)}`
              : `附件一项目“${p.name}”本年决算数填报 ${money(p.line.actual)}，附件三全年执行数为 ${money(p.sheet.executed)}`;
        },
      };
    },
  },
  {
    ruleId: 'X02',
    plan(u, rng) {
      const step = rng.int(2, 20) * 100;
      const e = u.expenses.projects;
      return {
        tags: ['projects.actual'],
        table: 'basic',
        path: 'basic.expense.projects.actual',
        apply() {
          e.actual += step;
          return () => `附件一“项目支出”本年决算数填报 ${money(e.actual)}，各项目附件三全年执行数合计 ${money(projectsExecuted(u))}`;
        },
      };
    },
  },
  {
    ruleId: 'X03',
    plan(u, rng) {
      const label = rng.pick(['基本支出预算数', '编制数', '在职人数', '项目支出年初预算', '项目支出全年预算'] as const);
      const people = label === '编制数' || label === '在职人数';
      let offset = people ? rng.pick([1, 2, 3, -1, -2]) : rng.int(10, 30) * 100 * (rng.chance(0.5) ? 1 : -1);
      if (label === '在职人数' && u.staffing.actual + offset < 0) offset = 2;
      if (label === '项目支出年初预算' || label === '项目支出全年预算') {
        const values = u.projects.map((p) => (label === '项目支出年初预算' ? p.sheet.initial : p.sheet.full));
        const sums = subsetSums(values);
        const base = values.reduce((a, v) => a + v, 0);
        let tries = 0;
        while ((sums.some((s) => Math.abs(base + offset - s) < 100) || base + offset <= 0) && tries++ < 20) offset = rng.int(10, 60) * 100 * (rng.chance(0.5) ? 1 : -1);
        if (tries > 20) return null;
      }
      return {
        tags: [`quote:${label}`, ...(people ? ['staffing'] : [])],
        table: 'report',
        path: joinPath(['report', 'quoted', label]),
        apply() {
          u.report.quoteOffsets[label] = offset;
          const q = quotesOf(u) as Record<string, number | null>;
          const shown = (v: number) => (people ? `${v} 人` : `${money(v)} 万元`);
          return () => `附件四报告中的“${label}”写为 ${shown(q[label] as number)}，表中对应数为 ${shown((q[label] as number) - offset)}`;
        },
      };
    },
  },
  {
    ruleId: 'X04',
    plan(u, rng) {
      const step = rng.int(5, 50) * 100;
      const e = u.expenses.procurement;
      return {
        tags: ['procurement', 'overall.executed'],
        table: 'basic',
        path: 'basic.expense.procurement.actual',
        apply() {
          e.actual = u.overall.executed + step;
          return () => `附件一政府采购金额本年决算数填报 ${money(e.actual)}，超过附件二全年执行数 ${money(u.overall.executed)}`;
        },
      };
    },
  },
  // ---------------------------------------------------------------- P: plausibility
  {
    ruleId: 'P01',
    plan(u, rng) {
      const o = u.overall;
      let initial = Math.floor((o.full * rng.int(62, 78)) / 100);
      if (o.full - initial === projectsAdjustment(u)) initial -= 100;
      return {
        tags: ['overall.initial'],
        table: 'overall',
        path: 'overall.budget.full',
        apply() {
          const before = o.initial;
          o.initial = initial;
          return () => `附件二年初预算数由 ${money(before)} 改为 ${money(o.initial)}，全年预算数 ${money(o.full)}，年中调整 ${money(o.full - o.initial)}，超过年初预算的 20%`;
        },
      };
    },
  },
  {
    ruleId: 'P02',
    plan(u, rng) {
      const o = u.overall;
      const target = Math.floor((o.full * rng.int(78, 89)) / 100);
      // the whole unit spends less, its basic part still paying salaries (at least 30% of it spent)
      if (target - projectsExecuted(u) >= Math.floor((o.full - projectsFull(u)) * 0.3) && rng.chance(0.6)) {
        return {
          tags: ['overall.executed'],
          table: 'overall',
          path: 'overall.budget.rate',
          apply() {
            o.executed = target;
            return () => `附件二全年执行数改为 ${money(o.executed)}，执行率 ${percent(execRate(o))} 低于 90%（执行率、执行率得分和总分随之调整）`;
          },
        };
      }
      const p = rng.pick(u.projects);
      const s = p.sheet;
      const executed = Math.floor((s.full * rng.int(75, 88)) / 100);
      const delta = s.executed - executed;
      if (delta <= 0 || rateOf(o.executed - delta, o.full) < 9000 || u.expenses.procurement.actual > o.executed - delta) return null;
      return {
        tags: ['overall.executed', 'projects.actual', `line:${p.name}`],
        table: s.table,
        path: joinPath([s.table, 'budget', 'rate']),
        apply() {
          s.executed = executed;
          p.line.actual -= delta;
          u.expenses.projects.actual -= delta;
          o.executed -= delta;
          if (p.carryOver) p.carryOver.executed = Math.min(p.carryOver.executed, executed);
          return () => `附件三“${p.name}”全年执行数改为 ${money(s.executed)}，执行率 ${percent(execRate(s))} 低于 90%（附件一、附件二的执行数随之调整）`;
        },
      };
    },
  },
  {
    ruleId: 'P03',
    plan(u, rng) {
      const s = rng.pick(sheetsOf(u));
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: joinPath([s.table, 'total', 'score']),
        apply() {
          for (const i of s.indicators) {
            if (i.kind === 'numeric') i.a = i.t;
            i.score = i.weight * 100;
            i.deviation = '';
            i.role = 'exact';
            i.guard = false;
          }
          return () => `${labelOf(s)}全部 ${s.indicators.length} 项指标的实际完成值改为与年度指标值相同，且全部满分`;
        },
      };
    },
  },
  {
    ruleId: 'P04',
    plan(u, rng) {
      if (u.projects.length < 2) return null;
      const b = rng.int(1, u.projects.length - 1);
      const a = rng.int(0, b - 1);
      const [A, B] = [u.projects[a], u.projects[b]];
      return {
        tags: [`goals:${B.name}`],
        table: B.sheet.table,
        path: joinPath([B.sheet.table, 'goals', '1', 'expected']),
        apply() {
          B.sheet.goals[0] = { ...B.sheet.goals[0], expected: A.sheet.goals[0].expected };
          return () => `附件三“${B.name}”的预期目标逐字照抄“${A.name}”：“${A.sheet.goals[0].expected}”`;
        },
      };
    },
  },
  {
    ruleId: 'P05',
    plan(u, rng) {
      const found = pickIndicator(u, rng, (i) => met(i) && i.l2 !== 'serviceTarget');
      if (!found) return null;
      const { s, i } = found;
      const l2 = i.l2 as Exclude<Level2, 'serviceTarget'>;
      const bare = rng.chance(0.4);
      const name = freshName(s, l2, bare ? NOT_A_RATE[l2] : VAGUE[l2].map(([n]) => n));
      if (name === null) return null;
      const text = VAGUE[l2].find(([n]) => n === name)?.[1] ?? '';
      const replaced: IndicatorModel = bare
        ? { ...i, name, kind: 'numeric', op: '>=', t: 100, a: 100, decimals: 0, unit: '%', bare: true, role: 'vague', score: i.weight * 100, deviation: '' }
        : { ...i, name, kind: 'text', targetText: text, actualText: text, role: 'vague', score: i.weight * 100, deviation: '' };
      return {
        tags: [indicatorTag(s)],
        table: s.table,
        path: joinPath([s.table, 'indicators', i.l1, i.l2, name, 'target']),
        apply() {
          s.indicators[s.indicators.indexOf(i)] = replaced;
          return () =>
            bare
              ? `${labelOf(s)}指标“${name}”的年度指标值为“100%”，但指标名称不是比率，百分比的基数不明确`
              : `${labelOf(s)}指标“${name}”的年度指标值为“${text}”，没有可衡量的标准`;
        },
      };
    },
  },
  {
    ruleId: 'P06',
    plan(u, rng) {
      const e = u.expenses;
      const pf = e.publicFunds;
      const variants: (() => Planned | null)[] = [
        () => {
          const item = rng.pick(['office', 'utilitiesTravel', 'meetingsTraining'] as const);
          const c = e[item];
          const slack = pf.actual - (e.office.actual + e.utilitiesTravel.actual + e.meetingsTraining.actual);
          const x = rng.int(5, 30) * 10;
          const raise = c.budget - c.actual + x;
          if (raise > slack || c.budget + x > 2 * c.prev) return null;
          return {
            tags: ['expenses'],
            table: 'basic',
            path: `basic.expense.${item}.actual`,
            apply() {
              c.actual = c.budget + x;
              return () => `附件一“${EXPENSE_ZH[item]}”本年决算数改为 ${money(c.actual)}，超过本年预算数 ${money(c.budget)}（公用经费合计仍在预算内）`;
            },
          };
        },
        () => {
          const x = rng.int(5, 50) * 10;
          if (pf.budget + x > 2 * pf.prev) return null;
          return {
            tags: ['expenses'],
            table: 'basic',
            path: 'basic.expense.publicFunds.actual',
            apply() {
              pf.actual = pf.budget + x;
              return () => `附件一“公用经费”本年决算数改为 ${money(pf.actual)}，超过本年预算数 ${money(pf.budget)}`;
            },
          };
        },
      ];
      const b = u.buildings;
      if (b) {
        variants.push(() => ({
          tags: ['buildings'],
          table: 'basic',
          path: 'basic.buildings.actualInvestment',
          apply() {
            b.actualInvestment = b.budgetInvestment + rng.int(5, 30) * 100;
            return () => `附件一楼堂馆所实际投资改为 ${money(b.actualInvestment)}，超过预算投资 ${money(b.budgetInvestment)}（投资概算控制率随之为 ${percent(rateOf(b.actualInvestment, b.budgetInvestment))}）`;
          },
        }));
      }
      return rng.pick(variants)();
    },
  },
  {
    ruleId: 'P07',
    plan(u, rng) {
      const e = u.expenses;
      const items = (['office', 'utilitiesTravel', 'meetingsTraining', 'reception', 'vehicleOperation'] as const).filter((k) => e[k].actual >= 10);
      if (items.length === 0) return null;
      const item = rng.pick(items);
      const c = e[item];
      const prev = Math.max(1, Math.floor((c.actual * rng.int(25, 45)) / 100));
      return {
        tags: ['expenses'],
        table: 'basic',
        path: `basic.expense.${item}.actual`,
        apply() {
          c.prev = prev;
          return () => `附件一“${EXPENSE_ZH[item]}”上年决算数改为 ${money(c.prev)}，本年决算数 ${money(c.actual)} 比上年增长超过 100%`;
        },
      };
    },
  },
  {
    ruleId: 'P08',
    plan(u, rng) {
      const s = u.staffing;
      const k = rng.int(1, 3);
      return {
        tags: ['staffing'],
        table: 'basic',
        path: 'basic.staffing.actual',
        apply() {
          s.actual = s.authorized + k;
          return () => `附件一实际在职人数改为 ${s.actual}，超过编制数 ${s.authorized}（控制率和报告所述在职人数随之调整）`;
        },
      };
    },
  },
];

/** The rules the catalogue can make fire, in catalogue order. */
export const INJECTABLE_RULES: readonly string[] = CATALOGUE.map((e) => e.ruleId);

/** Injects `count` anomalies of different rules (fewer when the unit offers no more), in catalogue draws. */
export function inject(u: UnitModel, rng: Random, count: number): InjectedAnomaly[] {
  const taken = new Set<string>();
  const made: { anomaly: Omit<InjectedAnomaly, 'what'>; describe: () => string }[] = [];
  for (const entry of rng.shuffle(CATALOGUE)) {
    if (made.length >= count) break;
    const planned = entry.plan(u, rng);
    if (!planned) continue;
    const tags = [...planned.tags, `rule:${entry.ruleId}`];
    if (tags.some((t) => taken.has(t))) continue;
    tags.forEach((t) => taken.add(t));
    const describe = planned.apply();
    made.push({ anomaly: { unitName: u.name, ruleId: entry.ruleId, table: planned.table, path: planned.path }, describe });
  }
  return made.map((m) => ({ ...m.anomaly, what: m.describe() }));
}
