// Package cli is the tlsdoctor command line: one cobra command per
// subcommand, each an Options struct, a constructor that only binds flags,
// and a run function that calls the library and renders. The whole CLI is a
// function of (args, IO) to an exit code, so every command runs in tests
// in-process.
package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/internal/startup"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
)

// Exit codes.
const (
	ExitOK       = 0 // clean
	ExitProblems = 1 // problems found, or a code not found
	ExitUsage    = 2 // usage error or tool failure
)

// IO is what a command may touch outside the process.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	OutTTY bool // stdout is a terminal
	Getenv func(string) string
}

// System returns the process's real IO.
func System() IO {
	return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, OutTTY: term.IsTerminal(os.Stdout), Getenv: os.Getenv}
}

// Style returns how stdout should look.
func (s IO) Style() term.Style {
	getenv := s.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return term.Detect(s.OutTTY, getenv)
}

// exitError carries an exit code and the message for stderr, with hints.
type exitError struct {
	code  int
	msg   string
	hints []string
}

func (e *exitError) Error() string { return e.msg }

func usageError(msg string, hints ...string) error {
	return &exitError{code: ExitUsage, msg: msg, hints: hints}
}

// Main runs tlsdoctor with args (without the program name) and returns the
// exit code. It is the only place that turns errors into exit codes.
func Main(ctx context.Context, args []string, stdio IO) int {
	if !shortCommand(args) {
		startup.RestoreProcs()
	}
	// One write at the end instead of one per line: a report is many lines,
	// and each write is a system call (start-up time).
	if f, ok := stdio.Out.(*os.File); ok {
		bw := bufio.NewWriterSize(f, 32<<10)
		stdio.Out = bw
		defer bw.Flush()
	}
	root := newRootCmd(stdio, args)
	root.SetArgs(protectNegativeCodes(args))
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	return reportError(stdio.Err, root.ExecuteContext(ctx))
}

// shortCommand reports whether args run a command that ends in a moment
// (explain, version). Those stay on the one P that start-up ran on; the
// others get back every processor the runtime chose (see package startup).
func shortCommand(args []string) bool {
	return len(args) > 0 && (args[0] == "explain" || args[0] == "version")
}

// reportError writes a command's error to w (the message, then its hints)
// and returns the exit code for it.
func reportError(w io.Writer, err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(w, "tlsdoctor: "+ee.msg)
		}
		for _, h := range ee.hints {
			fmt.Fprintln(w, "hint: "+h)
		}
		return ee.code
	}
	// Cobra's own errors: unknown command or flag, wrong argument count.
	fmt.Fprintln(w, "tlsdoctor: "+err.Error())
	fmt.Fprintln(w, "hint: run 'tlsdoctor --help' or 'tlsdoctor COMMAND --help' for usage")
	return ExitUsage
}

// isNegativeCode matches -0x2180 and -8576 without a regexp (start-up cost).
func isNegativeCode(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	digits, hex := a[1:], false
	if len(digits) > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X') {
		digits, hex = digits[2:], true
	}
	if digits == "" {
		return false
	}
	for _, c := range digits {
		isDec := c >= '0' && c <= '9'
		isHex := isDec || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
		if !isDec && !(hex && isHex) {
			return false
		}
	}
	return true
}

// protectNegativeCodes lets users type "tlsdoctor explain -0x2180": a code
// that starts with a dash would otherwise be read as a flag. Such arguments
// of explain are moved behind a "--", keeping their order.
func protectNegativeCodes(args []string) []string {
	if len(args) == 0 || args[0] != "explain" {
		return args
	}
	out := []string{args[0]}
	var codes []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			codes = append(codes, args[i+1:]...)
			break
		}
		prev := args[i-1]
		if isNegativeCode(a) && prev != "--flags" && prev != "--stack" {
			codes = append(codes, a)
			continue
		}
		out = append(out, a)
	}
	if len(codes) == 0 {
		return out
	}
	return append(append(out, "--"), codes...)
}

// subcommands lists every subcommand's constructor, in help order.
func subcommands() []struct {
	name string
	make func(IO) *cobra.Command
} {
	return []struct {
		name string
		make func(IO) *cobra.Command
	}{
		{"explain", func(s IO) *cobra.Command { return newExplainCmd(s, nil) }},
		{"check", func(s IO) *cobra.Command { return newCheckCmd(s, nil) }},
		{"emit", func(s IO) *cobra.Command { return newEmitCmd(s, nil) }},
		{"probe", newProbeCmd},
		{"verify", newVerifyCmd},
		{"profile", newProfileCmd},
		{"roots", newRootsCmd},
		{"log", newLogCmd},
		{"monitor", newMonitorCmd},
		{"provision", newProvisionCmd},
		{"version", newVersionCmd},
	}
}

// newRootCmd builds the command tree for args. When args name a subcommand,
// only that one is built: each constructor binds flags and allocates, and
// start-up time is a goal (explain: a short command run many times from
// scripts). Help, completion and anything unrecognised get the whole tree.
func newRootCmd(stdio IO, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "tlsdoctor",
		Short: "Diagnose and fix TLS trust failures on embedded devices",
		Long: `tlsdoctor tells you why your board's TLS fails and what bytes to ship instead:
it decodes the error code the board printed (mbedTLS, wolfSSL, BearSSL, ESP-IDF,
modem AT errors), and reads your root CA the way the device does.`,
		Example: `  tlsdoctor explain -0x2180
  tlsdoctor explain "mbedtls_ssl_handshake returned -0x2700" --flags 0x08
  tlsdoctor explain "client state 3"`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
	}
	// --version is ours, not cobra's: cobra prints its version through
	// text/template, and linking text/template makes the linker keep every
	// exported method of every type (a bigger binary, a slower start).
	var showVersion bool
	root.Flags().BoolVarP(&showVersion, "version", "v", false, "print tlsdoctor's version")
	root.RunE = func(c *cobra.Command, _ []string) error {
		if showVersion {
			fmt.Fprintln(c.OutOrStdout(), Version())
			return nil
		}
		return c.Help()
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError(err.Error(), "run 'tlsdoctor "+c.Name()+" --help' for the flags it takes")
	})
	all := subcommands()
	if len(args) > 0 {
		for _, c := range all {
			if c.name == args[0] {
				root.AddCommand(c.make(stdio))
				// The completion command is only wanted as args[0].
				root.CompletionOptions.DisableDefaultCmd = true
				return root
			}
		}
	}
	for _, c := range all {
		root.AddCommand(c.make(stdio))
	}
	return root
}
