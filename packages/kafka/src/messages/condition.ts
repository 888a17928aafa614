import { z } from 'zod';

/** The comparisons a subscription condition can make; all of a subscription's conditions must pass. */
export const CONDITION_OPERATORS = [
  'lt',
  'lte',
  'gt',
  'gte',
  'eq',
  'neq',
  'in',
  'exists',
  'change_pct',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Most conditions on one subscription: each is evaluated for every matching event. */
export const MAX_CONDITIONS = 20;

/**
 * A decimal as JSON allows it: a number, or a string of digits with an optional sign and
 * fraction ("6.25", "-0.5"). Compared as decimals, never as binary floats.
 */
export const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;
const DecimalValue = z.union([
  z.number().finite(),
  z.string().regex(DECIMAL_STRING, 'expected a decimal such as 6.25 or "6.25"'),
]);
/** What eq, neq and in compare with: a JSON scalar. */
const ScalarValue = z.union([z.string().max(500), z.number().finite(), z.boolean(), z.null()]);

/** A dotted path into the event's `data`, e.g. `apr` or `card.network`; no empty segments. */
export const ConditionField = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (path) => path.split('.').every((segment) => segment.length > 0),
    'expected a dotted path into data without empty segments, e.g. "card.network"',
  );

/**
 * One condition of a subscription: `{field, operator, value}`. The value's type depends on the
 * operator: a decimal for lt/lte/gt/gte, a scalar for eq/neq, a list of scalars for `in`,
 * true/false for `exists` (must be present / absent), and for `change_pct` a non-zero number of
 * percent whose sign gives the direction (-2 = dropped by 2 % or more).
 */
export const Condition = z.discriminatedUnion('operator', [
  z.strictObject({
    field: ConditionField,
    operator: z.enum(['lt', 'lte', 'gt', 'gte']),
    value: DecimalValue,
  }),
  z.strictObject({ field: ConditionField, operator: z.enum(['eq', 'neq']), value: ScalarValue }),
  z.strictObject({
    field: ConditionField,
    operator: z.literal('in'),
    value: z.array(ScalarValue, { error: 'expected an array of values' }).min(1).max(100),
  }),
  z.strictObject({ field: ConditionField, operator: z.literal('exists'), value: z.boolean().default(true) }),
  z.strictObject({
    field: ConditionField,
    operator: z.literal('change_pct'),
    value: z
      .number({ error: 'expected a number of percent, e.g. -2.0 for a drop of 2 % or more' })
      .finite()
      .refine((percent) => percent !== 0, 'expected a non-zero percent; its sign is the direction'),
  }),
]);
export type Condition = z.infer<typeof Condition>;

/** A subscription's conditions: at most MAX_CONDITIONS, the first one over named by its index. */
export const Conditions = z.array(Condition).superRefine((conditions, context) => {
  if (conditions.length > MAX_CONDITIONS)
    context.addIssue({
      code: 'custom',
      path: [MAX_CONDITIONS],
      message: `at most ${MAX_CONDITIONS} conditions; this is number ${MAX_CONDITIONS + 1}`,
    });
});

/** At most one delivery per subscription per this many minutes; 0 = off. Up to 30 days. */
export const CooldownMinutes = z.number().int().min(0).max(43_200);
