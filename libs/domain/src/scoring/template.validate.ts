import { joinPath, splitPath } from '../figure-path';
import { parseFigurePath } from '../filing/filing.paths';
import { LEVEL1S } from '../filing/filing.types';
import { Dec } from '../filing/filing.figures';
import type { MeasureMethod, ScoringTemplate, TemplateNode } from './template.types';
import { GRADES } from './template.types';

/** One problem in a template: the JSON path of the bad node (`$.trees.overall[1].children[0].weight`) and what is wrong. */
export interface TemplateError {
  path: string;
  message: string;
}
export type TemplateValidation = { ok: true; template: ScoringTemplate } | { ok: false; errors: TemplateError[] };

const DECIMAL = /^-?\d+(?:\.\d+)?$/u;
const ID = /^[a-z][A-Za-z0-9-]*$/u;
const TEMPLATE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u;
const POLICIES = ['manual', 'full', 'zero', 'notApplicable'];
const ANOMALY_KEYS = [
  'P01AdjustmentShare',
  'P02ExecutionRateBelow',
  'P04Similarity',
  'P04MinIndicators',
  'P07YearOverYear',
  'S01RobustZ',
  'S02RobustZ',
  'statisticsMinFilings',
  'A03WindowHours',
  'roundingTolerancePerTerm',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly errors: TemplateError[] = [];
  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  obj(v: unknown, path: string): Obj | null {
    if (isObj(v)) return v;
    this.fail(path, '应为 JSON 对象');
    return null;
  }
  str(o: Obj, key: string, path: string, re?: RegExp): string | null {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '') return this.fail(`${path}.${key}`, '应为非空字符串'), null;
    if (re && !re.test(v)) return this.fail(`${path}.${key}`, `"${v}" 不符合格式 ${re.source}`), null;
    return v;
  }
  oneOf<T extends string>(o: Obj, key: string, path: string, list: readonly T[]): T | null {
    const v = o[key];
    if (typeof v === 'string' && (list as readonly string[]).includes(v)) return v as T;
    this.fail(`${path}.${key}`, `应为 ${list.join('、')} 之一`);
    return null;
  }
  bool(o: Obj, key: string, path: string): void {
    if (typeof o[key] !== 'boolean') this.fail(`${path}.${key}`, '应为 true 或 false');
  }
  /** A decimal string within [min, max] when given. */
  dec(o: Obj, key: string, path: string, range: { min?: string; max?: string; above?: string } = {}): Dec | null {
    const v = o[key];
    const at = `${path}.${key}`;
    if (typeof v === 'number') return this.fail(at, `应为小数字符串 "${v}"，而不是数字 ${v}`), null;
    if (typeof v !== 'string' || !DECIMAL.test(v)) return this.fail(at, '应为小数字符串，如 "10" 或 "12.5"'), null;
    const d = new Dec(v);
    if (range.min !== undefined && d.lt(range.min)) return this.fail(at, `应不小于 ${range.min}`), null;
    if (range.above !== undefined && d.lte(range.above)) return this.fail(at, `应大于 ${range.above}`), null;
    if (range.max !== undefined && d.gt(range.max)) return this.fail(at, `应不大于 ${range.max}`), null;
    return d;
  }
}

/**
 * Checks a template (any JSON value) against the schema of template.types.ts and its arithmetic: each
 * group's children add up to its weight, each tree to `totalWeight`, ids are unique, a 一级 group is
 * covered at most once, formulas name v1 figure paths, methods have sane parameters. Every error names the
 * JSON path of the bad node.
 */
export function validateTemplate(value: unknown): TemplateValidation {
  const c = new Checker();
  const t = c.obj(value, '$');
  if (!t) return { ok: false, errors: c.errors };
  c.str(t, 'id', '$', TEMPLATE_ID);
  if (typeof t.version !== 'number' || !Number.isInteger(t.version) || t.version < 1) c.fail('$.version', '应为正整数');
  c.str(t, 'name', '$');
  c.str(t, 'basis', '$');
  const total = checkParameters(c, t.parameters);
  const trees = c.obj(t.trees, '$.trees');
  if (trees) {
    for (const key of Object.keys(trees)) if (key !== 'overall' && key !== 'project') c.fail(`$.trees.${key}`, '未知的评分树（只能是 overall 或 project）');
    for (const tree of ['overall', 'project'] as const) checkTree(c, trees[tree], `$.trees.${tree}`, tree, total);
  }
  return c.errors.length === 0 ? { ok: true, template: value as ScoringTemplate } : { ok: false, errors: c.errors };
}

