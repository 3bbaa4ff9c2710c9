// The stand-in for the gateway memory benchmark, in its own process so the
// world it holds (about 50 MB for 1,000 large guilds) is not measured.
// argv[2] is a JSON StandInSpec; reports StandInReady and runs until the parent disconnects.
import { startLocalDiscord } from '../../local-discord/index.js';
import type { StandInReady, StandInSpec } from './protocol.js';

const spec = JSON.parse(process.argv[2] ?? '') as StandInSpec;
// The default client asks for GuildMembers, a privileged intent the app is assumed to have.
const discord = await startLocalDiscord({ token: spec.token, guilds: spec.world, privilegedIntents: true });
const ready: StandInReady = { kind: 'stand-in-ready', apiUrl: discord.apiUrl, applicationId: discord.applicationId };
process.send?.(ready);
process.once('disconnect', () => void discord.close().finally(() => process.exit(0)));
