import { fold } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { scoreFiling } from '../scoring/score-filing';
import type { HistoryEvent } from './a-rules';
import { checkHistory } from './a-rules';
import { hengshanCommands } from './c-rules.spec-support';
import type { CountyFilingInput } from './s-rules';
import { checkCounty, indicatorSetOf, selfScoreGapOf } from './s-rules';
import { COUNTY, IMPORT, REVIEWER, RETURN, SUBMIT, county, play, set } from './sa.spec-support';

/**
 * Groups S and A on the real document (test/fixtures/hengshan-2023-self-evaluation.txt), built through
 * commands as the importer records it: as one unit among a county's twelve, and as an imported history that
 * is submitted, returned for its 总分 (C01: the items add up to 108, the 总分 row prints 98) and corrected.
 */

const history = play(
  [],
  { command: { type: 'OpenFiling', countyCode: COUNTY, unitCode: 'wgzx', year: 2023 }, at: '2024-03-01T01:00:00.000Z', source: IMPORT },
  ...hengshanCommands().map((command) => ({ command, at: '2024-03-01T01:00:00.000Z', source: IMPORT })),
);
const state = scoreInput(history);

function scoreInput(events: HistoryEvent[]): CountyFilingInput {
  const s = fold(events);
  return { unit: { code: 'wgzx', name: '衡山县社会治理和网格化信息中心' }, state: s, score: scoreFiling(s, NATIONAL_DEFAULT_TEMPLATE), template: NATIONAL_DEFAULT_TEMPLATE };
}

describe('the Hengshan 2023 self-evaluation in its county', () => {
  it('states 98 where the platform computes 99.17: a gap of −1.17, and nine distinct indicators over its three tables', () => {
    expect(selfScoreGapOf(state)).toMatchObject({ scaled: false });
    expect(selfScoreGapOf(state)?.gap.toString()).toBe('-1.17');
    expect(indicatorSetOf(state.state).keys.size).toBe(9);
  });

  it('among eleven ordinary units: no S finding (z = −2.4 for its gap, its 100% execution within the spread)', () => {
    const filings = [...county(undefined, 11), state];
    expect(checkCounty({ filings })).toEqual([]);
  });

  it('a second unit that imported the same document\'s indicators: S03 on both', () => {
    const twin = scoreInput(play([], { command: { type: 'OpenFiling', countyCode: COUNTY, unitCode: 'twin', year: 2023 }, at: '2024-03-02T01:00:00.000Z' }, ...hengshanCommands().map((command) => ({ command, at: '2024-03-02T01:00:00.000Z', source: IMPORT }))));
    const filings = [...county(undefined, 10), state, { ...twin, unit: { code: 'twin', name: '某县网格中心' } }];
    expect(checkCounty({ filings }).map((f) => [f.unitCode, f.ruleId, f.actual])).toEqual([
      ['wgzx', 'S03', '1.00'],
      ['twin', 'S03', '1.00'],
    ]);
  });
});

describe('the Hengshan 2023 self-evaluation\'s history', () => {
  const input = (events: HistoryEvent[]) => ({ events, deadline: '2024-03-31', template: NATIONAL_DEFAULT_TEMPLATE });

  it('imported and submitted: no A finding (its stated adjustment has a reason; imports are never A02\'s)', () => {
    expect(checkHistory(input(play(history, { command: SUBMIT, at: '2024-03-01T02:00:00.000Z' })))).toEqual([]);
  });

  it('returned for its 总分 and corrected to 108 with a reason: A01 lists the change, A04 flags the raise for the reviewer', () => {
    const corrected = play(
      history,
      { command: SUBMIT, at: '2024-03-01T02:00:00.000Z' },
      { command: RETURN('总分与各项得分合计不符', 'overall.total.score'), at: '2024-03-05T02:00:00.000Z', actor: REVIEWER, source: 'api' },
      { command: set('overall.total.score', '108'), at: '2024-03-06T02:00:00.000Z', reason: '按各项得分合计更正总分' },
    );
    const found = checkHistory(input(corrected));
    expect(found.map((f) => [f.ruleId, f.severity, f.table, f.paths[0], f.expected, f.actual])).toEqual([
      ['A01', 'info', 'overall', 'overall.total.score', null, null],
      ['A04', 'warning', 'overall', 'overall.total.score', '98.00', '108.00'],
    ]);
    expect(found[1].message).toContain('由 98 分提高到 108 分');
    expect(found[1].message).toContain('修改原因：“按各项得分合计更正总分”）；退回意见：“总分与各项得分合计不符”');
  });
});
