package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/internal/serialport"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
	"github.com/tlsdoctor/tlsdoctor/profile"
	"github.com/tlsdoctor/tlsdoctor/provision"
)

type provisionOptions struct {
	Port          string
	Baud          int
	Frame         string
	Cert          string
	Dialogue      string
	LineEnding    string
	Pace          string
	LineDelay     time.Duration
	RTSCTS        bool
	DryRun        bool
	Transcript    string
	Force         bool
	ListDialogues bool
	Vars          []string
	prof          profileFlags

	dialogue *provision.Dialogue
	ropt     provision.Options
	serial   serialport.Config
	profile  *profile.Profile
	io       IO
	now      func() time.Time
}

func newProvisionCmd(stdio IO) *cobra.Command {
	opts := &provisionOptions{io: stdio, now: time.Now}
	cmd := &cobra.Command{
		Use:   "provision --port PORT --cert FILE [--dialogue NAME|FILE]",
		Short: "Put a root CA on a device over its serial console, checked, and confirmed by the device",
		Long: `Send a root CA to a device through its serial console the way its firmware reads
it: wait for its prompt, send the certificate with the line ending and pace it
needs, check its echo byte for byte, recognise its error replies, and finish only
when the device confirms what it stored. Before anything is sent the certificate
is checked (as 'tlsdoctor check' does) for the device's mbedTLS; one it would
reject is not sent unless --force.

Dialogues: generic (paste the PEM, end with an empty line), st-cloud (ST X-CUBE-AWS
/ X-CUBE-AZURE menu on B-L475E-IOT01A, with the "push the user button" window),
esp-at, nrf91, quectel, simcom, ublox; or a dialogue file of your own (format:
'go doc github.com/tlsdoctor/tlsdoctor/provision'). --list-dialogues shows them.

Exit status: 0 when the device confirmed; 1 when it refused (an error reply, a
read-back that differs) or the check found the certificate unusable; 2 when the
port is missing or busy, the device is silent, talks at another baud rate, or
stops mid-transfer. The transcript (--transcript) is written on every outcome.`,
		Example: `  tlsdoctor provision --port /dev/ttyUSB0 --cert root_ca.pem
  tlsdoctor provision --port COM3 --cert AmazonRootCA1.pem --dialogue st-cloud
  tlsdoctor provision --port /dev/ttyACM0 --cert ca.pem --dialogue nrf91 --var sec_tag=16842753
  tlsdoctor provision --port /dev/ttyUSB0 --cert ca.pem --pace 1000 --transcript provision.log
  tlsdoctor provision --cert ca.pem --dialogue quectel --dry-run
  tlsdoctor provision --list-dialogues`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.ListDialogues {
				return listDialogues(opts.io.Out)
			}
			if err := opts.validate(); err != nil {
				return err
			}
			return runProvision(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Port, "port", "", "the serial port: /dev/ttyUSB0, /dev/ttyACM0, COM3")
	f.IntVar(&opts.Baud, "baud", 115200, "baud rate of the device's console")
	f.StringVar(&opts.Frame, "frame", "8N1", "data bits, parity and stop bits")
	f.StringVar(&opts.Cert, "cert", "", "the root CA to send (PEM or DER)")
	f.StringVar(&opts.Dialogue, "dialogue", "generic", "a built-in dialogue's name, or a dialogue file")
	f.StringVar(&opts.LineEnding, "line-ending", "", "line ending: lf, crlf or cr (default: the dialogue's)")
	f.StringVar(&opts.Pace, "pace", "", "send at most this many bytes per second, e.g. 1000")
	f.DurationVar(&opts.LineDelay, "line-delay", 0, "wait this long after each line, e.g. 20ms")
	f.BoolVar(&opts.RTSCTS, "rtscts", false, "use RTS/CTS: wait for the device's CTS before sending")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the exact bytes that would be sent (escaped), without opening the port")
	f.StringVar(&opts.Transcript, "transcript", "", "write both directions, with timestamps, to FILE (on every outcome)")
	f.BoolVar(&opts.Force, "force", false, "send a certificate the check says the device will reject, or a line ending the dialogue refuses")
	f.BoolVar(&opts.ListDialogues, "list-dialogues", false, "list the built-in dialogues and exit")
	f.StringArrayVar(&opts.Vars, "var", nil, "set a dialogue variable, NAME=VALUE (repeatable), e.g. sec_tag=42")
	opts.prof.bind(f)
	return cmd
}

func listDialogues(w io.Writer) error {
	for _, n := range provision.BuiltinNames() {
		d, _ := provision.Builtin(n)
		fmt.Fprintf(w, "%-9s %s\n", n, d.Title)
	}
	return nil
}

func (o *provisionOptions) validate() error {
	if o.Cert == "" {
		return usageError("--cert is required: the root CA file to send", "tlsdoctor provision --port /dev/ttyUSB0 --cert root_ca.pem")
	}
	if o.Port == "" && !o.DryRun {
		return usageError("--port is required (or --dry-run to see what would be sent)", "tlsdoctor provision --port /dev/ttyUSB0 --cert "+o.Cert)
	}
	d, err := loadDialogue(o.Dialogue)
	if err != nil {
		return err
	}
	o.dialogue = d
	if o.LineEnding != "" {
		e, err := provision.ParseLineEnding(o.LineEnding)
		if err != nil || e == provision.EndingNone {
			return usageError(fmt.Sprintf("--line-ending %q: want lf, crlf or cr", o.LineEnding))
		}
		o.ropt.Ending = e
	}
	var pace provision.Pace
	if o.Pace != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(o.Pace, "/s"), "B"))
		if err != nil || n <= 0 {
			return usageError(fmt.Sprintf("--pace %q: want bytes per second, e.g. 1000", o.Pace))
		}
		pace.BytesPerSecond = n
	}
	if o.LineDelay < 0 {
		return usageError("--line-delay must not be negative")
	}
	pace.LineDelay = o.LineDelay
	if !pace.IsZero() {
		o.ropt.Pace = &pace
	}
	o.ropt.RTSCTS = o.RTSCTS
	o.ropt.AnyEnding = o.Force
	o.ropt.Vars = map[string]string{}
	for _, v := range o.Vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return usageError(fmt.Sprintf("--var %q: want NAME=VALUE", v))
		}
		o.ropt.Vars[name] = value
	}
	o.serial = serialport.Config{Baud: o.Baud, RTSCTS: o.RTSCTS}
	if err := o.serial.ParseFrame(o.Frame); err != nil {
		return usageError(err.Error())
	}
	if o.Baud <= 0 {
		return usageError(fmt.Sprintf("--baud %d: want the console's rate, e.g. 115200", o.Baud))
	}
	p, err := o.prof.profile(o.now())
	if err != nil {
		return err
	}
	o.profile = p
	return nil
}

