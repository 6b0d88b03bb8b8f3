package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
)

type explainOptions struct {
	Input    string // the code, name, phrase or log line; "-" reads stdin
	Stack    string
	Flags    string
	HasFlags bool
	JSON     bool

	stack errcode.Stack
	flags uint32
	io    IO
}

// newExplainCmd binds the flags; runF does the work (tests pass their own to
// check how arguments become options).
func newExplainCmd(stdio IO, runF func(*explainOptions) error) *cobra.Command {
	opts := &explainOptions{io: stdio}
	if runF == nil {
		runF = runExplain
	}
	cmd := &cobra.Command{
		Use:   "explain CODE-or-LINE",
		Short: "Decode an error code, alert, handshake state or log line into causes and fixes",
		Long: `Decode what the board printed: an error code of mbedTLS 2.x/3.x, wolfSSL, BearSSL,
ESP-IDF (esp-tls) or a cellular modem's SSL AT commands, a TLS alert, an mbedTLS
handshake state, or a whole log line. mbedTLS composite codes are split into their
parts. For each code: its name and value, the library's own text, what it means on a
device, the likely causes (most common first), how to tell them apart, and the fix.

Accepted forms: ` + errcode.Forms + `.
A bare number that is valid in several stacks lists each reading; --stack picks one.
Give "-" to read the line from standard input.`,
		Example: `  tlsdoctor explain -0x2180
  tlsdoctor explain FFFFDE80                 # as ESP-IDF logs print -0x2180
  tlsdoctor explain -0x21E6                  # composite: -0x2180 + -0x0066
  tlsdoctor explain "mbedtls_x509_crt_parse returned -0x2180 while parsing root cert"
  tlsdoctor explain -0x2700 --flags 0x08     # decode mbedtls_ssl_get_verify_result()
  tlsdoctor explain "client state 3"
  tlsdoctor explain -188 --stack wolfssl
  tlsdoctor explain -111 --stack errno       # Zephyr/nRF/lwIP: ECONNREFUSED
  tlsdoctor explain BR_ERR_X509_NOT_TRUSTED
  tlsdoctor explain "alert 40"
  tlsdoctor explain "+QSSLOPEN: 1,572"
  tlsdoctor explain -0x2180 --json`,
		// Several words without quotes are a log line pasted unquoted.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !cmd.Flags().Changed("flags") {
				return usageError("explain needs a code or a log line", "accepted forms: "+errcode.Forms)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = strings.Join(args, " ")
			opts.HasFlags = cmd.Flags().Changed("flags")
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Stack, "stack", "", "read the code for one stack: mbedtls, wolfssl, bearssl, esp-idf, modem, tls, errno")
	cmd.Flags().StringVar(&opts.Flags, "flags", "", "decode mbedTLS verify flags (mbedtls_ssl_get_verify_result), e.g. 0x08")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	return cmd
}

func (o *explainOptions) validate() error {
	if o.Stack != "" {
		s, ok := errcode.ParseStack(o.Stack)
		if !ok {
			return usageError(fmt.Sprintf("unknown stack %q", o.Stack), "--stack takes mbedtls, wolfssl, bearssl, esp-idf, modem, tls or errno")
		}
		o.stack = s
	}
	if o.HasFlags {
		v, err := parseFlags(o.Flags)
		if err != nil {
			return usageError(err.Error(), "give the value mbedtls_ssl_get_verify_result() returned, e.g. --flags 0x08 or --flags 8")
		}
		o.flags = v
	}
	if o.Input == "-" {
		b, err := io.ReadAll(io.LimitReader(o.io.In, errcode.MaxInput+1))
		if err != nil {
			return &exitError{code: ExitUsage, msg: "reading standard input: " + err.Error()}
		}
		o.Input = string(b)
	}
	return nil
}

func parseFlags(s string) (uint32, error) {
	t := strings.TrimSpace(s)
	base := 10
	if strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
		t, base = t[2:], 16
	}
	v, err := strconv.ParseUint(t, base, 32)
	if err != nil {
		return 0, fmt.Errorf("--flags %q is not a 32-bit number", s)
	}
	return uint32(v), nil
}

func runExplain(o *explainOptions) error {
	var res *errcode.Result
	if strings.TrimSpace(o.Input) != "" || !o.HasFlags {
		r, err := errcode.Explain(o.Input, errcode.Options{Stack: o.stack})
		if err != nil {
			return explainError(o, err)
		}
		res = r
	}
	var flags *errcode.FlagsReading
	if o.HasFlags {
		f := errcode.ExplainFlags(o.flags)
		flags = &f
	}
	if o.JSON {
		return render.WriteJSON(o.io.Out, render.Explain(res, flags))
	}
	render.ExplainText(o.io.Out, res, flags, o.io.Style())
	if res != nil && !o.HasFlags && mentionsVerifyFailed(res) {
		fmt.Fprintln(o.io.Err, "hint: print mbedtls_ssl_get_verify_result() on the device and run 'tlsdoctor explain -0x2700 --flags VALUE' to see which check failed")
	}
	return nil
}

func mentionsVerifyFailed(res *errcode.Result) bool {
	for _, r := range res.Readings[:1] {
		for _, m := range r.Mbed {
			for _, p := range m.Parts {
				if p.Name == "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED" {
					return true
				}
			}
		}
	}
	return false
}

func explainError(o *explainOptions, err error) error {
	var nf *errcode.NotFoundError
	var ie *errcode.InputError
	switch {
	case errors.As(err, &nf):
		if o.JSON {
			_ = render.WriteJSON(o.io.Out, notFoundJSON(nf))
		} else {
			fmt.Fprintf(o.io.Out, "%s is not a code tlsdoctor knows (guessed stack: %s).\n", nf.Input, nf.Guessed.Title())
			if len(nf.Nearest) > 0 {
				fmt.Fprintln(o.io.Out, "Nearest known codes:")
				for _, c := range nf.Nearest {
					v := fmt.Sprint(c.Value)
					if c.Stack == errcode.MbedTLS {
						v = render.Hex(c.Value)
					}
					fmt.Fprintf(o.io.Out, "  %-9s %s  %s\n", v, c.Name, c.Text)
				}
			}
		}
		return &exitError{code: ExitProblems, hints: []string{"check the digits; if the board printed it in another form, try --stack, or paste the whole log line"}}
	case errors.As(err, &ie), errors.Is(err, errcode.ErrEmpty):
		return usageError(err.Error(), "accepted forms: "+errcode.Forms)
	}
	return &exitError{code: ExitUsage, msg: err.Error()}
}

type notFoundOut struct {
	SchemaVersion int                  `json:"schema_version"`
	Input         string               `json:"input"`
	Found         bool                 `json:"found"`
	GuessedStack  string               `json:"guessed_stack"`
	Nearest       []render.CodeJSON    `json:"nearest"`
	Readings      []render.ReadingJSON `json:"readings"`
}

func notFoundJSON(nf *errcode.NotFoundError) notFoundOut {
	out := notFoundOut{SchemaVersion: render.SchemaVersion, Input: nf.Input, GuessedStack: nf.Guessed.String(), Nearest: []render.CodeJSON{}, Readings: []render.ReadingJSON{}}
	for _, c := range nf.Nearest {
		out.Nearest = append(out.Nearest, render.CodeJSON{Name: c.Name, Value: c.Value, Hex: render.Hex(c.Value), Module: c.Module, Text: c.Text, Source: c.Source})
	}
	return out
}
