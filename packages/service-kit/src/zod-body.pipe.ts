import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { type FieldError, ProblemException } from './problem.js';

/**
 * Validates a request part with a zod schema and returns the parsed value. Failures become a
 * 400 problem+json whose `errors` name each field by its path, e.g. `eventTypes.0`.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    /** How the value is named when the error is about the whole value, e.g. "body" or "id". */
    private readonly rootName = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const errors: FieldError[] = parsed.error.issues.flatMap((issue) =>
      // An unknown key is reported on its parent; name the key itself so the client can find it.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'unknown field' }))
        : [{ field: issue.path.length > 0 ? issue.path.join('.') : this.rootName, message: issue.message }],
    );
    throw ProblemException.validation(errors);
  }
}
