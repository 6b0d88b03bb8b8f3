module github.com/tlsdoctor/tlsdoctor

go 1.26.8

// cobra (and its pflag): subcommands, flags, help and shell completion for the CLI.
require (
	github.com/spf13/cobra v1.10.2
	github.com/spf13/pflag v1.0.9
)

// x509roots/fallback: Mozilla's root store as data, for `tlsdoctor roots` (its
// bundle package only, which does not touch crypto/x509's fallback roots).
require golang.org/x/crypto/x509roots/fallback v0.0.0-20261030153154-30a33513ff6d

// serial: serial ports on Linux, macOS and Windows for provision and monitor
// (writing termios and Windows COM ports by hand would be most of it again).
require go.bug.st/serial v1.8.0

// x/sys: the Windows ROOT certificate store (--roots system), and termios for
// the test device.
require golang.org/x/sys v0.43.0

require github.com/inconshreveable/mousetrap v1.1.0 // indirect

// Test dependencies.
require (
	// pty: a pseudo-terminal plays the device in provision and monitor tests.
	github.com/creack/pty v1.1.24
	// testscript: whole commands tested as transcripts.
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/tools v0.26.0 // indirect
)
