import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Response } from 'express';
import type { Pool } from 'pg';
import type { AuditExportSummary, AuditScope } from '@app/event-store';
import { exportAudit } from '@app/event-store';

/**
 * Streams the audit package (docs/audit.md) as the HTTP response, page by page from one snapshot, never
 * whole in memory: libs/event-store's writer with the response behind a PassThrough, so its backpressure
 * (await 'drain') holds while the client reads, and a client that goes away ends the export (and its
 * transaction) instead of leaving it waiting for a 'drain' that never comes.
 *
 * A failure before the first byte is thrown (Problem Details); after it, the connection is cut: the file
 * then has no trailer, which the verifier reports as cut short. Resolves to null when it did not complete.
 */
export async function streamAuditPackage(pool: Pool, response: Response, scope: AuditScope, filename: string): Promise<AuditExportSummary | null> {
  const client = await pool.connect();
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  out.on('error', () => undefined); // seen by the writer through out.errored and the awaited 'drain'; never an uncaught error
  const onClose = () => {
    if (!response.writableFinished) out.destroy(new Error('the client closed the connection before the export was complete'));
  };
  response.once('close', onClose);
  response.status(200);
  response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.setHeader('Cache-Control', 'no-store');
  out.pipe(response);
  try {
    const summary = await exportAudit(client, out, { scope });
    out.end();
    await finished(response);
    return summary;
  } catch (error) {
    out.unpipe(response);
    out.destroy();
    if (!response.headersSent) {
      for (const header of ['Content-Type', 'Content-Disposition', 'Cache-Control']) response.removeHeader(header);
      throw error;
    }
    response.destroy();
    return null;
  } finally {
    response.off('close', onClose);
    client.release();
  }
}

/** `perfledger-audit-430423-2024-06-20T08-00-00Z.jsonl`, or `…-full-…` for the whole log. */
export function auditFileName(county: string | undefined, now = new Date()): string {
  return `perfledger-audit-${county ?? 'full'}-${now.toISOString().replace(/\.\d{3}Z$/u, 'Z').replace(/:/gu, '-')}.jsonl`;
}
