package profile

import (
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The generated tables (stock_gen.go) are built on first use: most runs of
// tlsdoctor (explain, version) never read a configuration, and a map
// literal at package level is built at every start.
var (
	stock228Lazy          lazy.Value[Macros]
	stock36Lazy           lazy.Value[Macros]
	options228Lazy        lazy.Value[Macros]
	options36Lazy         lazy.Value[Macros]
	moduleDefaults228Lazy lazy.Value[Macros]
	moduleDefaults36Lazy  lazy.Value[Macros]
	psaConfig36Lazy       lazy.Value[Macros]
	version36Lazy         lazy.Value[Macros]
	removed36Lazy         lazy.Value[map[string]removedOption]
)

func stock228() Macros { return stock228Lazy.Get(stock228Table) }

func stock36() Macros { return stock36Lazy.Get(stock36Table) }

func options228() Macros { return options228Lazy.Get(options228Table) }

func options36() Macros { return options36Lazy.Get(options36Table) }

func moduleDefaults228() Macros { return moduleDefaults228Lazy.Get(moduleDefaults228Table) }

func moduleDefaults36() Macros { return moduleDefaults36Lazy.Get(moduleDefaults36Table) }

func psaConfig36() Macros { return psaConfig36Lazy.Get(psaConfig36Table) }

func version36() Macros { return version36Lazy.Get(version36Table) }

func removed36() map[string]removedOption { return removed36Lazy.Get(removed36Table) }
