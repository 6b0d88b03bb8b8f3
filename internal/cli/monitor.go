package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/consolelog"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
)

type monitorOptions struct {
	Port  string // serial port name; empty with Input set
	Baud  int
	Input string // "-" (stdin) or a file: annotate a stream another program captures
	Save  string // keep the raw console bytes here (for `tlsdoctor log`)
	JSON  bool

	io   IO
	open func(name string, baud int) (io.ReadCloser, error)
	now  func() time.Time
}

func newMonitorCmd(stdio IO) *cobra.Command {
	opts := &monitorOptions{io: stdio, open: openSerialPort, now: time.Now}
	cmd := &cobra.Command{
		Use:   "monitor --port PORT | monitor -",
		Short: "Show a device's console live, with every TLS error decoded as it arrives",
		Long: `Show the device's serial console as it arrives and, under each line that reports a
TLS failure (an mbedTLS, ESP-IDF esp-tls, wolfSSL, BearSSL or modem error, a TLS
alert, verify flags), the decoded code, a one-line cause and the command to run next.
Verify flags and dates printed on later lines are joined to the error they belong to.

Give "-" instead of --port to annotate what another program already reads, e.g. the
output of idf.py monitor or west espressif monitor. Ctrl-C stops; --save keeps the raw
console bytes so 'tlsdoctor log FILE' can diagnose the whole session afterwards.
Exit status: 0 when no failure was seen, 1 when one was, 2 when the port failed.`,
		Example: `  tlsdoctor monitor --port /dev/ttyUSB0 --baud 115200
  tlsdoctor monitor --port COM3 --save console.log
  idf.py monitor | tlsdoctor monitor -
  tlsdoctor monitor --port /dev/ttyACM0 --json      # one JSON object per line`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if err := opts.validate(); err != nil {
				return err
			}
			return runMonitor(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Port, "port", "", "serial port: /dev/ttyUSB0, /dev/ttyACM0, /dev/cu.usbserial-*, COM3")
	cmd.Flags().IntVar(&opts.Baud, "baud", 115200, "baud rate")
	cmd.Flags().StringVar(&opts.Save, "save", "", "also write the raw console bytes to this file")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per console line (schema_version 1)")
	return cmd
}

func (o *monitorOptions) validate() error {
	switch {
	case o.Port == "" && o.Input == "":
		return usageError("monitor needs --port PORT, or \"-\" to read the console from standard input",
			"tlsdoctor monitor --port /dev/ttyUSB0 --baud 115200", "idf.py monitor | tlsdoctor monitor -")
	case o.Port != "" && o.Input != "":
		return usageError("give either --port or an input, not both")
	case o.Baud <= 0:
		return usageError(fmt.Sprintf("--baud %d is not a baud rate", o.Baud), "common rates: 9600, 115200, 921600")
	}
	return nil
}

// monitorLine is the JSON form of one console line.
type monitorLine struct {
	SchemaVersion int                    `json:"schema_version"`
	Line          int                    `json:"line"`
	Time          string                 `json:"time"`
	Text          string                 `json:"text"`
	Annotation    *consolelog.Annotation `json:"annotation,omitempty"`
}

func runMonitor(ctx context.Context, o *monitorOptions) error {
	// Ctrl-C ends the view cleanly: the port is closed, --save is complete.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()

	var src io.ReadCloser
	name := o.Input
	switch {
	case o.Port != "":
		p, err := o.open(o.Port, o.Baud)
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error(), hints: portHints(err)}
		}
		src, name = p, o.Port
	case o.Input == "-":
		src, name = io.NopCloser(o.io.In), "standard input"
	default:
		f, err := os.Open(o.Input)
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error()}
		}
		src = f
	}
	var save *os.File
	if o.Save != "" {
		f, err := os.Create(o.Save)
		if err != nil {
			src.Close()
			return &exitError{code: ExitUsage, msg: fmt.Sprintf("cannot keep the console in %s: %v", o.Save, err)}
		}
		save = f
	}

	// Reading blocks; the reader goroutine hands chunks over so that Ctrl-C
	// is seen at once. Closing the source ends the goroutine.
	type chunk struct {
		b   []byte
		err error
	}
	chunks := make(chan chunk, 16)
	go func() {
		buf := make([]byte, 4096)
		for {
			// A serial port returns (0, nil) when nothing came for a while.
			n, err := src.Read(buf)
			if n > 0 {
				chunks <- chunk{b: buf[:n]}
				buf = make([]byte, 4096)
			}
			if err != nil {
				chunks <- chunk{err: err}
				close(chunks)
				return
			}
		}
	}()

	v := newConsoleView(o, name)
	var readErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case c, ok := <-chunks:
			if !ok {
				break loop
			}
			if c.err != nil {
				// A stream ends; a serial port does not: its end means
				// the device or its USB bridge went away.
				switch {
				case !errors.Is(c.err, io.EOF):
					readErr = c.err
				case o.Port != "":
					readErr = errors.New("the port closed")
				}
				break loop
			}
			if save != nil {
				if _, err := save.Write(c.b); err != nil {
					readErr = fmt.Errorf("writing %s: %w", o.Save, err)
					break loop
				}
			}
			v.feed(c.b)
		}
	}
	src.Close()
	v.finish()
	if save != nil {
		if err := save.Close(); err != nil && readErr == nil {
			readErr = fmt.Errorf("writing %s: %w", o.Save, err)
		}
	}
	v.summary(o.Save)
	if readErr != nil {
		return &exitError{code: ExitUsage, msg: fmt.Sprintf("reading %s after line %d: %v", name, v.lines, readErr),
			hints: []string{"the device was unplugged or reset its USB bridge; run monitor again once it is back"}}
	}
	if v.failures > 0 {
		return &exitError{code: ExitProblems}
	}
	return nil
}

