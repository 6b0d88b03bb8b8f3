module github.com/tlsdoctor/tlsdoctor

go 1.26.8

// cobra: subcommands, flags, help and shell completion for the CLI.
require github.com/spf13/cobra v1.10.2

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
)

// Test dependencies.
require (
	// testscript: whole commands tested as transcripts.
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/sys v0.26.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
