import type { SheetModel, UnitModel } from './model';
import { divRound, rateOf } from './numbers';

/**
 * What a filer computes from the figures, as the domain computes it (national-default template): the
 * 执行率, the execution score, the 总分, the grade band, the fund split, the figures the report quotes.
 * The renderer prints these; injections read them to pick numbers that break exactly one rule.
 */

/** The execution row's 分值 (national-default: 10). */
export const EXEC_WEIGHT = 10;

/** 执行率 in hundredths of a percent, rounded half-up as the scorer rounds it. */
export const execRate = (s: SheetModel): number => rateOf(s.executed, s.full);

/** The template's execution score in hundredths: 10 × min(执行率, 100%), 2 decimals half-up. */
export function templateExecScore(s: SheetModel): number {
  return divRound(EXEC_WEIGHT * Math.min(execRate(s), 10000), 100);
}

export const printedExecScore = (s: SheetModel): number => templateExecScore(s) - s.execScoreDelta;
export const printedRate = (s: SheetModel): number => execRate(s) + s.rateOffset;

export const indicatorWeights = (s: SheetModel): number => s.indicators.reduce((sum, i) => sum + i.weight, 0);
export const indicatorScores = (s: SheetModel): number => s.indicators.reduce((sum, i) => sum + i.score, 0);

/** 总分 分值 and 自评得分 as printed (points, hundredths). */
export const totalWeight = (s: SheetModel): number => EXEC_WEIGHT + indicatorWeights(s) + s.totalWeightDelta;
export const totalScore = (s: SheetModel): number => printedExecScore(s) + indicatorScores(s) + s.totalScoreDelta;

export type Grade = '优' | '良' | '中' | '差';

/** C15's band: the template's execution score + Σ indicator scores, scaled to 100 by the weights. */
export function gradeBand(s: SheetModel): Grade {
  const got = templateExecScore(s) + indicatorScores(s);
  const outOf = (EXEC_WEIGHT + indicatorWeights(s)) * 100;
  if (got * 100 >= 90 * outOf) return '优';
  if (got * 100 >= 80 * outOf) return '良';
  if (got * 100 >= 60 * outOf) return '中';
  return '差';
}

export const GRADE_WORD: Record<Grade, string> = { 优: '优秀', 良: '良好', 中: '中等', 差: '较差' };
/** A word of another band, for an injected C15. */
export const WRONG_GRADE_WORD: Record<Grade, string> = { 优: '良好', 良: '优秀', 中: '良好', 差: '合格' };

export const govFund = (u: UnitModel): number => u.projects.filter((p) => p.govFund).reduce((sum, p) => sum + p.sheet.full, 0);
export const projectsFull = (u: UnitModel): number => u.projects.reduce((sum, p) => sum + p.sheet.full, 0);
export const projectsInitial = (u: UnitModel): number => u.projects.reduce((sum, p) => sum + p.sheet.initial, 0);
export const projectsExecuted = (u: UnitModel): number => u.projects.reduce((sum, p) => sum + p.sheet.executed, 0);
/** 年中追加 of the projects: Σ (全年 − 年初). */
export const projectsAdjustment = (u: UnitModel): number => projectsFull(u) - projectsInitial(u);

/** 附件二 funds by source and by nature, as printed (null: an empty cell). */
export function fundsOf(u: UnitModel) {
  const full = u.overall.full;
  const gov = govFund(u);
  const generalPublic = full - gov - u.funds.specialAccount - u.funds.other;
  const special = u.funds.specialAccount + u.funds.extraSpecialAccount;
  return {
    sourceTotal: full + u.funds.sourceTotalOffset,
    natureTotal: full + u.funds.natureTotalOffset,
    generalPublic,
    govFund: gov > 0 ? gov : null,
    specialAccount: special > 0 ? special : null,
    other: u.funds.other > 0 ? u.funds.other : null,
    basic: full - projectsFull(u),
    project: projectsFull(u),
  };
}

/** The figures section 一 … 五 of the report quote, by lexicon label (money in 分, people as counts). */
export function quotesOf(u: UnitModel) {
  const f = fundsOf(u);
  const off = (label: string) => u.report.quoteOffsets[label] ?? 0;
  return {
    编制数: u.staffing.authorized + off('编制数'),
    在职人数: u.staffing.actual + off('在职人数'),
    一般公共预算拨款支出: f.generalPublic,
    基本支出预算数: f.basic + off('基本支出预算数'),
    项目支出年初预算: projectsInitial(u) + off('项目支出年初预算'),
    年中追加: projectsAdjustment(u),
    项目支出全年预算: projectsFull(u) + off('项目支出全年预算'),
    政府性基金: f.govFund,
  };
}
