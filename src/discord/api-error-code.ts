// Discord's JSON error code of a failed REST call (e.g. 50001 Missing Access),
// read by shape rather than `instanceof DiscordAPIError`: importing
// @discordjs/rest costs ~170 ms, which the CLI and the commands should not pay.
export function discordErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('rawError' in error) || !('status' in error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
