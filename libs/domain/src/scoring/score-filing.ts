import { joinPath } from '../figure-path';
import type { CellValue } from '../filing/filing.events';
import { Dec, computedOf, figuresOf, numericOf } from '../filing/filing.figures';
import { indicatorDisplayNames, projectDisplayNames } from '../filing/filing.paths';
import type { FilingState, SheetState } from '../filing/filing.state';
import { LEVEL1S } from '../filing/filing.types';
import type { Level1 } from '../filing/filing.types';
import { LEVEL1_LABELS } from '../filing/filing.view';
import { gradeOfWord } from '../filing/report-lexicon';
import { gradeOf } from './grades';
import { executionWork, indicatorWork, measureWork } from './score-leaves';
import type { Ctx, Work } from './score-tree';
import { collect, group, leaf, weigh } from './score-tree';
import type { ExecutionRow, FilingScore, GroupRow, IndicatorRow, ItemStatus, TableScore } from './score.types';
import type { ScoringTemplate, TemplateNode } from './template.types';
import { assertValidTemplate } from './template.validate';

/**
 * The scoring engine: a filing's tables scored under a template, row by row, with the stated figures
 * beside the suggested ones. Pure and deterministic; decimals only. docs/scoring.md explains the rules.
 */
export function scoreFiling(state: FilingState, template: ScoringTemplate): FilingScore {
  assertValidTemplate(template);
  const stated = figuresOf(state);
  const computed = computedOf(state);
  const { decimals, mode } = template.parameters.rounding;
  const rounding = mode === 'halfUp' ? Dec.ROUND_HALF_UP : Dec.ROUND_HALF_EVEN;
  const ctx: Ctx = {
    params: template.parameters,
    lookup: (path) => (Object.hasOwn(stated, path) ? stated[path] : Object.hasOwn(computed, path) ? computed[path] : undefined),
    state,
    round: (d) => d.toDecimalPlaces(decimals, rounding),
    fmt: (d) => d.toFixed(decimals, rounding),
  };
  const { tables } = projectDisplayNames(state);
  const result: TableScore[] = [scoreTable(ctx, 'overall', state.overall, template.trees.overall, 'overall')];
  for (const p of state.projects) {
    if (p.name !== null) result.push(scoreTable(ctx, `project:${tables.get(p.projectId)}`, p.sheet, template.trees.project, 'project'));
  }
  return { template: { id: template.id, version: template.version }, tables: result };
}

function scoreTable(ctx: Ctx, table: string, sheet: SheetState, tree: TemplateNode[], kind: 'overall' | 'project'): TableScore {
  const names = indicatorDisplayNames(sheet.indicators);
  const rows: { execution: ExecutionRow | null; indicators: IndicatorRow[] } = { execution: null, indicators: [] };
  const build = (node: TemplateNode): Work => {
    switch (node.kind) {
      case 'group':
        return group(node, node.children.map(build));
      case 'filingIndicators': {
        const mine = sheet.indicators.filter((i) => i.level1 === node.level1);
        const children = mine.map((i) => indicatorWork(ctx, table, i, names.get(i.indicatorId) as string, node.id));
        rows.indicators.push(...children.map((c) => c.row as IndicatorRow));
        const w = group(node, children);
        if (children.length === 0) {
          w.empty = true;
          w.out.notes.push(`表中没有${LEVEL1_LABELS[node.level1]}，该项得 0 分`);
          w.out.needsReview = true;
        }
        return w;
      }
      case 'execution': {
        const w = executionWork(ctx, table, sheet, node);
        rows.execution = w.row as ExecutionRow;
        return w;
      }
      case 'measure':
        return measureWork(ctx, table, node);
      case 'manual':
        return leaf(node, new Dec(node.weight), 'pending', null, null, true, ['模板规定由人工评分，表中无此项得分：待人工评分，其分值按比例分给已评分项']);
    }
  };
  const works = tree.map(build);
  // indicators of a 一级 group no node covers: scored on their own weight, contributing nothing
  const covered = new Set(rows.indicators.map((r) => r.indicatorId));
  const uncovered = sheet.indicators.filter((i) => !covered.has(i.indicatorId)).map((i) => indicatorWork(ctx, table, i, names.get(i.indicatorId) as string, null));
  for (const u of uncovered) u.out.notes.push('模板中没有该一级指标，不计分');

  const total = ctx.params.totalWeight;
  weigh(ctx, works, new Dec(total));
  weigh(ctx, uncovered, new Dec(0));
  const order = new Map(sheet.indicators.map((i, n) => [i.indicatorId, n]));
  const indicators = [...rows.indicators, ...uncovered.map((u) => u.row as IndicatorRow)].sort((a, b) => (order.get(a.indicatorId) ?? 0) - (order.get(b.indicatorId) ?? 0));

  const weight = works.reduce((s, w) => s.plus(w.effective), new Dec(0));
  const suggested = works.reduce((s, w) => s.plus(w.contribution), new Dec(0));
  const statedItems = [sheet.budget.total?.weight ?? null, ...sheet.indicators.map((i) => i.weight)];
  const statedScores = [sheet.budget.total?.score ?? null, ...sheet.indicators.map((i) => i.score)];
  const statedWord = kind === 'overall' ? ctx.state.report.statedGrade : null;
  const statedTotal = numericOf(sheet.total.score);
  const flagged = collect(works).filter((w) => (w.children === null || w.children.length === 0) && w.out.needsReview).length + uncovered.filter((u) => u.out.needsReview).length;
  return {
    table,
    tree: kind,
    execution: rows.execution,
    indicators,
    groups: groupRows(ctx, table, sheet, tree, indicators),
    nodes: works.map((w) => w.out),
    total: {
      stated: { weight: sheet.total.weight, score: sheet.total.score },
      statedItems: { weight: ctx.fmt(sum(statedItems)), score: ctx.fmt(sum(statedScores)) },
      weight: ctx.fmt(weight),
      suggested: ctx.fmt(suggested),
    },
    grade: {
      statedWord,
      stated: gradeOfWord(statedWord),
      ofStatedTotal: statedTotal === null ? null : gradeOf(statedTotal, ctx.params.grades, numericOf(sheet.total.weight) ?? total),
      suggested: gradeOf(suggested, ctx.params.grades, weight),
    },
    needsReview: flagged,
  };
}

