// The calendar rule of dates in data/: a day must exist in its month, leap years included.
import { describe, expect, it } from 'vitest';

import { FullDate, PartialDate } from '../../src/knowledge/schema.js';

describe('PartialDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2024-04-30', '2024-12-31', '2024-06', '2024'])('takes %s', (date) => {
    expect(PartialDate.safeParse(date).success).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-02-30', '2024-04-31', '2024-09-31', '2024-13', '2024-00-10', '24-01-01'])('refuses %s', (date) => {
    expect(PartialDate.safeParse(date).success).toBe(false);
  });

  it('says which rule a date breaks', () => {
    expect(PartialDate.safeParse('2023-02-29').error?.issues[0]?.message).toBe('is not a real calendar date');
    expect(FullDate.safeParse('2023-06').error?.issues[0]?.message).toBe('must be YYYY-MM-DD');
  });
});
