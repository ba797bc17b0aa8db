import type { SummaryFilingInput } from './county-summary';
import { summarizeCounty } from './county-summary';

const filing = (code: string, over: Partial<SummaryFilingInput> = {}): SummaryFilingInput => ({
  unit: { code, name: `单位${code}` },
  status: 'draft',
  stated: { full: '100.00', executed: '95.00', totalScore: '95', gradeWord: '优秀' },
  computed: { full: null, totalScore: '95.00', grade: '优' },
  findings: [],
  ...over,
});

describe('summarizeCounty', () => {
  const summary = summarizeCounty({
    county: { code: '430423', name: '衡山县' },
    year: 2023,
    units: ['a', 'b', 'c', 'd'].map((code) => ({ code, name: `单位${code}` })),
    filings: [
      filing('a', { status: 'submitted', stated: { full: '557.70', executed: '557.70', totalScore: '98', gradeWord: '良好' }, computed: { full: null, totalScore: '99.17', grade: '优' }, findings: [{ ruleId: 'C01', severity: 'error' }, { ruleId: 'C02', severity: 'error' }, { ruleId: 'P05', severity: 'info' }] }),
      filing('b', { stated: { full: '200', executed: '150', totalScore: '96', gradeWord: '优' }, computed: { full: null, totalScore: '80.50', grade: '良' }, findings: [{ ruleId: 'P02', severity: 'warning' }] }),
      filing('c', { status: 'accepted', stated: { full: null, executed: '10', totalScore: null, gradeWord: null }, computed: { full: '12.00', totalScore: null, grade: null } }),
    ],
  });

  it('counts units and filings by state, with units that have no filing', () => {
    expect(summary.units).toBe(4);
    expect(summary.filings).toEqual({ none: 1, draft: 1, submitted: 1, accepted: 1, published: 0 });
  });

  it('adds budgets exactly (the stated 全年预算数, else the computed one) and gives the county rate', () => {
    // 557.70 + 200 + 12.00 = 769.70; 557.70 + 150 + 10 = 717.70; 717.70 / 769.70 = 93.2441…%
    expect(summary.budget).toEqual({ full: '769.70', executed: '717.70', rate: '93.24%' });
  });

  it('averages stated and suggested totals over the filings that have them', () => {
    expect(summary.scores).toEqual({ selfAverage: '97.00', computedAverage: '89.84' }); // (99.17 + 80.50) / 2 = 89.835
  });

  it('counts grades as stated (words mapped) and as computed', () => {
    expect(summary.grades.stated).toEqual({ 优: 1, 良: 1, 中: 0, 差: 0 });
    expect(summary.grades.computed).toEqual({ 优: 1, 良: 1, 中: 0, 差: 0 });
  });

  it('counts findings by severity and rule', () => {
    expect(summary.findings).toEqual({ bySeverity: { error: 2, warning: 1, info: 1 }, byRule: { C01: 1, C02: 1, P02: 1, P05: 1 } });
  });

  it('ranks by the gap between self and suggested score, then open errors; unknown gaps last', () => {
    expect(summary.ranking.map((r) => [r.unit.code, r.gap, r.openErrors])).toEqual([
      ['b', '15.50', 0], // 96 stated vs 80.50 suggested: the most inflated
      ['a', '-1.17', 2],
      ['c', null, 0],
    ]);
  });

  it('an empty county', () => {
    const empty = summarizeCounty({ county: { code: '430423', name: '衡山县' }, year: 2023, units: [], filings: [] });
    expect(empty.budget).toEqual({ full: '0.00', executed: '0.00', rate: 'n/a' });
    expect(empty.scores).toEqual({ selfAverage: null, computedAverage: null });
    expect(empty.ranking).toEqual([]);
  });
});
