import type { CountyCommand, CountyEvent, CountyState, UnitCommand, UnitEvent, UnitState } from '../index';
import {
  UnitError,
  countyStreamId,
  decideCounty,
  decideUnit,
  evolveCounty,
  evolveUnit,
  filingStreamId,
  initialCountyState,
  initialUnitState,
  unitStreamId,
} from '../index';

/** Counties and units: given(events) → when(command) → then(events | error with the field it names). */

interface Expectation {
  code: string;
  kind?: UnitError['kind'];
  field?: string;
  says?: string[];
}

function errorOf(run: () => unknown): UnitError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitError) return error;
    throw error;
  }
  throw new Error('expected a UnitError, but the command was accepted');
}

function expectError(error: UnitError, expected: Expectation): void {
  expect(error.code).toBe(expected.code);
  if (expected.kind) expect(error.kind).toBe(expected.kind);
  expect(error.field).toBe(expected.field);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/u);
  expect(error.messageEn).toMatch(/[a-z]/u);
  for (const fragment of expected.says ?? []) expect(error.message).toContain(fragment);
}

const county = (...history: CountyEvent[]) => {
  const state = history.reduce(evolveCounty, initialCountyState());
  return {
    when: (command: CountyCommand) => ({
      then(expected: CountyEvent[]): CountyState {
        const events = decideCounty(command, state);
        expect(events).toEqual(expected);
        return events.reduce(evolveCounty, state);
      },
      thenError: (expected: Expectation) => expectError(errorOf(() => decideCounty(command, state)), expected),
    }),
  };
};

const unit = (...history: UnitEvent[]) => {
  const state = history.reduce(evolveUnit, initialUnitState());
  return {
    when: (command: UnitCommand) => ({
      then(expected: UnitEvent[]): UnitState {
        const events = decideUnit(command, state);
        expect(events).toEqual(expected);
        return events.reduce(evolveUnit, state);
      },
      thenError: (expected: Expectation) => expectError(errorOf(() => decideUnit(command, state)), expected),
    }),
  };
};

const HENGSHAN: CountyEvent = { type: 'CountyRegistered', data: { code: '430423', name: '衡山县' } };
const CENTRE: UnitEvent = {
  type: 'UnitRegistered',
  data: { countyCode: '430423', code: 'wgzx', name: '衡山县社会治理和网格化信息中心', supervisingDepartment: '中共衡山县委政法委员会', kind: 'institution' },
};
const register = (overrides: Partial<Extract<UnitCommand, { type: 'RegisterUnit' }>> = {}): UnitCommand => ({
  type: 'RegisterUnit',
  countyCode: '430423',
  code: 'wgzx',
  name: '衡山县社会治理和网格化信息中心',
  supervisingDepartment: '中共衡山县委政法委员会',
  kind: '事业单位',
  ...overrides,
});

describe('counties', () => {
  it('registers a county with a collapsed, trimmed name', () => {
    const state = county()
      .when({ type: 'RegisterCounty', code: '430423', name: '  衡山县 \n ' })
      .then([HENGSHAN]);
    expect(state).toEqual({ registered: true, code: '430423', name: '衡山县' });
  });

  it.each(['430423001', '430423001001'])('accepts a township or village code %s', (code) => {
    county().when({ type: 'RegisterCounty', code, name: '开云镇' }).then([{ type: 'CountyRegistered', data: { code, name: '开云镇' } }]);
  });

  it.each(['43042', '4304231', '4304230011', 'abcdef', '', ' 430423', '４３０４２３'])('refuses the code %j', (code) => {
    county().when({ type: 'RegisterCounty', code, name: '衡山县' }).thenError({ code: 'invalid-field', kind: 'InvalidInput', field: 'code', says: ['6 位数字'] });
  });

  it('refuses an empty or too long name', () => {
    county().when({ type: 'RegisterCounty', code: '430423', name: ' \t ' }).thenError({ code: 'invalid-field', field: 'name', says: ['不能为空'] });
    county().when({ type: 'RegisterCounty', code: '430423', name: '县'.repeat(201) }).thenError({ code: 'invalid-field', field: 'name', says: ['200'] });
    county().when({ type: 'RegisterCounty', code: '430423', name: '县'.repeat(200) }).then([{ type: 'CountyRegistered', data: { code: '430423', name: '县'.repeat(200) } }]);
  });

  it('registering the same county again is no change; under another name it is refused', () => {
    county(HENGSHAN).when({ type: 'RegisterCounty', code: '430423', name: '衡山县' }).then([]);
    county(HENGSHAN).when({ type: 'RegisterCounty', code: '430423', name: '衡东县' }).thenError({ code: 'county-exists', kind: 'Conflict', field: 'code', says: ['“衡山县”'] });
  });

  it('renames a county', () => {
    const state = county(HENGSHAN)
      .when({ type: 'RenameCounty', name: '衡山县（新）' })
      .then([{ type: 'CountyRenamed', data: { from: '衡山县', to: '衡山县（新）' } }]);
    expect(state).toEqual({ registered: true, code: '430423', name: '衡山县（新）' });
  });

  it('renaming to the same name is no change', () => {
    county(HENGSHAN).when({ type: 'RenameCounty', name: ' 衡山县 ' }).then([]);
  });

  it('refuses to rename an unknown county or to an empty name', () => {
    county().when({ type: 'RenameCounty', name: '衡山县' }).thenError({ code: 'county-not-found', kind: 'NotFound', field: undefined });
    county(HENGSHAN).when({ type: 'RenameCounty', name: '' }).thenError({ code: 'invalid-field', field: 'name' });
  });
});

