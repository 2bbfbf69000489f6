/**
 * The composition root of reactions to domain events: importing this registers what every module
 * does, unasked, when something happens elsewhere (release space when a startup leaves, …).
 * The API app and the stream worker both import it, so local and cloud react alike.
 */
export {};
import './spaces/reactions';
import './mentors/reactions';
import './risk/rules';