const sum = (values: CellValue[]): Dec => values.reduce((s: Dec, v) => s.plus(numericOf(v) ?? 0), new Dec(0));

/** Per 一级 group of the filing: the heading, the stated sums, the template's weight, the suggested sum. */
function groupRows(ctx: Ctx, table: string, sheet: SheetState, tree: TemplateNode[], indicators: IndicatorRow[]): GroupRow[] {
  const nodes = new Map<Level1, string>();
  const walk = (ns: TemplateNode[]): void => ns.forEach((n) => (n.kind === 'group' ? walk(n.children) : n.kind === 'filingIndicators' ? nodes.set(n.level1, n.weight) : undefined));
  walk(tree);
  const present = new Set<Level1>([...sheet.indicators.map((i) => i.level1), ...(Object.keys(sheet.groups) as Level1[])]);
  return LEVEL1S.filter((l1) => present.has(l1)).map((level1) => {
    const mine = indicators.filter((r) => r.level1 === level1);
    const dsum = (f: (r: IndicatorRow) => string | null) => mine.reduce((s, r) => s.plus(numericOf(f(r)) ?? 0), new Dec(0));
    return {
      path: joinPath([table, 'groups', level1]),
      level1,
      declaredWeight: sheet.groups[level1] ?? null,
      stated: { weight: ctx.fmt(dsum((r) => r.stated.weight)), score: ctx.fmt(dsum((r) => r.stated.score)) },
      templateWeight: nodes.has(level1) ? ctx.fmt(new Dec(nodes.get(level1) as string)) : null,
      effectiveWeight: ctx.fmt(dsum((r) => r.effectiveWeight)),
      suggested: ctx.fmt(dsum((r) => r.contribution)),
    };
  });
}

/**
 * The entries a score adds to the filing's `computed` map: each indicator's suggested score, the suggested
 * execution score, each 一级 group's suggested sum, the suggested total and grade. `"n/a"` for a row that
 * does not apply; nothing for a row waiting for a person.
 */
export function scoreComputed(score: FilingScore): Record<string, string> {
  const map: Record<string, string> = {};
  for (const t of score.tables) {
    const put = (segments: string[], row: { status: ItemStatus; suggested: string | null }) => {
      if (row.status === 'notApplicable') map[joinPath(segments)] = 'n/a';
      else if (row.suggested !== null) map[joinPath(segments)] = row.suggested;
    };
    for (const r of t.indicators) put([t.table, 'indicators', r.level1, r.level2, r.name, 'score'], r);
    if (t.execution) put([t.table, 'budget', 'score'], t.execution);
    for (const g of t.groups) map[joinPath([t.table, 'groups', g.level1, 'score'])] = g.suggested;
    // a table with nothing scored yet (a filing just opened) has no total and no grade to suggest
    const scored = t.execution?.status === 'scored' || t.indicators.some((i) => i.status === 'scored');
    if (!scored) continue;
    map[joinPath([t.table, 'total', 'score'])] = t.total.suggested;
    if (t.grade.suggested !== null) map[joinPath([t.table, 'total', 'grade'])] = t.grade.suggested;
  }
  return map;
}