describe('units', () => {
  it('registers a unit; 事业单位 is an institution', () => {
    const state = unit().when(register()).then([CENTRE]);
    expect(state).toEqual({ registered: true, ...CENTRE.data });
  });

  it.each([
    ['administrative', 'administrative'],
    ['行政', 'administrative'],
    ['行政单位', 'administrative'],
    [' 事业 ', 'institution'],
    ['institution', 'institution'],
  ] as const)('the kind %j is %s', (word, kind) => {
    unit()
      .when(register({ kind: word }))
      .then([{ type: 'UnitRegistered', data: { ...CENTRE.data, kind } }]);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
  ])('a supervising department that is %s is null', (_what, supervisingDepartment) => {
    unit()
      .when(register({ supervisingDepartment }))
      .then([{ type: 'UnitRegistered', data: { ...CENTRE.data, supervisingDepartment: null } }]);
  });

  it('the codes at their limits', () => {
    const code = `A${'b'.repeat(38)}_`;
    unit()
      .when(register({ code }))
      .then([{ type: 'UnitRegistered', data: { ...CENTRE.data, code } }]);
    unit()
      .when(register({ code: '0-9_z' }))
      .then([{ type: 'UnitRegistered', data: { ...CENTRE.data, code: '0-9_z' } }]);
  });

  it.each(['', 'wg zx', '-wgzx', '_wgzx', '网格中心', 'wg.zx', `a${'b'.repeat(40)}`])('refuses the unit code %j (field code)', (code) => {
    unit()
      .when(register({ code }))
      .thenError({ code: 'invalid-field', kind: 'InvalidInput', field: 'code', says: ['单位编码'] });
  });

  it.each(['43042', 'hengshan', ''])('refuses the county code %j (field county)', (countyCode) => {
    unit()
      .when(register({ countyCode }))
      .thenError({ code: 'invalid-field', field: 'county', says: ['行政区划代码'] });
  });

  it('refuses an empty or too long name (field name)', () => {
    unit().when(register({ name: '  ' })).thenError({ code: 'invalid-field', field: 'name', says: ['单位名称不能为空'] });
    unit()
      .when(register({ name: '中'.repeat(201) }))
      .thenError({ code: 'invalid-field', field: 'name' });
  });

  it('refuses a too long supervising department (field supervisingDepartment)', () => {
    unit()
      .when(register({ supervisingDepartment: '委'.repeat(201) }))
      .thenError({ code: 'invalid-field', field: 'supervisingDepartment', says: ['主管部门'] });
  });

  it.each([['企业'], ['constructor'], ['toString'], ['']])('refuses the kind %j (field kind)', (kind) => {
    unit()
      .when(register({ kind }))
      .thenError({ code: 'invalid-field', field: 'kind', says: ['“行政”或“事业”'] });
  });

  it('refuses a missing kind (a request without the field) as invalid, not with a crash', () => {
    unit()
      .when(register({ kind: undefined as unknown as string }))
      .thenError({ code: 'invalid-field', field: 'kind' });
  });

  it('registering the same unit again is no change', () => {
    unit(CENTRE).when(register({ name: ' 衡山县社会治理和网格化信息中心 ', kind: 'institution' })).then([]);
  });

  it.each([
    ['another name', { name: '衡山县财政局' }],
    ['another kind', { kind: '行政' }],
    ['another supervising department', { supervisingDepartment: null }],
    ['another county', { countyCode: '430424' }],
  ])('refuses to register a used code with %s', (_what, overrides) => {
    unit(CENTRE)
      .when(register(overrides))
      .thenError({ code: 'unit-exists', kind: 'Conflict', field: 'code', says: ['wgzx', '“衡山县社会治理和网格化信息中心”'] });
  });

  describe('UpdateUnit', () => {
    it('refuses an unknown unit', () => {
      unit().when({ type: 'UpdateUnit', name: 'x' }).thenError({ code: 'unit-not-found', kind: 'NotFound', field: undefined });
    });

    it('renames', () => {
      const state = unit(CENTRE)
        .when({ type: 'UpdateUnit', name: '衡山县社会治理中心' })
        .then([{ type: 'UnitRenamed', data: { from: '衡山县社会治理和网格化信息中心', to: '衡山县社会治理中心' } }]);
      expect(state.name).toBe('衡山县社会治理中心');
    });

    it('changes and clears the supervising department (null, empty or blank)', () => {
      const state = unit(CENTRE)
        .when({ type: 'UpdateUnit', supervisingDepartment: '衡山县委' })
        .then([{ type: 'UnitSupervisingDepartmentChanged', data: { from: '中共衡山县委政法委员会', to: '衡山县委' } }]);
      expect(state.supervisingDepartment).toBe('衡山县委');
      unit(CENTRE)
        .when({ type: 'UpdateUnit', supervisingDepartment: null })
        .then([{ type: 'UnitSupervisingDepartmentChanged', data: { from: '中共衡山县委政法委员会', to: null } }]);
      for (const blank of ['', ' \t ']) {
        unit(CENTRE)
          .when({ type: 'UpdateUnit', supervisingDepartment: blank })
          .then([{ type: 'UnitSupervisingDepartmentChanged', data: { from: '中共衡山县委政法委员会', to: null } }]);
      }
    });

    it('changes the kind', () => {
      const state = unit(CENTRE)
        .when({ type: 'UpdateUnit', kind: '行政单位' })
        .then([{ type: 'UnitKindChanged', data: { from: 'institution', to: 'administrative' } }]);
      expect(state.kind).toBe('administrative');
    });

    it('several changes in one command, in order', () => {
      const state = unit(CENTRE)
        .when({ type: 'UpdateUnit', name: '衡山县社会治理中心', supervisingDepartment: '衡山县委', kind: 'administrative' })
        .then([
          { type: 'UnitRenamed', data: { from: '衡山县社会治理和网格化信息中心', to: '衡山县社会治理中心' } },
          { type: 'UnitSupervisingDepartmentChanged', data: { from: '中共衡山县委政法委员会', to: '衡山县委' } },
          { type: 'UnitKindChanged', data: { from: 'institution', to: 'administrative' } },
        ]);
      expect(state).toEqual({ registered: true, countyCode: '430423', code: 'wgzx', name: '衡山县社会治理中心', supervisingDepartment: '衡山县委', kind: 'administrative' });
    });

    it.each([
      ['nothing given', {}],
      ['the same name', { name: '衡山县社会治理和网格化信息中心' }],
      ['the same name, spaced', { name: '  衡山县社会治理和网格化信息中心 ' }],
      ['the same department', { supervisingDepartment: '中共衡山县委政法委员会' }],
      ['the same kind in other words', { kind: '事业' }],
      ['everything the same', { name: '衡山县社会治理和网格化信息中心', supervisingDepartment: '中共衡山县委政法委员会', kind: 'institution' }],
    ])('is no change with %s', (_what, update) => {
      unit(CENTRE)
        .when({ type: 'UpdateUnit', ...update })
        .then([]);
    });

    it('refuses an empty name or an unknown kind, and records nothing of the command', () => {
      unit(CENTRE).when({ type: 'UpdateUnit', name: ' ', kind: '行政' }).thenError({ code: 'invalid-field', field: 'name' });
      unit(CENTRE).when({ type: 'UpdateUnit', name: '衡山县社会治理中心', kind: '社团' }).thenError({ code: 'invalid-field', field: 'kind' });
    });
  });
});

describe('stream ids', () => {
  it('name the county, the unit in its county, and the filing of a unit and year', () => {
    expect(countyStreamId('430423')).toBe('county-430423');
    expect(unitStreamId('430423', 'wgzx')).toBe('unit-430423-wgzx');
    expect(filingStreamId('430423', 'wgzx', 2023)).toBe('filing-430423-wgzx-2023');
  });
});
