import type { ScoringTemplate } from '../index';
import { DEFAULT_PARAMETERS, HUNAN_LEGACY_OVERALL_TEMPLATE, NATIONAL_DEFAULT_TEMPLATE, NATIONAL_TREE, SHIPPED_TEMPLATES, assertValidTemplate, shippedTemplate, validateTemplate } from '../index';

/** Templates are data: JSON in, precise errors out, each naming the JSON path of the bad node. */

const broken = (change: (t: ScoringTemplate & Record<string, unknown>) => void) => {
  const copy = structuredClone(HUNAN_LEGACY_OVERALL_TEMPLATE) as ScoringTemplate & Record<string, unknown>;
  change(copy);
  const result = validateTemplate(copy);
  return result.ok ? [] : result.errors;
};
type Any = any;

describe('the shipped templates', () => {
  it.each(SHIPPED_TEMPLATES.map((t) => [t.id, t]))('%s is valid, and valid again after a JSON round trip', (_id, template) => {
    expect(validateTemplate(template)).toEqual({ ok: true, template });
    expect(validateTemplate(JSON.parse(JSON.stringify(template)))).toMatchObject({ ok: true });
  });

  it('are found by id, and frozen', () => {
    expect(shippedTemplate('national-default')).toBe(NATIONAL_DEFAULT_TEMPLATE);
    expect(shippedTemplate('hunan-legacy-overall')).toBe(HUNAN_LEGACY_OVERALL_TEMPLATE);
    expect(shippedTemplate('sichuan')).toBeUndefined();
    expect(Object.isFrozen(NATIONAL_DEFAULT_TEMPLATE.trees.overall[0])).toBe(true);
  });
});

describe('the example of docs/scoring.md', () => {
  it('is valid (20 points of execution, a measure leaf)', () => {
    const example = {
      id: 'county-x',
      version: 1,
      name: '某县模板',
      basis: '…',
      parameters: structuredClone(DEFAULT_PARAMETERS),
      trees: {
        overall: [
          { kind: 'execution', id: 'execution', name: '预算执行率', weight: '20', method: { kind: 'proportional', full: '100', zeroBelow: '60' } },
          {
            kind: 'group',
            id: 'control',
            name: '成本控制',
            weight: '10',
            children: [
              {
                kind: 'measure',
                id: 'staff',
                name: '在职人员控制率',
                weight: '10',
                unit: '%',
                formula: { op: 'mul', args: [{ op: 'div', args: [{ figure: 'basic.staffing.actual' }, { figure: 'basic.staffing.authorized' }] }, { const: '100' }] },
                method: { kind: 'deduction', direction: 'above', threshold: '100', per: '1', points: '0.5', stepping: 'proportional' },
                whenMissing: 'manual',
                whenZeroDenominator: 'manual',
              },
            ],
          },
          { kind: 'filingIndicators', id: 'output', name: '产出指标', weight: '40', level1: 'output' },
          { kind: 'filingIndicators', id: 'benefit', name: '效益指标', weight: '20', level1: 'benefit' },
          { kind: 'filingIndicators', id: 'satisfaction', name: '满意度指标', weight: '10', level1: 'satisfaction' },
        ],
        project: structuredClone(NATIONAL_TREE),
      },
    };
    expect(validateTemplate(example)).toMatchObject({ ok: true });
  });
});

