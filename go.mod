module github.com/tlsdoctor/tlsdoctor

go 1.26.8

// cobra: subcommands, flags, help and shell completion for the CLI.
require github.com/spf13/cobra v1.10.2

// x509roots/fallback: Mozilla's root store as data, for `tlsdoctor roots` (its
// bundle package only, which does not touch crypto/x509's fallback roots).
require golang.org/x/crypto/x509roots/fallback v0.0.0-20261030153154-30a33513ff6d

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
