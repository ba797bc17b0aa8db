import { JOB_NAMES } from '@app/shared';
import { handlerTable, JobHandler } from './job-handlers';

const handler = (name: string): JobHandler => ({ name, run: async () => undefined }) as unknown as JobHandler;

describe('the boot-time check of job handlers', () => {
  it('accepts exactly one handler per job name', () => {
    expect([...handlerTable(JOB_NAMES.map(handler)).keys()].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('refuses a job name without a handler', () => {
    expect(() => handlerTable(JOB_NAMES.filter((n) => n !== 'scan-filing').map(handler))).toThrow('no handler for "scan-filing"');
  });

  it('refuses two handlers for one job name', () => {
    expect(() => handlerTable([...JOB_NAMES.map(handler), handler('seal-log')])).toThrow('two handlers for "seal-log"');
  });

  it('refuses a handler for a job that does not exist', () => {
    expect(() => handlerTable([...JOB_NAMES.map(handler), handler('export-pdf')])).toThrow('"export-pdf", which is not a job name');
  });
});
