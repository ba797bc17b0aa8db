import { Test } from '@nestjs/testing';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { AppConfigModule, loadConfig } from '@app/shared';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { ApplicationModule, ExecuteFilingCommand, GetFilingViewQuery, ListUnitsQuery, RegisterCountyCommand, RegisterUnitCommand } from './application.cqrs';
import type { CommandContext } from './command-context';

/** The command and query buses reach the same handlers, against the real PostgreSQL, as the app role. */
describe('ApplicationModule on the CQRS buses', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cqrs');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('registers a county and a unit, edits a filing and reads its view back', async () => {
    const config = loadConfig({ DATABASE_URL: db.url, DATABASE_APP_ROLE: 'perfledger_app' }, { redis: false });
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule.forRoot(config), EventStoreModule, ApplicationModule] }).compile();
    await moduleRef.init();
    try {
      const commands = moduleRef.get(CommandBus);
      const queries = moduleRef.get(QueryBus);
      const ctx: CommandContext = { actor: { userId: 'u1', role: 'bureau_admin' }, source: 'api', reason: 'test' };
      await commands.execute(new RegisterCountyCommand('430423', '衡山县', ctx));
      await commands.execute(new RegisterUnitCommand({ countyCode: '430423', code: 'a1', name: '甲单位' }, ctx));
      const ref = { countyCode: '430423', unitCode: 'a1', year: 2023 };
      const result = await commands.execute(new ExecuteFilingCommand(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '12.5' }, ctx, { open: true }));
      expect(result.version).toBe(2);
      const view = await queries.execute(new GetFilingViewQuery(ref));
      expect(view.figures).toEqual({ 'overall.budget.initial': '12.5' });
      expect(view.computed['overall.budget.full']).toBe('12.50');
      const units = await queries.execute(new ListUnitsQuery('430423'));
      expect(units.map((u: { code: string }) => u.code)).toEqual(['a1']);
    } finally {
      await moduleRef.close();
    }
  });
});
