import { EventStore1795788759632 } from './1795788759632-EventStore';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [EventStore1795788759632];
