package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/doctor"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// maxInput bounds what check reads from one file or stdin: certificate
// bundles are kilobytes; a firmware image belongs to `tlsdoctor scan`.
const maxInput = 64 << 20

type checkOptions struct {
	Inputs []string
	Form   string
	Length string
	Fix    bool
	Output string
	JSON   bool
	prof   profileFlags

	form    certinput.Form
	modes   []certinput.LengthMode
	profile *profile.Profile
	io      IO
	now     func() time.Time
}

func newCheckCmd(stdio IO, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{io: stdio, now: time.Now}
	if runF == nil {
		runF = runCheck
	}
	cmd := &cobra.Command{
		Use:   "check [INPUT...]",
		Short: "Read a root CA the way the device does: the exact code it returns, why, and the fixed bytes",
		Long: `Read whatever you have that is meant to be a root CA (PEM, DER, a C/C++ source file
with string literals or byte arrays, a hex dump, base64, JSON, a console paste on
stdin) byte for byte, the way the device's mbedTLS reads it, and say:
- what mbedtls_x509_crt_parse will return, for mbedTLS 2.28 and 3.6 and for each
  plausible way the firmware passes the length (sizeof, strlen, strlen+1),
- every defect with its line and byte offset, shown visibly (\r, \0, U+FEFF),
- what is fine, and with --fix the corrected bytes in the input's own form.
Describe the device with --config (its mbedtls_config.h or sdkconfig) or --preset;
without them the stock configuration is assumed.`,
		Example: `  tlsdoctor check root_ca.pem
  tlsdoctor check aws_root_ca.h --length strlen
  tlsdoctor check root_ca.pem --config mbedtls_config.h --device-time unset
  tlsdoctor check ca.pem --preset embedded-small --heap 40k
  tlsdoctor check --fix root_ca.pem -o root_ca.fixed.pem
  pbpaste | tlsdoctor check -
  tlsdoctor check root_ca.pem --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Form, "form", "", "force the input form: pem, der, base64, hex, json, c, c-array, paste, binary (default: by extension, then content)")
	f.StringVar(&opts.Length, "length", "", "how the firmware passes the length: sizeof, strlen, strlen+1, sizeof-1, as-is, as-is+nul, or a byte count N (default: each plausible way)")
	f.BoolVar(&opts.Fix, "fix", false, "write the corrected bytes (to stdout, or to -o FILE)")
	f.StringVarP(&opts.Output, "output", "o", "", "with --fix: write the corrected bytes to FILE (atomically)")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	opts.prof.bind(f)
	return cmd
}

func (o *checkOptions) validate() error {
	if o.Form != "" {
		f, err := certinput.ParseForm(o.Form)
		if err != nil {
			return usageError(err.Error())
		}
		o.form = f
	}
	if o.Length != "" {
		m, err := certinput.ParseLengthMode(o.Length)
		if err != nil {
			return usageError(err.Error())
		}
		o.modes = []certinput.LengthMode{m}
	}
	if o.Output != "" && !o.Fix {
		return usageError("-o needs --fix", "tlsdoctor check --fix FILE -o FIXED")
	}
	if o.Fix && len(o.Inputs) > 1 {
		return usageError("--fix takes one input", "fix the files one at a time")
	}
	if o.Fix && o.JSON && o.Output == "" {
		return usageError("--fix without -o writes the fixed bytes to stdout, where --json also goes", "add -o FILE")
	}
	if len(o.Inputs) == 0 {
		o.Inputs = []string{"-"}
	}
	p, err := o.prof.profile(o.now())
	if err != nil {
		return err
	}
	o.profile = p
	return nil
}

// readInput reads one named input, bounded.
func (o *checkOptions) readInput(name string) ([]byte, error) {
	return readInput(o.io, name, "check reads certificates, not images (use `tlsdoctor scan` for firmware)")
}

// readInput reads a named input ("-" is stdin), bounded by maxInput; why
// ends the error for a larger one.
func readInput(stdio IO, name, why string) ([]byte, error) {
	var r io.Reader = stdio.In
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a directory: give the certificate file", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("%s is larger than %d MiB: %s", name, maxInput>>20, why)
	}
	return data, nil
}

func runCheck(o *checkOptions) error {
	var reports []*doctor.Report
	for _, name := range o.Inputs {
		data, err := o.readInput(name)
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error()}
		}
		in, err := certinput.Read(data, certinput.Options{Form: o.form, Name: name})
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error(), hints: []string{"check reads PEM, DER, C/C++ source, hex dumps, base64 and JSON; force one with --form"}}
		}
		reports = append(reports, doctor.Run(in, o.profile, doctor.Options{Modes: o.modes, Now: o.now(), Fix: o.Fix}))
	}
	if o.Fix {
		return writeFix(o, reports[0])
	}
	failing := false
	for _, r := range reports {
		failing = failing || r.Failing()
	}
	if o.JSON {
		if err := render.WriteJSON(o.io.Out, render.Check(reports, o.profile)); err != nil {
			return err
		}
	} else {
		if o.prof.Config == "" && o.prof.Preset == "" {
			fmt.Fprintf(o.io.Err, "tlsdoctor: no --config or --preset: assuming %s\n", describeProfile(o.profile))
		}
		for i, r := range reports {
			if i > 0 {
				fmt.Fprintln(o.io.Out)
			}
			render.CheckText(o.io.Out, r, o.io.Style())
		}
		if failing && !o.Fix {
			fmt.Fprintln(o.io.Err, "hint: `tlsdoctor check --fix INPUT -o FIXED` writes the repaired bytes; `tlsdoctor explain CODE` explains a return code")
		}
	}
	if failing {
		return &exitError{code: ExitProblems}
	}
	return nil
}

// writeFix writes the repaired input and checks it again.
func writeFix(o *checkOptions, rep *doctor.Report) error {
	fixed, err := doctor.FixedInput(rep)
	if err != nil {
		render.CheckText(o.io.Err, rep, o.io.Style())
		return &exitError{code: ExitProblems, msg: err.Error(), hints: []string{"a truncated or corrupted certificate cannot be repaired: get it again from its source"}}
	}
	// The fixed bytes must check clean, or we say so.
	again, err := certinput.Read(fixed, certinput.Options{Form: o.form, Name: o.Output})
	clean := err == nil && !doctor.Run(again, o.profile, doctor.Options{Modes: o.modes, Now: o.now()}).Failing()
	for _, ir := range rep.Items {
		if ir.Fix == nil {
			continue
		}
		for _, d := range ir.Fix.Dropped {
			fmt.Fprintf(o.io.Err, "tlsdoctor: left out %s\n", d)
		}
		if ir.Fix.Note != "" {
			fmt.Fprintf(o.io.Err, "hint: %s\n", ir.Fix.Note)
		}
	}
	if o.Output == "" {
		if _, err := o.io.Out.Write(fixed); err != nil {
			return err
		}
	} else {
		if err := writeAtomic(o.Output, fixed); err != nil {
			return &exitError{code: ExitUsage, msg: err.Error()}
		}
		fmt.Fprintf(o.io.Out, "wrote %s (%d bytes)\n", o.Output, len(fixed))
	}
	if !clean {
		return &exitError{code: ExitProblems, msg: "the fixed output still has problems: run tlsdoctor check on it"}
	}
	return nil
}

// writeAtomic writes data to a temporary file next to path and renames it
// into place, so a failure never leaves a half-written file.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
