import { EventStore1795788759632 } from './1795788759632-EventStore';
import { FilingReadModels1795796860863 } from './1795796860863-FilingReadModels';
import { TemplatesAndRounds1795798265758 } from './1795798265758-TemplatesAndRounds';
import { Findings1795799871758 } from './1795799871758-Findings';
import { CountyJobs1795805529613 } from './1795805529613-CountyJobs';
import { Rebuilds1795805748301 } from './1795805748301-Rebuilds';
import { FigureChanges1795808597081 } from './1795808597081-FigureChanges';
import { Users1795809121485 } from './1795809121485-Users';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [EventStore1795788759632, FilingReadModels1795796860863, TemplatesAndRounds1795798265758, Findings1795799871758, CountyJobs1795805529613, Rebuilds1795805748301, FigureChanges1795808597081, Users1795809121485];
