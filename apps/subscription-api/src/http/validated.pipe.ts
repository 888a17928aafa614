import { type FieldError, ProblemException } from '@hookstream/service-kit';
import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { findUnsafeText } from './text-safety.js';

/**
 * Validates one request part (body, query or a path parameter) with a zod schema. Strings that
 * Postgres cannot store are refused first, by field; then the schema runs, and every issue
 * becomes an entry of the 400's `errors[]` named by its path (e.g. `eventTypes.0`).
 */
@Injectable()
export class Validated<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    readonly schema: S,
    /** How the value is named when the error is about the whole value: "body", "id", "query". */
    private readonly rootName = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const unsafe = findUnsafeText(value, this.rootName);
    if (unsafe.length > 0) throw ProblemException.validation(unsafe);
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
