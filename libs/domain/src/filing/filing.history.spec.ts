import type { FilingCommand, FilingEvent } from '../index';
import { decide, figureHistory, fold } from '../index';

/** Acceptance: renaming a project keeps the history of its figures under the new name. */
function play(...commands: FilingCommand[]): FilingEvent[] {
  const events: FilingEvent[] = [];
  for (const command of commands) events.push(...decide(command, fold(events)));
  return events;
}
const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });

describe('figureHistory', () => {
  const events = play(
    { type: 'OpenFiling', countyCode: '430423', unitCode: 'hszx', year: 2023 },
    { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: '业务工作经费' },
    set('project:业务经费.budget.initial', '3.5'),
    set('basic.expense.project:业务工作经费.budget', '109.77'),
    set('project:业务经费.indicators.output.quantity.管理制度日趋完善.score', '12'),
    { type: 'RenameProject', part: 'table', from: '业务经费', to: '业务工作经费' },
    set('project:业务工作经费.indicators.output.quantity.管理制度日趋完善.score', '11'),
    { type: 'RenameProject', part: 'line', from: '业务工作经费', to: '业务经费（附件一）' },
    set('overall.budget.initial', '81.51'),
  );
  const history = figureHistory(events);

  it('keeps a renamed project\'s changes under its new name, each with the name it had then', () => {
    const score = history.get('project:业务工作经费.indicators.output.quantity.管理制度日趋完善.score');
    expect(score?.map((c) => [c.type, c.pathThen, c.previous, c.value])).toEqual([
      ['SelfScoreEntered', 'project:业务经费.indicators.output.quantity.管理制度日趋完善.score', null, '12'],
      ['SelfScoreCorrected', 'project:业务工作经费.indicators.output.quantity.管理制度日趋完善.score', '12', '11'],
    ]);
    expect(history.get('project:业务工作经费.budget.initial')?.map((c) => c.value)).toEqual(['3.5']);
    expect(history.get('basic.expense.project:业务经费（附件一）.budget')?.map((c) => [c.pathThen, c.value])).toEqual([
      ['basic.expense.project:业务工作经费.budget', '109.77'],
    ]);
    // no history is left under the old names
    expect(history.has('project:业务经费.budget.initial')).toBe(false);
    expect(history.has('basic.expense.project:业务工作经费.budget')).toBe(false);
  });

  it('points at the events in stream order', () => {
    const initial = history.get('overall.budget.initial')!;
    expect(initial).toHaveLength(1);
    expect(events[initial[0].index].type).toBe('InitialBudgetSet');
  });

  it('keeps a removed project\'s history under its last name, ending in the removal', () => {
    const removed = figureHistory([...events, ...decide({ type: 'RemoveProject', name: '业务工作经费' }, fold(events))]);
    expect(removed.get('project:业务工作经费.budget.initial')?.map((c) => [c.type, c.value])).toEqual([
      ['InitialBudgetSet', '3.5'],
      ['ProjectRemoved', null],
    ]);
  });
});
