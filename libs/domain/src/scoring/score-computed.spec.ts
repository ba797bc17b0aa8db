import type { FilingCommand, FilingEvent } from '../index';
import { decide, fold, NATIONAL_DEFAULT_TEMPLATE, scoreComputed, scoreFiling } from '../index';

function play(...commands: FilingCommand[]): FilingEvent[] {
  const events: FilingEvent[] = [];
  for (const c of commands) events.push(...decide(c, fold(events)));
  return events;
}
const open: FilingCommand = { type: 'OpenFiling', countyCode: '430423', unitCode: 'a1', year: 2023 };

describe('scoreComputed', () => {
  it('suggests no total and no grade for a table with nothing scored (a filing just opened)', () => {
    const computed = scoreComputed(scoreFiling(fold(play(open, { type: 'SetFigure', path: 'basic.staffing.actual', value: '7' })), NATIONAL_DEFAULT_TEMPLATE));
    expect(computed['overall.total.score']).toBeUndefined();
    expect(computed['overall.total.grade']).toBeUndefined();
  });

  it('suggests a total and a grade once something is scored', () => {
    const state = fold(
      play(open, {
        type: 'RecordFigures',
        figures: [
          { path: 'overall.budget.full', value: '100' },
          { path: 'overall.budget.executed', value: '100' },
          { path: 'overall.budget.weight', value: '10' },
          { path: 'overall.indicators.output.quantity.培训人次.target', value: '≥50人次' },
          { path: 'overall.indicators.output.quantity.培训人次.actual', value: '60人次' },
          { path: 'overall.indicators.output.quantity.培训人次.weight', value: '50' },
        ],
      }),
    );
    const computed = scoreComputed(scoreFiling(state, NATIONAL_DEFAULT_TEMPLATE));
    expect(computed['overall.budget.score']).toBe('10.00');
    expect(computed['overall.total.score']).toMatch(/^\d+\.\d{2}$/u);
    expect(computed['overall.total.grade']).toMatch(/^[优良中差]$/u);
  });
});