// loadDialogue finds a built-in dialogue by name, or reads a file.
func loadDialogue(name string) (*provision.Dialogue, error) {
	if d, ok := provision.Builtin(name); ok {
		return d, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(name, `/\.`) {
			return nil, usageError(fmt.Sprintf("no dialogue %q", name), "built-in dialogues: "+strings.Join(provision.BuiltinNames(), ", ")+"; or give a dialogue file")
		}
		return nil, usageError(fmt.Sprintf("--dialogue %s: %v", name, errors.Unwrap(err)))
	}
	d, err := provision.Parse(name, data)
	if err != nil {
		return nil, usageError(err.Error(), "the dialogue format: go doc github.com/tlsdoctor/tlsdoctor/provision")
	}
	return d, nil
}

func runProvision(ctx context.Context, o *provisionOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	data, err := readInput(o.io, o.Cert, "a root CA is kilobytes")
	if err != nil {
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	p, err := provision.LoadCert(o.Cert, data)
	if err != nil {
		return &exitError{code: ExitUsage, msg: err.Error(), hints: []string{"give the root CA as a PEM or DER file; `tlsdoctor check FILE` says what is in it"}}
	}
	if err := o.check(p); err != nil {
		return err
	}
	if o.DryRun {
		plan, err := provision.Plan(o.dialogue, p, o.ropt)
		if err != nil {
			return usageError(err.Error(), "or --force to send it anyway")
		}
		provision.WritePlan(o.io.Out, o.dialogue, p, o.ropt, plan)
		return nil
	}
	port, err := serialport.Open(o.Port, o.serial)
	if err != nil {
		var oe *serialport.OpenError
		if errors.As(err, &oe) {
			return &exitError{code: ExitUsage, msg: oe.Error(), hints: []string{oe.Hint()}}
		}
		return usageError(err.Error())
	}
	defer port.Close()
	for _, n := range o.dialogue.Notes {
		fmt.Fprintf(o.io.Err, "tlsdoctor: %s\n", n)
	}
	fmt.Fprintf(o.io.Err, "tlsdoctor: %s at %d baud, dialogue %s: waiting for the device (reset it if it printed its prompt already)\n", o.Port, o.Baud, o.dialogue.Name)
	cd := newCountdown(o.io.Err, stderrIsTTY(o.io))
	o.ropt.Events = cd.event
	res, runErr := provision.Run(ctx, port, o.dialogue, p, o.ropt)
	cd.stop()
	if o.Transcript != "" && res != nil {
		if err := writeTranscript(o.Transcript, res.Transcript); err != nil {
			fmt.Fprintf(o.io.Err, "tlsdoctor: writing the transcript: %v\n", err)
		} else {
			fmt.Fprintf(o.io.Err, "tlsdoctor: transcript written to %s\n", o.Transcript)
		}
	}
	if runErr != nil {
		var se *provision.StepError
		var ce *provision.ConfigError
		switch {
		case errors.As(runErr, &se):
			code := ExitUsage
			if se.DeviceRejected() {
				code = ExitProblems
			}
			var hints []string
			if se.Hint != "" {
				hints = append(hints, se.Hint)
			}
			if o.Transcript == "" {
				hints = append(hints, "--transcript FILE keeps both directions of the conversation")
			}
			return &exitError{code: code, msg: se.Error(), hints: hints}
		case errors.As(runErr, &ce):
			return usageError(ce.Error(), "or --force to do it anyway")
		}
		return &exitError{code: ExitUsage, msg: runErr.Error()}
	}
	fmt.Fprintf(o.io.Out, "%s: the device confirmed the root CA (%s, %d bytes sent)\n", o.Cert, o.dialogue.Name, res.BytesSent)
	for _, c := range res.Confirmations {
		fmt.Fprintf(o.io.Out, "  device: %s\n", c)
	}
	return nil
}

// check refuses a certificate the device's stack would reject.
func (o *provisionOptions) check(p *provision.Payload) error {
	rep, err := p.Check(provision.CheckOptions{Profile: o.profile, Now: o.now()})
	if err != nil {
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	if !rep.Failing() {
		return nil
	}
	render.CheckText(o.io.Err, rep, term.Style{})
	rej := &provision.RejectedError{Report: rep}
	if o.Force {
		fmt.Fprintf(o.io.Err, "tlsdoctor: %s; sending anyway (--force)\n", rej.Error())
		return nil
	}
	return &exitError{code: ExitProblems, msg: rej.Error() + ": not sent", hints: []string{"fix the certificate or the device's configuration (see above), or --force to send it anyway"}}
}

func writeTranscript(path string, t *provision.Transcript) error {
	var b strings.Builder
	if err := t.WriteText(&b); err != nil {
		return err
	}
	return writeAtomic(path, []byte(b.String()))
}

func stderrIsTTY(stdio IO) bool {
	f, ok := stdio.Err.(*os.File)
	return ok && term.IsTerminal(f)
}

// countdown shows the bench instruction on stderr: a live countdown on a
// terminal, plain lines otherwise.
type countdown struct {
	w    io.Writer
	tty  bool
	mu   sync.Mutex
	done chan struct{}
}

func newCountdown(w io.Writer, tty bool) *countdown { return &countdown{w: w, tty: tty} }

func (c *countdown) event(e provision.Event) {
	switch e.Kind {
	case provision.EventBench:
		c.stop()
		left := time.Until(e.Deadline).Round(time.Second)
		if !c.tty {
			fmt.Fprintf(c.w, "tlsdoctor: NOW: %s (within %s)\n", e.Instruction, left)
			return
		}
		done := make(chan struct{})
		c.mu.Lock()
		c.done = done
		c.mu.Unlock()
		go func() {
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				left := time.Until(e.Deadline)
				if left < 0 {
					left = 0
				}
				fmt.Fprintf(c.w, "\r\x1b[Ktlsdoctor: NOW: %s: %.0fs left", e.Instruction, left.Seconds())
				select {
				case <-done:
					fmt.Fprint(c.w, "\r\x1b[K")
					return
				case <-tick.C:
				}
			}
		}()
	case provision.EventBenchDone:
		c.stop()
		fmt.Fprintln(c.w, "tlsdoctor: the device moved on")
	}
}

func (c *countdown) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done != nil {
		close(c.done)
		c.done = nil
		time.Sleep(10 * time.Millisecond) // let the line be cleared
	}
}
