'use strict';
require('./ensure-built').build({ quiet: true });