function checkParameters(c: Checker, value: unknown): Dec | null {
  const path = '$.parameters';
  const p = c.obj(value, path);
  if (!p) return null;
  const total = c.dec(p, 'totalWeight', path, { above: '0' });
  const r = c.obj(p.rounding, `${path}.rounding`);
  if (r) {
    if (typeof r.decimals !== 'number' || !Number.isInteger(r.decimals) || r.decimals < 0 || r.decimals > 6) c.fail(`${path}.rounding.decimals`, '应为 0 到 6 之间的整数');
    c.oneOf(r, 'mode', `${path}.rounding`, ['halfUp', 'halfEven']);
  }
  const ind = c.obj(p.indicators, `${path}.indicators`);
  if (ind) {
    c.oneOf(ind, 'lessEqual', `${path}.indicators`, ['ratio', 'linear']);
    const q = c.obj(ind.qualitative, `${path}.indicators.qualitative`);
    if (q) {
      const achieved = c.dec(q, 'achieved', `${path}.indicators.qualitative`, { above: '0', max: '1' });
      const partial = c.dec(q, 'partial', `${path}.indicators.qualitative`, { above: '0', max: '1' });
      if (achieved && partial && partial.gte(achieved)) c.fail(`${path}.indicators.qualitative.partial`, '应小于 achieved');
    }
  }
  checkGrades(c, p.grades, `${path}.grades`);
  const dev = c.obj(p.deviation, `${path}.deviation`);
  if (dev) {
    c.bool(dev, 'scoreBelowWeight', `${path}.deviation`);
    c.bool(dev, 'budgetAdjusted', `${path}.deviation`);
    c.dec(dev, 'executionRateBelow', `${path}.deviation`, { min: '0' });
    c.dec(dev, 'overAchievement', `${path}.deviation`, { above: '100' });
    c.dec(dev, 'underAchievement', `${path}.deviation`, { min: '0', max: '100' });
  }
  const an = c.obj(p.anomalies, `${path}.anomalies`);
  if (an) {
    for (const key of ANOMALY_KEYS) c.dec(an, key, `${path}.anomalies`, { min: '0' });
    for (const key of Object.keys(an)) if (!ANOMALY_KEYS.includes(key)) c.fail(`${path}.anomalies.${key}`, '未知的阈值');
  }
  return total;
}

function checkGrades(c: Checker, value: unknown, path: string): void {
  if (!Array.isArray(value) || value.length === 0) return c.fail(path, '应为非空的等级区间列表');
  let previous: Dec | null = null;
  const seen = new Set<string>();
  value.forEach((band, i) => {
    const b = c.obj(band, `${path}[${i}]`);
    if (!b) return;
    const grade = c.oneOf(b, 'grade', `${path}[${i}]`, GRADES);
    if (grade && seen.has(grade)) c.fail(`${path}[${i}].grade`, `等级 ${grade} 出现了两次`);
    if (grade) seen.add(grade);
    const min = c.dec(b, 'min', `${path}[${i}]`, { min: '0' });
    if (min && previous && min.gte(previous)) c.fail(`${path}[${i}].min`, '等级区间应从高到低排列：每个 min 都应小于前一个');
    if (min) previous = min;
    if (i === value.length - 1 && min && !min.isZero()) c.fail(`${path}[${i}].min`, '最后一个等级区间的 min 应为 0');
  });
}

function checkTree(c: Checker, value: unknown, path: string, tree: 'overall' | 'project', total: Dec | null): void {
  if (!Array.isArray(value) || value.length === 0) return c.fail(path, '应为非空的节点列表');
  const seen = { ids: new Set<string>(), level1s: new Set<string>(), executions: 0 };
  const sum = checkNodes(c, value, path, tree, seen);
  if (sum && total && !sum.eq(total)) c.fail(path, `顶层节点的分值合计为 ${sum.toFixed()}，应为 ${total.toFixed()}`);
  if (seen.executions > 1) c.fail(path, '每棵评分树至多一个 execution 节点');
}

