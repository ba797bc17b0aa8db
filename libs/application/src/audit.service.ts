import type { Pool } from 'pg';
import type { FilingEvent, FilingState } from '@app/domain';
import { cellKeysOf, computedOf, figuresOf, filingStreamId, fold, initialFilingState, parseFigurePath } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { cellChanges, filingScoring } from '@app/projections';
import { AppError } from '@app/shared';
import { toAppError } from './domain-errors';
import type { FilingRef } from './filing-ref';
import { inSnapshot } from './transaction';

/** A moment of a filing: a stream version, an ISO time (the last event at or before it), or its n-th (or last) submission. */
export type AuditMoment = { version: number } | { time: string } | { submission: number | 'last' };

/** `12`, `2024-06-20T08:00:00Z`, `submitted` (the last submission) or `submitted#2` (the second). */
export function parseMoment(text: string, field = 'asOf'): AuditMoment {
  const t = text.trim();
  if (/^\d+$/u.test(t)) return { version: Number(t) };
  const submitted = /^submitted(?:#(\d+))?$/u.exec(t);
  if (submitted) return { submission: submitted[1] ? Number(submitted[1]) : 'last' };
  const date = new Date(t);
  if (!/^\d{4}-\d{2}-\d{2}/u.test(t) || Number.isNaN(date.getTime())) {
    throw new AppError('InvalidInput', 'invalid-moment', `${field} 应为填报版本号、ISO 时间（如 2024-06-20T08:00:00Z）、submitted 或 submitted#n，实为“${text}”`, {
      field,
      messageEn: `${field} must be a version, an ISO time, submitted or submitted#n`,
    });
  }
  return { time: date.toISOString() };
}

export interface BlameChange {
  at: string;
  actor: string;
  role: string;
  unit: string | null;
  previous: string | null;
  value: string | null;
  reason: string | null;
  source: string;
  eventType: string;
  version: number;
  position: string;
  /** the workflow state the filing was in when the change was made */
  state: string;
  /** the path the cell had when it changed (differs from today's after a rename) */
  pathThen: string;
}

export interface FilingAsOf {
  version: number;
  at: string | null;
  status: string | null;
  templateVersion: string | null;
  figures: Record<string, string | null>;
  computed: Record<string, string>;
}

export interface HistoryFilters {
  actor?: string;
  pathPrefix?: string;
  source?: string;
  from?: string;
  to?: string;
  /** the version after which the page starts (the previous page's `next`) */
  after?: number;
  limit?: number;
}

/**
 * The auditor's questions, one call each: who changed this figure (blame, from the `figure_changes` index),
 * what happened to this filing (history, filtered and paged), what did it say at a moment (as-of: a fold of
 * the stream up to it), and what changed between two moments (diff).
 */
export class AuditService {
  constructor(private readonly pool: Pool) {}

  async blame(ref: FilingRef, path: string): Promise<BlameChange[]> {
    try {
      parseFigurePath(path);
    } catch (error) {
      throw toAppError(error);
    }
    const rows = (await cellChanges(this.pool, filingStreamId(ref.countyCode, ref.unitCode, ref.year), path)) ?? [];
    return rows.map((r) => ({
      at: r.recordedAt,
      actor: r.metadata.actor.userId,
      role: r.metadata.actor.role,
      unit: (r.metadata.actor as { unitId?: string | null }).unitId ?? null,
      previous: r.previous,
      value: r.value,
      reason: r.metadata.reason ?? null,
      source: r.metadata.source,
      eventType: r.eventType,
      version: r.version,
      position: r.position,
      state: r.status,
      pathThen: r.pathThen,
    }));
  }

  /** The stream version a moment names (0: before the filing existed). */
  async versionAt(db: SqlClient, ref: FilingRef, moment: AuditMoment): Promise<number> {
    const streamId = filingStreamId(ref.countyCode, ref.unitCode, ref.year);
    if ('version' in moment) {
      const { rows } = await db.query(`SELECT coalesce(max(s.version), 0)::int AS v FROM perfledger.streams s WHERE s.stream_id = $1`, [streamId]);
      if (moment.version > rows[0].v) {
        throw new AppError('InvalidInput', 'version-out-of-range', `该填报只有 ${rows[0].v} 个版本，没有版本 ${moment.version}`, { field: 'version' });
      }
      return moment.version;
    }
    if ('time' in moment) {
      const { rows } = await db.query(`SELECT coalesce(max(e.version), 0)::int AS v FROM perfledger.events e WHERE e.stream_id = $1 AND e.recorded_at <= $2::timestamptz`, [streamId, moment.time]);
      return rows[0].v;
    }
    const { rows } = await db.query(`SELECT e.version::int AS version FROM perfledger.events e WHERE e.stream_id = $1 AND e.type = 'FilingSubmitted' ORDER BY e.version`, [streamId]);
    const n = moment.submission === 'last' ? rows.length : moment.submission;
    if (n < 1 || n > rows.length) {
      throw new AppError('InvalidInput', 'no-such-submission', rows.length === 0 ? '该填报尚未送审过' : `该填报只送审过 ${rows.length} 次，没有第 ${n} 次`, { field: 'asOf' });
    }
    return rows[n - 1].version;
  }

  /** The filing as it stood at a moment: its stated and computed figures, scored with the template version it had then. */
  async asOf(ref: FilingRef, moment: AuditMoment): Promise<FilingAsOf> {
    return inSnapshot(this.pool, async (db) => {
      const version = await this.versionAt(db, ref, moment);
      const { state, at } = await this.stateAt(db, ref, version);
      return { version, at, ...(await this.figuresAt(db, state)), status: version === 0 ? null : state.status };
    });
  }

  /** The figures that differ between two moments, each with the last change in between: who, when, why. */
  async diff(ref: FilingRef, from: AuditMoment, to: AuditMoment) {
    return inSnapshot(this.pool, async (db) => {
      const [vFrom, vTo] = [await this.versionAt(db, ref, from), await this.versionAt(db, ref, to)];
      if (vFrom > vTo) throw new AppError('InvalidInput', 'diff-order', `起点（版本 ${vFrom}）晚于终点（版本 ${vTo}）`, { field: 'from' });
      const events = await this.eventsUpTo(db, ref, vTo);
      const before = fold(events.slice(0, vFrom).map((e) => e.event));
      const after = fold(events.slice(vFrom).map((e) => e.event), before);
      const [a, b] = [figuresOf(before), figuresOf(after)];
      const keys = { ...cellKeysOf(before), ...cellKeysOf(after) };
      const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => (a[p] ?? null) !== (b[p] ?? null));
      const { rows } = await db.query(
        `SELECT DISTINCT ON (c.cell_key) c.cell_key, to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.metadata
           FROM perfledger.figure_changes c JOIN perfledger.events e ON e.stream_id = c.stream_id AND e.version = c.version
          WHERE c.stream_id = $1 AND c.version > $2 AND c.version <= $3
          ORDER BY c.cell_key, c.version DESC`,
        [filingStreamId(ref.countyCode, ref.unitCode, ref.year), vFrom, vTo],
      );
      const last = new Map(rows.map((r) => [r.cell_key as string, r]));
      return {
        from: vFrom,
        to: vTo,
        changes: paths.map((path) => {
          const by = last.get(keys[path]);
          return { path, before: a[path] ?? null, after: b[path] ?? null, at: by?.at ?? null, actor: by?.metadata.actor.userId ?? null, reason: by?.metadata.reason ?? null };
        }),
      };
    });
  }

  /** A filing's events, oldest first, filtered and paged by version (`next`: where the next page starts). */
  async history(ref: FilingRef, filters: HistoryFilters = {}) {
    const limit = Math.min(Math.max(filters.limit ?? 100, 1), 1000);
    const streamId = filingStreamId(ref.countyCode, ref.unitCode, ref.year);
    const { rows } = await this.pool.query(
      `SELECT e.version::int AS version, e.global_position::text AS position, e.type, e.metadata,
              to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              coalesce((SELECT array_agg(c.path_then ORDER BY c.path_then) FROM perfledger.figure_changes c WHERE c.stream_id = e.stream_id AND c.version = e.version), '{}') AS paths
         FROM perfledger.events e
        WHERE e.stream_id = $1 AND e.version > $2
          AND ($3::text IS NULL OR e.metadata -> 'actor' ->> 'userId' = $3)
          AND ($4::text IS NULL OR e.metadata ->> 'source' = $4 OR ($4 = 'import' AND e.metadata ->> 'source' LIKE 'import:%'))
          AND ($5::timestamptz IS NULL OR e.recorded_at >= $5)
          AND ($6::timestamptz IS NULL OR e.recorded_at <= $6)
          AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM perfledger.figure_changes c WHERE c.stream_id = e.stream_id AND c.version = e.version
                                                  AND (c.path_then = $7 OR left(c.path_then, length($7) + 1) = $7 || '.')))
        ORDER BY e.version
        LIMIT $8`,
      [streamId, filters.after ?? 0, filters.actor ?? null, filters.source ?? null, filters.from ?? null, filters.to ?? null, filters.pathPrefix ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      events: page.map((r) => ({
        position: r.position,
        version: r.version,
        type: r.type,
        at: r.at,
        actor: r.metadata.actor.userId,
        role: r.metadata.actor.role,
        reason: r.metadata.reason ?? null,
        source: r.metadata.source,
        paths: r.paths,
      })),
      next: rows.length > limit ? page[page.length - 1].version : null,
    };
  }

  private async eventsUpTo(db: SqlClient, ref: FilingRef, version: number): Promise<{ event: FilingEvent; at: string }[]> {
    const { rows } = await db.query(
      `SELECT e.type, e.data, to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM perfledger.events e WHERE e.stream_id = $1 AND e.version <= $2 ORDER BY e.version`,
      [filingStreamId(ref.countyCode, ref.unitCode, ref.year), version],
    );
    return rows.map((r) => ({ event: { type: r.type, data: r.data } as FilingEvent, at: r.at }));
  }

  private async stateAt(db: SqlClient, ref: FilingRef, version: number): Promise<{ state: FilingState; at: string | null }> {
    if (version === 0) return { state: initialFilingState(), at: null };
    const events = await this.eventsUpTo(db, ref, version);
    return { state: fold(events.map((e) => e.event)), at: events.at(-1)?.at ?? null };
  }

  private async figuresAt(db: SqlClient, state: FilingState) {
    const scoring = await filingScoring(db, state);
    return { templateVersion: scoring.templateVersion, figures: figuresOf(state), computed: { ...computedOf(state), ...scoring.computed } };
  }
}
