import { z } from 'zod';

/** USPS codes of the 50 states, DC and the five inhabited territories, where US lenders publish rates. */
// biome-ignore format: one state per line would make 57 lines of noise
export const UsStateCode = z
  .enum([
    'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
    'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
    'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
    'DC', 'PR', 'GU', 'VI', 'AS', 'MP',
  ])
  .describe('USPS state or territory code');
export type UsStateCode = z.infer<typeof UsStateCode>;