type Seen = { ids: Set<string>; level1s: Set<string>; executions: number };

/** Checks a list of sibling nodes; returns the sum of their weights (null when one is not a decimal). */
function checkNodes(c: Checker, nodes: unknown[], path: string, tree: 'overall' | 'project', seen: Seen): Dec | null {
  let sum: Dec | null = new Dec(0);
  nodes.forEach((value, i) => {
    const weight = checkNode(c, value, `${path}[${i}]`, tree, seen);
    sum = sum && weight ? sum.plus(weight) : null;
  });
  return sum;
}

function checkNode(c: Checker, value: unknown, path: string, tree: 'overall' | 'project', seen: Seen): Dec | null {
  const n = c.obj(value, path);
  if (!n) return null;
  const id = c.str(n, 'id', path, ID);
  if (id !== null) {
    if (seen.ids.has(id)) c.fail(`${path}.id`, `"${id}" 在本评分树中重复使用`);
    seen.ids.add(id);
  }
  c.str(n, 'name', path);
  const weight = c.dec(n, 'weight', path, { min: '0' });
  const kind = c.oneOf(n, 'kind', path, ['group', 'execution', 'filingIndicators', 'measure', 'manual'] as const);
  switch (kind) {
    case 'group': {
      if (!Array.isArray(n.children) || n.children.length === 0) {
        c.fail(`${path}.children`, 'group 节点应有子节点');
        break;
      }
      const sum = checkNodes(c, n.children, `${path}.children`, tree, seen);
      if (sum && weight && !sum.eq(weight)) c.fail(`${path}.children`, `子节点的分值合计为 ${sum.toFixed()}，与该组的分值 ${weight.toFixed()} 不符`);
      break;
    }
    case 'execution':
      seen.executions += 1;
      checkMethod(c, n.method, `${path}.method`, weight);
      break;
    case 'filingIndicators': {
      const level1 = c.oneOf(n, 'level1', path, LEVEL1S);
      if (level1 && seen.level1s.has(level1)) c.fail(`${path}.level1`, `${level1} 已由本评分树的另一个节点覆盖`);
      if (level1) seen.level1s.add(level1);
      break;
    }
    case 'measure':
      if (typeof n.unit !== 'string') c.fail(`${path}.unit`, '应为字符串（"%" 或 ""）');
      checkFormula(c, n.formula, `${path}.formula`, tree);
      checkMethod(c, n.method, `${path}.method`, weight);
      c.oneOf(n, 'whenMissing', path, POLICIES);
      c.oneOf(n, 'whenZeroDenominator', path, POLICIES);
      break;
    case 'manual':
    case null:
      break;
  }
  if (kind !== null) {
    const allowed = new Set(['id', 'name', 'weight', 'kind', ...KIND_KEYS[kind]]);
    for (const key of Object.keys(n)) if (!allowed.has(key)) c.fail(`${path}.${key}`, `${kind} 节点没有 "${key}" 字段`);
  }
  return weight;
}

const KIND_KEYS: Record<TemplateNode['kind'], string[]> = {
  group: ['children'],
  execution: ['method'],
  filingIndicators: ['level1'],
  measure: ['unit', 'formula', 'method', 'whenMissing', 'whenZeroDenominator'],
  manual: [],
};

function checkFormula(c: Checker, value: unknown, path: string, tree: 'overall' | 'project'): void {
  const f = c.obj(value, path) as Partial<Record<string, unknown>> | null;
  if (!f) return;
  const keys = Object.keys(f);
  if ('figure' in f && keys.length === 1) {
    if (typeof f.figure !== 'string') return c.fail(`${path}.figure`, '应为数据路径');
    checkFigure(c, f.figure, `${path}.figure`, tree);
  } else if ('const' in f && keys.length === 1) {
    c.dec(f as Obj, 'const', path);
  } else if ('op' in f && 'args' in f && keys.length === 2) {
    const op = c.oneOf(f as Obj, 'op', path, ['add', 'sub', 'mul', 'div'] as const);
    if (!Array.isArray(f.args)) return c.fail(`${path}.args`, '应为公式列表');
    const arity = op === 'sub' || op === 'div' ? [2, 2] : [2, Infinity];
    if (f.args.length < arity[0] || f.args.length > arity[1]) c.fail(`${path}.args`, `${op} 需要${op === 'sub' || op === 'div' ? '恰好 2 个' : '至少 2 个'}参数`);
    (f.args as unknown[]).forEach((a, i) => checkFormula(c, a, `${path}.args[${i}]`, tree));
  } else {
    c.fail(path, '公式应为 {figure}、{const} 或 {op, args}');
  }
}

