import './spaces/reactions';
import './mentors/reactions';
import './risk/rules';
