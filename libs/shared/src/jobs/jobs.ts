/**
 * The background jobs: one queue, a closed set of job names, their payloads and their ids.
 * Ids are deterministic and built with `_` (bullmq 6.7 rejects most ids with `:`), and carry the
 * version of the stream that caused them, so a re-enqueued duplicate runs once while a later change
 * still gets its own job.
 */
export const JOBS_QUEUE = 'perfledger-jobs';

export const JOB_NAMES = ['recompute-county-summary', 'scan-county', 'scan-filing', 'nightly-rescan', 'seal-log'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** The stream change a job was enqueued for (`null` for scheduled and manual runs). */
export interface JobTrigger {
  streamId: string;
  version: number;
}

export interface JobPayloads {
  'recompute-county-summary': { countyCode: string; year: number; trigger: JobTrigger | null };
  /** the statistical rules (group S) over one county's filings of a year */
  'scan-county': { countyCode: string; year: number; trigger: JobTrigger | null };
  /** the history rules (group A) over one filing */
  'scan-filing': { countyCode: string; unitCode: string; year: number; version: number };
  'nightly-rescan': Record<string, never>;
  'seal-log': Record<string, never>;
}

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  jobId: string;
}

const safe = (part: string | number) => String(part).replace(/[^A-Za-z0-9-]/g, '-');

/** `<kind>_<stream id>_v<version>`: the stream id already names county, unit and year. */
function triggerPart(trigger: JobTrigger | null, manual: string): string {
  return trigger ? `${safe(trigger.streamId)}_v${trigger.version}` : `manual-${safe(manual)}`;
}

export function countySummaryJob(countyCode: string, year: number, trigger: JobTrigger | null, manual = ''): JobRequest<'recompute-county-summary'> {
  return {
    name: 'recompute-county-summary',
    data: { countyCode, year, trigger },
    jobId: `county-summary_${safe(countyCode)}_${year}_${triggerPart(trigger, manual)}`,
  };
}

export function countyScanJob(countyCode: string, year: number, trigger: JobTrigger | null, manual = ''): JobRequest<'scan-county'> {
  return {
    name: 'scan-county',
    data: { countyCode, year, trigger },
    jobId: `scan-county_${safe(countyCode)}_${year}_${triggerPart(trigger, manual)}`,
  };
}

export function filingScanJob(countyCode: string, unitCode: string, year: number, version: number): JobRequest<'scan-filing'> {
  return {
    name: 'scan-filing',
    data: { countyCode, unitCode, year, version },
    jobId: `scan-filing_${safe(countyCode)}_${safe(unitCode)}_${year}_v${version}`,
  };
}

/** Scheduled jobs: their scheduler ids (bullmq job schedulers) and what they run. */
export const SCHEDULES = {
  nightlyRescan: 'nightly-rescan',
  sealLog: 'seal-log',
} as const;