function checkFigure(c: Checker, figure: string, path: string, tree: 'overall' | 'project'): void {
  try {
    parseFigurePath(resolveFigure(figure, tree === 'overall' ? 'overall' : 'project:x'));
  } catch (e) {
    c.fail(path, `"${figure}" 不是有效的数据路径：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `$.budget.full` in the table `head` (`overall`, `project:<name>`): the `$` segment replaced. */
export function resolveFigure(figure: string, head: string): string {
  const segments = splitPath(figure);
  return segments[0] === '$' ? joinPath([head, ...segments.slice(1)]) : figure;
}

function checkMethod(c: Checker, value: unknown, path: string, weight: Dec | null): void {
  const m = c.obj(value, path);
  if (!m) return;
  const kind = c.oneOf(m, 'kind', path, ['proportional', 'greaterEqual', 'lessEqual', 'equal', 'deduction', 'stepTable', 'manual'] as const);
  const keys: Record<MeasureMethod['kind'], string[]> = {
    proportional: ['full', 'zeroBelow'],
    greaterEqual: ['target'],
    lessEqual: ['target', 'variant'],
    equal: ['target'],
    deduction: ['direction', 'threshold', 'per', 'points', 'stepping'],
    stepTable: ['steps'],
    manual: [],
  };
  if (kind === null) return;
  for (const key of Object.keys(m)) if (key !== 'kind' && !keys[kind].includes(key)) c.fail(`${path}.${key}`, `${kind} 方法没有 "${key}" 参数`);
  switch (kind) {
    case 'proportional':
      c.dec(m, 'full', path, { above: '0' });
      if (m.zeroBelow !== null) c.dec(m, 'zeroBelow', path, { min: '0' });
      return;
    case 'greaterEqual':
    case 'equal':
      c.dec(m, 'target', path, { min: '0' });
      return;
    case 'lessEqual':
      c.dec(m, 'target', path, { min: '0' });
      c.oneOf(m, 'variant', path, ['ratio', 'linear']);
      return;
    case 'deduction':
      c.oneOf(m, 'direction', path, ['above', 'below']);
      c.dec(m, 'threshold', path);
      c.dec(m, 'per', path, { above: '0' });
      c.dec(m, 'points', path, { min: '0' });
      c.oneOf(m, 'stepping', path, ['proportional', 'perStartedStep', 'perCompletedStep']);
      return;
    case 'stepTable':
      return checkSteps(c, m.steps, `${path}.steps`, weight);
    case 'manual':
      return;
  }
}

function checkSteps(c: Checker, value: unknown, path: string, weight: Dec | null): void {
  if (!Array.isArray(value) || value.length === 0) return c.fail(path, '应为非空的分档列表');
  let previous: Dec | null = null;
  value.forEach((step, i) => {
    const s = c.obj(step, `${path}[${i}]`);
    if (!s) return;
    const last = i === value.length - 1;
    if (last && s.upTo !== null) c.fail(`${path}[${i}].upTo`, '最后一档涵盖其余情况：upTo 应为 null');
    if (!last) {
      const upTo = c.dec(s, 'upTo', `${path}[${i}]`);
      if (upTo && previous && upTo.lte(previous)) c.fail(`${path}[${i}].upTo`, '分档应由低到高：每个 upTo 都应大于前一个');
      if (upTo) previous = upTo;
    }
    c.bool(s, 'inclusive', `${path}[${i}]`);
    c.dec(s, 'score', `${path}[${i}]`, weight ? { min: '0', max: weight.toFixed() } : { min: '0' });
  });
}

/** The template, or an Error listing every problem (for templates that are expected to be valid). */
export function assertValidTemplate(value: unknown): ScoringTemplate {
  const result = validateTemplate(value);
  if (result.ok) return result.template;
  throw new Error(`评分模板无效：${result.errors.map((e) => `${e.path}: ${e.message}`).join('；')}`);
}
