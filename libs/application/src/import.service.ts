import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { FigureInput, FilingCommand, FilingState } from '@app/domain';
import { FilingError, parseFigurePath, validateValue, valueKindOf } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import type { NotUnderstood, ParsedSelfEvaluation } from '@app/importers';
import { isSelfEvaluation, parseSelfEvaluation } from '@app/importers';
import { findUnitByName } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { FilingCommandHandler } from './filing.service';
import { inTransaction } from './transaction';
import { lockCounty, UnitCommandHandler } from './unit.service';

export interface ImportOptions {
  countyCode: string;
  /** the file's name, for the report and the events' reason */
  fileName?: string;
  /** parse and decide, report what would be appended, write nothing */
  dryRun?: boolean;
  /** who imports; the source is always `import:<sha256 of the file>` */
  actor: CommandContext['actor'];
}

/** PRODUCT.md's import report. */
export interface ImportReport {
  unit: { code: string; name: string; county: string } | null;
  year: number | null;
  /** the unit was created by this import (its code generated) */
  created: boolean;
  eventsAppended: number;
  figuresRead: Record<string, number>;
  notUnderstood: NotUnderstood[];
  warnings: { line: number | null; message: string }[];
  dryRun: boolean;
  file: { name: string | null; sha256: string; bytes: number };
  tablesFound: string[];
  version: number | null;
}

/** An import that could not be carried out; `report` says what was understood before it stopped. */
export class ImportFailedError extends AppError {
  constructor(
    code: string,
    message: string,
    messageEn: string,
    readonly report: ImportReport,
  ) {
    super('InvalidInput', code, message, { messageEn, details: { report } });
  }
}

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Decodes a file as UTF-8 (with or without BOM), else GB18030 (files saved by Chinese Windows tools). */
export function decodeDocument(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Imports one self-evaluation document (the text layout of the official Word file) into events:
 * finds the unit by name in the county or creates it, and records every figure the parser read, in one
 * transaction. Idempotent: figures equal to the stored ones, projects already present and adjustments
 * already recorded add nothing.
 */
export class ImportService {
  private readonly filings: FilingCommandHandler;
  private readonly units: UnitCommandHandler;

  constructor(
    private readonly pool: Pool,
    store: PostgresEventStore,
  ) {
    this.filings = new FilingCommandHandler(pool, store);
    this.units = new UnitCommandHandler(pool, store);
  }

  async import(bytes: Buffer, options: ImportOptions): Promise<ImportReport> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const parsed = parseSelfEvaluation(decodeDocument(bytes));
    const report: ImportReport = {
      unit: null,
      year: parsed.year,
      created: false,
      eventsAppended: 0,
      figuresRead: parsed.figuresRead,
      notUnderstood: [...parsed.notUnderstood],
      warnings: [...parsed.warnings],
      dryRun: Boolean(options.dryRun),
      file: { name: options.fileName ?? null, sha256, bytes: bytes.length },
      tablesFound: parsed.tablesFound,
      version: null,
    };
    if (!isSelfEvaluation(parsed)) {
      throw new ImportFailedError('import-not-a-self-evaluation', '文件不是预算绩效自评表：未识别出附件一至附件四中的任何一张表', 'the file is not a self-evaluation: none of the four tables was recognised', report);
    }
    if (parsed.year === null) {
      throw new ImportFailedError('import-year-missing', '未能从标题中读出年度（如“2023年度”）', 'no year found in the titles (e.g. "2023年度")', report);
    }
    if (!parsed.unitName) {
      throw new ImportFailedError('import-unit-missing', '未能读出单位名称（附件二“预算部门、单位名称”或附件三“实施单位”）', 'no unit name found (附件二 预算部门、单位名称 or 附件三 实施单位)', report);
    }
    const context: CommandContext = {
      actor: options.actor,
      source: `import:${sha256}`,
      reason: `导入文件 ${options.fileName ?? sha256.slice(0, 12)}`,
    };
    const figures = this.validFigures(parsed, report);
    try {
      return await inTransaction(this.pool, async (client) => {
        // a retried attempt starts its report over
        report.created = false;
        report.eventsAppended = 0;
        let unit = await findUnitByName(client, options.countyCode, parsed.unitName as string);
        if (!unit) {
          // a concurrent import may be creating the same unit: wait for it, then look again
          await lockCounty(client, options.countyCode);
          unit = await findUnitByName(client, options.countyCode, parsed.unitName as string);
        }
        if (!unit) {
          const registered = await this.units.registerUnitIn(client, { countyCode: options.countyCode, name: parsed.unitName as string }, context);
          unit = { countyCode: options.countyCode, code: registered.unit.code, name: registered.unit.name, supervisingDepartment: null, kind: registered.unit.kind, version: registered.version };
          report.created = true;
          report.eventsAppended += registered.version;
        }
        const ref = { countyCode: unit.countyCode, unitCode: unit.code, year: parsed.year as number };
        const { state } = await this.filings.load(client, ref);
        const commands = this.commandsFor(parsed, figures, state);
        const result = await this.filings.executeIn(client, ref, commands, context, { open: true });
        report.unit = { code: unit.code, name: unit.name, county: unit.countyCode };
        report.eventsAppended += result.appended;
        report.version = result.version;
        if (options.dryRun) throw new DryRunRollback(report);
        return report;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.report;
      if (error instanceof AppError && !(error instanceof ImportFailedError)) {
        throw new ImportFailedError(error.code, `导入未完成，未写入任何数据：${error.message}`, `import failed, nothing was written: ${error.messageEn}`, report);
      }
      throw error;
    }
  }

  /** Figures whose value fits their cell; the others go to the report as not understood (never guessed). */
  private validFigures(parsed: ParsedSelfEvaluation, report: ImportReport): FigureInput[] {
    const figures: FigureInput[] = [];
    for (const f of parsed.figures) {
      try {
        const address = parseFigurePath(f.path);
        validateValue(f.path, valueKindOf(address), f.value, address.kind === 'expense' && address.item === 'basicAdjustment');
        figures.push({ path: f.path, value: f.value });
      } catch (error) {
        if (!(error instanceof FilingError)) throw error;
        report.notUnderstood.push({ line: f.line, text: f.printed, why: error.message });
      }
    }
    return figures;
  }

  private commandsFor(parsed: ParsedSelfEvaluation, figures: FigureInput[], state: FilingState): FilingCommand[] {
    const commands: FilingCommand[] = [];
    for (const p of parsed.projects) {
      const known = state.projects.some((q) => (p.name !== null && q.name === p.name) || (p.lineName !== null && q.lineName === p.lineName));
      if (known) continue;
      if (p.name !== null && p.lineName !== null) {
        // two entities linked by a recorded decision, so the basis (same name, same figures) is on file
        commands.push({ type: 'AddProject', projectId: randomUUID(), name: p.name, lineName: null });
        commands.push({ type: 'AddProject', projectId: randomUUID(), name: null, lineName: p.lineName });
        commands.push({ type: 'LinkProject', name: p.name, lineName: p.lineName, basis: p.link ?? 'name' });
      } else {
        commands.push({ type: 'AddProject', projectId: randomUUID(), name: p.name, lineName: p.lineName });
      }
    }
    commands.push({ type: 'RecordFigures', figures });
    for (const a of parsed.adjustments) {
      commands.push({ type: 'AdjustBudget', path: a.path, direction: a.direction, amount: a.amount, reason: a.reason, stated: true });
    }
    return commands;
  }
}
