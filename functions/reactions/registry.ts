/**
 * Every module's reactions, registered on the event bus by loading each module's reactions.ts (its
 * second front door, which only this registry opens). The reactions worker loads it; locally, the
 * dev server and the seed do, so reactions run in-process after each change.
 */
import '../../shared/spaces/reactions';
import '../../shared/mentors/reactions';
import '../../shared/risk/reactions';
