// The stand-in's public API for tests, the demo and benchmarks. Interaction payloads are built
// with src/discord/interaction-payloads.ts, the builder the CLI uses too.
export { validateCommandDefinition, validateInteractionResponse, validateRequest } from './contract/validate-request.js';
export type { Fault, FaultSpec } from './faults.js';
export type { IdentifyRateViolation } from './gateway.js';
export type { InteractionOutcome } from './interaction-registry.js';
export type { LocalDiscord, LocalDiscordOptions, LocalDiscordStats, RecordedRequest, RecordedViolation } from './local-discord.js';
export { busiestSecond, startLocalDiscord } from './local-discord.js';
export type { RateLimitOptions } from './rate-limits.js';
export type { InteractionKeys, SignedRequest } from './signed-request.js';
export { generateInteractionKeys, signedInteractionRequest } from './signed-request.js';
export type { LocalChannel, LocalGuild, World, WorldSize } from './world.js';
export { permissionsIn, shardOf } from './world.js';
