import type { z } from 'zod';

/**
 * Every `data` schema is a strict object: an unknown key in `data` is an error, for the same
 * reason as in the envelope (typos surface at the producer, and the JSON Schema we publish
 * to customers lists every field they can receive).
 */
export type DataSchema = z.ZodObject<z.core.$ZodLooseShape, z.core.$strict>;

/** One catalog entry: what the event means, the shape of its `data`, and a valid example. */
export interface EventDefinition<S extends DataSchema = DataSchema> {
  /** One line, shown in the API's event-type list and the README. */
  readonly description: string;
  readonly schema: S;
  /** A realistic `data` value; tests check that it passes `schema`. */
  readonly example: z.output<S>;
}

/** A group of entries keyed by event type name, e.g. all `card.*` types. */
export type EventDefinitions = Readonly<Record<string, EventDefinition>>;
