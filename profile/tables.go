package profile

import "sync"

// The generated tables (stock_gen.go) are built on first use: most runs of
// tlsdoctor (explain, version) never read a configuration, and a map
// literal at package level is built at every start.
var (
	stock228          = sync.OnceValue(stock228Table)
	stock36           = sync.OnceValue(stock36Table)
	options228        = sync.OnceValue(options228Table)
	options36         = sync.OnceValue(options36Table)
	moduleDefaults228 = sync.OnceValue(moduleDefaults228Table)
	moduleDefaults36  = sync.OnceValue(moduleDefaults36Table)
	psaConfig36       = sync.OnceValue(psaConfig36Table)
	version36         = sync.OnceValue(version36Table)
	removed36         = sync.OnceValue(removed36Table)
)
