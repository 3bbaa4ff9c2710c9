// Shared assertion for validator tests: a violation names the field by its JSON pointer.
import { expect } from 'vitest';

export function expectFlagged(violations: string[], pointer: string): void {
  const escaped = pointer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(violations, `expected a violation at ${pointer}`).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${escaped}: `))]));
}