describe('errors name the bad node', () => {
  it.each<[string, (t: Any) => void, { path: string; message: RegExp }]>([
    ['a weight as a number', (t) => (t.trees.overall[0].weight = 20), { path: '$.trees.overall[0].weight', message: /^应为小数字符串 "20"，而不是数字 20$/ }],
    [
      'children that do not add up',
      (t) => (t.trees.overall[0].children[1].children[0].weight = '6'),
      { path: '$.trees.overall[0].children[1].children', message: /^子节点的分值合计为 15，与该组的分值 14 不符$/ },
    ],
    ['a tree that does not add up to 100', (t) => (t.trees.project[1].weight = '40'), { path: '$.trees.project', message: /^顶层节点的分值合计为 90，应为 100$/ }],
    ['an unknown kind', (t) => (t.trees.overall[2].kind = 'formula'), { path: '$.trees.overall[2].kind', message: /^应为 group、execution、filingIndicators、measure、manual 之一$/ }],
    ['an id used twice', (t) => (t.trees.overall[1].children[1].id = 'budgetExecution'), { path: '$.trees.overall[1].children[1].id', message: /^"budgetExecution" 在本评分树中重复使用$/ }],
    ['an id that is not an identifier', (t) => (t.trees.overall[3].id = '效果'), { path: '$.trees.overall[3].id', message: /^"效果" 不符合格式 / }],
    ['a 一级 group covered twice', (t) => (t.trees.project[3].level1 = 'benefit'), { path: '$.trees.project[3].level1', message: /^benefit 已由本评分树的另一个节点覆盖$/ }],
    ['an unknown 一级 group', (t) => (t.trees.project[1].level1 = 'outcome'), { path: '$.trees.project[1].level1', message: /^应为 output、benefit、satisfaction 之一$/ }],
    ['two execution nodes', (t) => (t.trees.project[1] = { ...t.trees.project[0], id: 'execution2', weight: '50' }), { path: '$.trees.project', message: /每棵评分树至多一个 execution 节点/ }],
    ['an empty group', (t) => (t.trees.overall[2].children = []), { path: '$.trees.overall[2].children', message: /group 节点应有子节点/ }],
    ['a key a node does not have', (t) => (t.trees.project[1].method = { kind: 'manual' }), { path: '$.trees.project[1].method', message: /^filingIndicators 节点没有 "method" 字段$/ }],
    [
      'a formula naming no figure path',
      (t) => (t.trees.overall[0].children[1].children[0].formula.args[0].args[1] = { figure: 'basic.staffing.budget' }),
      { path: '$.trees.overall[0].children[1].children[0].formula.args[0].args[1].figure', message: /^"basic\.staffing\.budget" 不是有效的数据路径：/ },
    ],
    ['a division with three arguments', (t) => t.trees.overall[0].children[1].children[0].formula.args[0].args.push({ const: '1' }), { path: '$.trees.overall[0].children[1].children[0].formula.args[0].args', message: /^div 需要恰好 2 个参数$/ }],
    ['a formula of no known shape', (t) => (t.trees.overall[0].children[1].children[0].formula = { sum: [] }), { path: '$.trees.overall[0].children[1].children[0].formula', message: /公式应为 \{figure\}、\{const\} 或 \{op, args\}/ }],
    ['an unknown policy', (t) => (t.trees.overall[1].children[0].children[2].whenMissing = 'ignore'), { path: '$.trees.overall[1].children[0].children[2].whenMissing', message: /^应为 manual、full、zero、notApplicable 之一$/ }],
    ['a deduction per 0', (t) => (t.trees.overall[1].children[0].children[0].method.per = '0'), { path: '$.trees.overall[1].children[0].children[0].method.per', message: /^应大于 0$/ }],
    ['steps that go down', (t) => (t.trees.overall[1].children[0].children[1].method.steps[2].upTo = '5'), { path: '$.trees.overall[1].children[0].children[1].method.steps[2].upTo', message: /分档应由低到高/ }],
    ['a step scoring above the weight', (t) => (t.trees.overall[1].children[0].children[1].method.steps[0].score = '6'), { path: '$.trees.overall[1].children[0].children[1].method.steps[0].score', message: /^应不大于 5$/ }],
    ['a last step with a bound', (t) => (t.trees.overall[1].children[0].children[1].method.steps[4].upTo = '100'), { path: '$.trees.overall[1].children[0].children[1].method.steps[4].upTo', message: /upTo 应为 null/ }],
    ['an unknown method', (t) => (t.trees.project[0].method = { kind: 'banded' }), { path: '$.trees.project[0].method.kind', message: /^应为 proportional、greaterEqual、lessEqual、equal、deduction、stepTable、manual 之一$/ }],
    ['grades not going down', (t) => (t.parameters.grades[1].min = '95'), { path: '$.parameters.grades[1].min', message: /从高到低/ }],
    ['grades not starting at 0', (t) => (t.parameters.grades[3].min = '10'), { path: '$.parameters.grades[3].min', message: /min 应为 0/ }],
    ['a grade twice', (t) => (t.parameters.grades[3].grade = '中'), { path: '$.parameters.grades[3].grade', message: /^等级 中 出现了两次$/ }],
    ['tiers upside down', (t) => (t.parameters.indicators.qualitative.partial = '0.9'), { path: '$.parameters.indicators.qualitative.partial', message: /^应小于 achieved$/ }],
    ['a rounding of 2.5 decimals', (t) => (t.parameters.rounding.decimals = 2.5), { path: '$.parameters.rounding.decimals', message: /^应为 0 到 6 之间的整数$/ }],
    ['an unknown anomaly threshold', (t) => (t.parameters.anomalies.P99 = '1'), { path: '$.parameters.anomalies.P99', message: /^未知的阈值$/ }],
    ['a missing anomaly threshold', (t) => delete t.parameters.anomalies.S01RobustZ, { path: '$.parameters.anomalies.S01RobustZ', message: /^应为小数字符串，如 "10" 或 "12\.5"$/ }],
    ['an over-achievement not above 100%', (t) => (t.parameters.deviation.overAchievement = '100'), { path: '$.parameters.deviation.overAchievement', message: /^应大于 100$/ }],
    ['a version 0', (t) => (t.version = 0), { path: '$.version', message: /^应为正整数$/ }],
    ['an id with capitals', (t) => (t.id = 'Hunan'), { path: '$.id', message: /^"Hunan" 不符合格式 / }],
    ['a third tree', (t) => (t.trees.county = []), { path: '$.trees.county', message: /^未知的评分树（只能是 overall 或 project）$/ }],
  ])('%s', (_what, change, expected) => {
    expect(broken(change)).toEqual([{ path: expected.path, message: expect.stringMatching(expected.message) }]);
  });

  it('not an object at all', () => {
    expect(validateTemplate(null)).toEqual({ ok: false, errors: [{ path: '$', message: '应为 JSON 对象' }] });
    expect(validateTemplate([])).toEqual({ ok: false, errors: [{ path: '$', message: '应为 JSON 对象' }] });
  });

  it('every problem at once', () => {
    const errors = broken((t: Any) => {
      t.trees.overall = [];
      t.parameters.totalWeight = '0';
    });
    expect(errors.map((e) => e.path)).toEqual(['$.parameters.totalWeight', '$.trees.overall']);
  });

  it('assertValidTemplate throws them, joined', () => {
    const copy: Any = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    copy.trees.overall[0].weight = '11';
    expect(() => assertValidTemplate(copy)).toThrow('评分模板无效：$.trees.overall: 顶层节点的分值合计为 101，应为 100');
  });
});
