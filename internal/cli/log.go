package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/consolelog"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
)

type logOptions struct {
	Input string // a file, or "-" for stdin
	JSON  bool

	io IO
}

// newLogCmd builds `tlsdoctor log FILE|-`.
func newLogCmd(stdio IO) *cobra.Command { return newLogCmdWith(stdio, nil) }

// newLogCmdWith binds the flags; runF does the work (tests pass their own to
// check how arguments become options).
func newLogCmdWith(stdio IO, runF func(*logOptions) error) *cobra.Command {
	opts := &logOptions{io: stdio}
	if runF == nil {
		runF = runLog
	}
	cmd := &cobra.Command{
		Use:   "log FILE|-",
		Short: "Read a device console log: the failing step, the decoded errors, the diagnosis",
		Long: `Read a console log captured from the device (ESP-IDF, Arduino-ESP32, Zephyr, FreeRTOS
and AWS IoT demos, mbedTLS debug output, wolfSSL, BearSSL, modem AT dialogues) and say:
- the firmware banner and version, and the steps the device went through: boot, Wi-Fi or
  cellular link, IP address, clock, DNS, TCP connect, TLS handshake, cloud connect;
- the first failing step, and every error code on the way decoded;
- the ranked diagnosis, each with the log lines that prove it and the command to run next.
ANSI colours, CR LF or CR-only line ends and the timestamps terminal programs add
(tio, minicom, the Arduino IDE, PlatformIO, idf.py monitor, Tera Term) are read through.
A log with several boots is split; the last boot that got past its banner is diagnosed.
Exit status: 0 when the log shows no failure, 1 when it does, 2 when it cannot be read.`,
		Example: `  tlsdoctor log console.log
  idf.py monitor | tee console.log; tlsdoctor log console.log
  pbpaste | tlsdoctor log -
  tlsdoctor log console.log --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("log needs one console log file, or - for standard input", "tlsdoctor log console.log")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	return cmd
}

func (o *logOptions) validate() error {
	if strings.TrimSpace(o.Input) == "" {
		return usageError("log needs a file name, or - for standard input")
	}
	return nil
}

func runLog(o *logOptions) error {
	data, err := readInput(o.io, o.Input, "cut the log to the boots that matter")
	if err != nil {
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	src := o.Input
	if src == "-" {
		src = "stdin"
	}
	l, err := consolelog.Read(data, consolelog.Options{Source: src})
	if err != nil {
		return logError(src, err)
	}
	if o.JSON {
		if err := render.WriteJSON(o.io.Out, render.Log(l)); err != nil {
			return err
		}
	} else {
		render.LogText(o.io.Out, l, o.io.Style())
		if l.Boot() == nil || len(l.Boot().Events) < 3 {
			fmt.Fprintln(o.io.Err, "hint: little in this log was recognised; capture from power-on with the log level at info or debug")
		}
	}
	if l.Failing() {
		return &exitError{code: ExitProblems}
	}
	return nil
}

func logError(src string, err error) error {
	var nt *consolelog.NotTextError
	var tl *consolelog.TooLargeError
	switch {
	case errors.Is(err, consolelog.ErrEmpty):
		return &exitError{code: ExitUsage, msg: src + ": " + err.Error(), hints: []string{"save the terminal's output to a file and give its name, or pipe it to 'tlsdoctor log -'"}}
	case errors.As(err, &nt):
		return &exitError{code: ExitUsage, msg: src + ": " + err.Error(), hints: []string{"capture the console again at the device's baud rate (115200 for ESP32 and most boards)"}}
	case errors.As(err, &tl):
		return &exitError{code: ExitUsage, msg: src + ": " + err.Error()}
	}
	return &exitError{code: ExitUsage, msg: src + ": " + err.Error()}
}
