import type { RoundEvent } from './round';
import { decideRound, decideTemplate, evolveRound, evolveTemplate, initialRoundState, initialTemplateState, parseTemplateRef, RoundError, templateRef } from './round';

const ok = () => [];
const errorOf = (fn: () => unknown): RoundError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RoundError);
    return error as RoundError;
  }
  throw new Error('expected a RoundError');
};

describe('templates: every version an event', () => {
  const definition = { forms: { overall: [{ key: 'execution', weight: '10' }] } };
  const first = decideTemplate({ type: 'PublishTemplate', templateId: 'county-2024', name: '2024 年模板', definition }, initialTemplateState(), ok);

  it('publishes version 1, then version 2 on a changed definition', () => {
    expect(first).toEqual([{ type: 'TemplatePublished', data: { templateId: 'county-2024', version: 1, name: '2024 年模板', definition, note: null } }]);
    const state = first.reduce(evolveTemplate, initialTemplateState());
    const changed = { forms: { overall: [{ key: 'execution', weight: '20' }] } };
    const second = decideTemplate({ type: 'PublishTemplate', templateId: 'county-2024', name: '2024 年模板', definition: changed, note: '执行率 20 分' }, state, ok);
    expect(second).toEqual([{ type: 'TemplatePublished', data: { templateId: 'county-2024', version: 2, name: '2024 年模板', definition: changed, note: '执行率 20 分' } }]);
    const after = second.reduce(evolveTemplate, state);
    expect(after.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(after.versions[0].definition).toEqual(definition); // version 1 stays as it was
  });

  it('adds nothing when the definition and name equal the latest version, whatever the key order', () => {
    const state = first.reduce(evolveTemplate, initialTemplateState());
    expect(decideTemplate({ type: 'PublishTemplate', templateId: 'county-2024', name: '2024 年模板', definition: structuredClone(definition) }, state, ok)).toEqual([]);
    const reordered = { forms: { overall: [{ weight: '10', key: 'execution' }] } };
    expect(decideTemplate({ type: 'PublishTemplate', templateId: 'county-2024', name: '2024 年模板', definition: reordered }, state, ok)).toEqual([]);
    const changedOrder = { forms: { overall: [{ key: 'execution', weight: '10' }, { key: 'x', weight: '0' }] } };
    expect(decideTemplate({ type: 'PublishTemplate', templateId: 'county-2024', name: '2024 年模板', definition: changedOrder }, state, ok)).toHaveLength(1);
  });

  it('refuses a definition the validator rejects, naming its problems', () => {
    const error = errorOf(() => decideTemplate({ type: 'PublishTemplate', templateId: 'x', name: 'x', definition: {} }, initialTemplateState(), () => ['forms.overall: 缺失']));
    expect(error).toMatchObject({ code: 'invalid-template', field: 'definition' });
    expect(error.message).toContain('forms.overall: 缺失');
  });

  it.each([['Bad Id'], [''], ['-x'], ['a'.repeat(64)]])('refuses the template id %j', (templateId) => {
    expect(errorOf(() => decideTemplate({ type: 'PublishTemplate', templateId, name: 'x', definition: {} }, initialTemplateState(), ok))).toMatchObject({ code: 'invalid-field', field: 'templateId' });
  });

  it('parses and prints template references', () => {
    expect(parseTemplateRef('national-default@2')).toEqual({ templateId: 'national-default', version: 2 });
    expect(parseTemplateRef('national-default')).toEqual({ templateId: 'national-default', version: null });
    expect(templateRef('hunan-legacy-overall', 3)).toBe('hunan-legacy-overall@3');
    for (const bad of ['x@0', 'x@', 'X', 'x@1.5', '@1']) expect(errorOf(() => parseTemplateRef(bad)).code).toBe('invalid-template-ref');
  });
});

describe('rounds', () => {
  const open = { type: 'OpenRound', countyCode: '430423', year: 2024, deadline: '2025-06-30', templateId: 'national-default', templateVersion: 1 } as const;
  const opened = decideRound(open, initialRoundState());
  const state = opened.reduce(evolveRound, initialRoundState());

  it('opens a round with its deadline and template version', () => {
    expect(opened).toEqual([{ type: 'RoundOpened', data: { countyCode: '430423', year: 2024, deadline: '2025-06-30', templateId: 'national-default', templateVersion: 1 } }]);
    expect(state).toMatchObject({ opened: true, templateId: 'national-default', templateVersion: 1 });
  });

  it('refuses to open twice, and bad dates, years and counties', () => {
    expect(errorOf(() => decideRound(open, state)).code).toBe('round-exists');
    for (const deadline of ['2025-02-30', '2025/06/30', '', '20250630']) expect(errorOf(() => decideRound({ ...open, deadline }, initialRoundState())).field).toBe('deadline');
    expect(errorOf(() => decideRound({ ...open, year: 1999 }, initialRoundState())).field).toBe('year');
    expect(errorOf(() => decideRound({ ...open, countyCode: '4304' }, initialRoundState())).field).toBe('county');
  });

  it('changes the template (an event naming both versions) and the deadline', () => {
    const changed = decideRound({ type: 'ChangeRoundTemplate', templateId: 'national-default', templateVersion: 2 }, state);
    expect(changed).toEqual([{ type: 'RoundTemplateChanged', data: { from: { templateId: 'national-default', templateVersion: 1 }, to: { templateId: 'national-default', templateVersion: 2 } } }]);
    expect(changed.reduce(evolveRound, state).templateVersion).toBe(2);
    expect(decideRound({ type: 'ChangeRoundTemplate', templateId: 'national-default', templateVersion: 1 }, state)).toEqual([]);
    const deadline: RoundEvent[] = decideRound({ type: 'ChangeRoundDeadline', deadline: '2025-07-15' }, state);
    expect(deadline).toEqual([{ type: 'RoundDeadlineChanged', data: { from: '2025-06-30', to: '2025-07-15' } }]);
    expect(errorOf(() => decideRound({ type: 'ChangeRoundDeadline', deadline: '2025-07-15' }, initialRoundState())).code).toBe('round-not-found');
  });
});
