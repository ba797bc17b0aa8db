import type { PoolClient } from 'pg';
import type { StoredEvent } from '@app/event-store';
import type { JobRequest } from '@app/shared';
import { JobReactor } from './job-reactor.projection';

const event = (streamId: string, version: number): StoredEvent => ({ streamId, version }) as StoredEvent;
/** Only `countyYears` queries the transaction: the years a county has. */
const tx = { query: async () => ({ rows: [{ year: 2023 }, { year: 2024 }] }) } as unknown as PoolClient;

async function jobsFor(events: StoredEvent[]): Promise<string[]> {
  const added: JobRequest[] = [];
  await new JobReactor({ addBulk: async (jobs) => void added.push(...jobs) }).handle(events, tx);
  return added.map((j) => j.jobId).sort();
}

describe('the job reactor', () => {
  it("turns a filing's change into its summary, county scan and history scan, for the stream's last version in the batch", async () => {
    expect(await jobsFor([event('filing-430423-U0001-2024', 7), event('filing-430423-U0001-2024', 8)])).toEqual([
      'county-summary_430423_2024_filing-430423-U0001-2024_v8',
      'scan-county_430423_2024_filing-430423-U0001-2024_v8',
      'scan-filing_430423_U0001_2024_v8',
    ]);
  });

  it('recomputes only the summary for a findings change', async () => {
    expect(await jobsFor([event('findings-430423-U0002-2024', 3)])).toEqual(['county-summary_430423_2024_findings-430423-U0002-2024_v3']);
  });

  it("recomputes each of the county's years for a unit's change, and a round's year for a round's", async () => {
    expect(await jobsFor([event('unit-430423-U0003', 2), event('round-430423-2024', 1)])).toEqual([
      'county-summary_430423_2023_unit-430423-U0003_v2',
      'county-summary_430423_2024_round-430423-2024_v1',
      'county-summary_430423_2024_unit-430423-U0003_v2',
      'scan-county_430423_2024_round-430423-2024_v1',
    ]);
  });

  it('enqueues nothing for other streams, and reports a failed enqueue as transient (the cursor stays)', async () => {
    expect(await jobsFor([event('template-national-default', 1), event('county-430423', 1)])).toEqual([]);
    const failing = new JobReactor({ addBulk: async () => Promise.reject(new Error('Connection is closed.')) });
    await expect(failing.handle([event('filing-430423-U0001-2024', 1)], tx)).rejects.toMatchObject({ name: 'TransientProjectionError', transient: true });
  });

  it('builds ids bullmq accepts (no colon) that differ by version', async () => {
    const [a, b] = [await jobsFor([event('filing-430423-U0001-2024', 1)]), await jobsFor([event('filing-430423-U0001-2024', 2)])];
    for (const id of [...a, ...b]) expect(id).not.toContain(':');
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });
});