// consoleView splits the byte stream into lines and annotates them. Raw
// bytes are shown as they come (a prompt without a line end must be seen);
// an annotation follows the line it belongs to.
type consoleView struct {
	o         *monitorOptions
	out       io.Writer
	style     term.Style
	ann       *consolelog.Annotator
	line      []byte
	pendingCR bool // the last byte was CR: a following LF belongs to it
	lines     int
	failures  int
	name      string
	lastKey   string // the latest annotation shown, and its line
	lastLine  int
}

func newConsoleView(o *monitorOptions, name string) *consoleView {
	return &consoleView{o: o, out: o.io.Out, style: o.io.Style(), ann: consolelog.NewAnnotator(), name: name}
}

// feed takes the next bytes. Lines end at LF, CR LF or a lone CR (some
// consoles send CR only). Bytes are shown as they come, a line at a time so
// that each annotation sits under its line; a partial line (a prompt) is
// shown at once.
func (v *consoleView) feed(b []byte) {
	start := 0
	show := func(end int) {
		if !v.o.JSON && end > start {
			v.out.Write(b[start:end])
		}
		start = end
	}
	for i, c := range b {
		if v.pendingCR {
			v.pendingCR = false
			if c == '\n' {
				show(i + 1)
				v.endLine()
				continue
			}
			// The line ended at a lone CR (some consoles send CR only):
			// move to a new line, or the next would overwrite it.
			show(i)
			v.loneCR()
		}
		switch c {
		case '\n':
			show(i + 1)
			v.endLine()
		case '\r':
			// Wait for the next byte: LF after it belongs to this line end.
			v.pendingCR = true
		default:
			// A runaway line (binary noise at the wrong baud rate) is cut
			// so that memory stays bounded.
			if len(v.line) >= 64<<10 {
				show(i)
				v.endLine()
			}
			v.line = append(v.line, c)
		}
	}
	show(len(b))
	flush(v.out)
}

func (v *consoleView) loneCR() {
	if !v.o.JSON {
		v.out.Write([]byte("\n"))
	}
	v.endLine()
}

func (v *consoleView) endLine() {
	v.lines++
	text := string(v.line)
	v.line = v.line[:0]
	a, ok := v.ann.Line(text)
	if ok && a.Outcome == consolelog.OutcomeFail {
		v.failures++
	}
	if v.o.JSON {
		ml := monitorLine{SchemaVersion: render.SchemaVersion, Line: v.lines, Time: v.o.now().UTC().Format(time.RFC3339Nano), Text: text}
		if ok {
			ml.Annotation = &a
		}
		b, _ := json.Marshal(ml)
		v.out.Write(append(b, '\n'))
		return
	}
	if !ok {
		return
	}
	// One failure is often printed on several lines ("returned -0x2700",
	// "Failed to verify peer certificate!", "Failed to open new connection"):
	// say it once.
	key := a.Cause + "\x00" + a.Next
	if key == v.lastKey && v.lines-v.lastLine <= 6 {
		v.lastLine = v.lines
		return
	}
	v.lastKey, v.lastLine = key, v.lines
	fmt.Fprint(v.out, v.annotation(a))
}

// annotation renders one annotation as two short lines under the console
// line; marked so that it never reads as device output.
func (v *consoleView) annotation(a consolelog.Annotation) string {
	var b strings.Builder
	var parts []string
	if len(a.Codes) > 0 {
		c := a.Codes[0]
		if isNumberToken(c.Token) {
			parts = append(parts, c.Token)
		}
		if c.Name != "" && c.Name != c.Token {
			parts = append(parts, c.Name)
		}
	}
	if a.Flags != nil && len(a.Flags.Names) > 0 {
		parts = append(parts, "["+strings.Join(a.Flags.Names, ", ")+"]")
	}
	head := "tlsdoctor"
	if len(parts) > 0 {
		head += " " + strings.Join(parts, " ")
	}
	mark := v.style.Warn
	if a.Outcome == consolelog.OutcomeFail {
		mark = v.style.Error
	}
	fmt.Fprintf(&b, "  %s %s: %s\n", mark("»"), v.style.Bold(head), a.Cause)
	if a.Next != "" {
		fmt.Fprintf(&b, "    next: %s\n", v.style.Code(a.Next))
	}
	return b.String()
}

// isNumberToken tells a code as printed (-0x2700, -9984, 572) from a name
// or a library text.
func isNumberToken(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, c := range strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// finish annotates a last line that had no line end.
func (v *consoleView) finish() {
	if v.pendingCR {
		v.pendingCR = false
		v.loneCR()
	}
	if len(v.line) > 0 {
		if !v.o.JSON {
			v.out.Write([]byte("\n"))
		}
		v.endLine()
	}
	flush(v.out)
}

func (v *consoleView) summary(saved string) {
	if v.o.JSON {
		return
	}
	msg := fmt.Sprintf("tlsdoctor: %d lines from %s, %d with a failure", v.lines, v.name, v.failures)
	fmt.Fprintln(v.o.io.Err, msg)
	if saved != "" {
		fmt.Fprintf(v.o.io.Err, "hint: run 'tlsdoctor log %s' for the diagnosis of the whole session\n", saved)
	}
}

// flush pushes buffered output to the terminal: a live view must not wait
// for the end of the run.
func flush(w io.Writer) {
	if f, ok := w.(interface{ Flush() error }); ok {
		f.Flush()
	}
}
