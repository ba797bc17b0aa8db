import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** 32 zero bytes: the prev_hash of a stream's first event and the prev_root of the first seal. */
export const GENESIS_HASH = Buffer.alloc(32);

/** The fields of an event that its hash covers (ARCHITECTURE.md, "Hashes an auditor can recompute offline"). */
export interface CanonicalEventFields {
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  /** UTC ISO-8601 with milliseconds, e.g. 2026-11-27T14:07:51.123Z */
  recordedAt: string;
}

export function canonicalEvent(e: CanonicalEventFields): string {
  return canonicalJson({
    streamId: e.streamId,
    version: e.version,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  });
}

/**
 * The canonical form split around the two values only the database knows at append time.
 * Keys sort as data < eventId < metadata < recordedAt < schemaVersion < streamId < type < version,
 * so canonical = head + recordedAt + tail + version + '}'.
 */
export function canonicalEventParts(e: Omit<CanonicalEventFields, 'version' | 'recordedAt'>): { head: string; tail: string } {
  return {
    head: `{"data":${canonicalJson(e.data)},"eventId":${JSON.stringify(e.eventId)},"metadata":${canonicalJson(e.metadata)},"recordedAt":"`,
    tail: `","schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)},"version":`,
  };
}

export function sha256(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** hash = sha256(prev_hash ‖ sha256(canonical form)) */
export function eventHash(prevHash: Buffer, e: CanonicalEventFields): Buffer {
  return sha256(prevHash, sha256(Buffer.from(canonicalEvent(e), 'utf8')));
}

/** seal_n = sha256(seal_{n-1} ‖ hash_1 ‖ … ‖ hash_k), the hashes in cursor order. */
export function sealRoot(prevRoot: Buffer, hashes: Buffer[]): Buffer {
  return sha256(prevRoot, ...hashes);
}
