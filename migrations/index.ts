import { EventStore1795788759632 } from './1795788759632-EventStore';
import { FilingReadModels1795796860863 } from './1795796860863-FilingReadModels';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [EventStore1795788759632, FilingReadModels1795796860863];
