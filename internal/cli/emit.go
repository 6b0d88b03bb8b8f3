package cli

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/anchor"
	"github.com/tlsdoctor/tlsdoctor/chain"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/probe"
	"github.com/tlsdoctor/tlsdoctor/roots"
)

type emitOptions struct {
	Inputs       []string
	Format       string
	Name         string
	Output       string
	IDFVersion   string
	EOL          string
	AllowLeaf    bool
	AllowExpired bool
	JSON         bool
	Roots        []string // --root: names or fingerprints in the bundled store
	Endpoints    []string // --endpoint: the roots probe recommends for these
	RotationSafe bool     // with --endpoint: the backup roots too
	UserRoots    []string // --roots: more stores a recommended root may come from
	Timeout      time.Duration

	format anchor.Format
	io     IO
	now    func() time.Time
}

func newEmitCmd(stdio IO, runF func(*emitOptions) error) *cobra.Command {
	opts := &emitOptions{io: stdio, now: time.Now}
	if runF == nil {
		runF = runEmit
	}
	var formatHelp strings.Builder
	for _, f := range anchor.Formats() {
		fmt.Fprintf(&formatHelp, "  %-15s %s\n", f, anchor.About(f))
	}
	cmd := &cobra.Command{
		Use:   "emit [FILE...] --format FORMAT",
		Short: "Write root CAs in firmware-ready form: C string or array, header, BearSSL, ESP-IDF bundle, Zephyr, Arduino",
		Long: `Write trust anchors (root CA certificates) in the bytes the firmware's toolchain
and TLS stack need, each commented with its subject, SHA-256 fingerprint, key and
expiry. Input is any form check reads (PEM, DER, C source, hex, base64, JSON);
several files or a bundle give several anchors, in input order, duplicates removed.
Private keys and CSRs are refused; a certificate that is not a CA only with
--allow-leaf, an expired one only with --allow-expired.

Formats:` + "\n" + strings.TrimRight(formatHelp.String(), "\n"),
		Example: `  tlsdoctor emit isrg_root_x1.pem --format c-pem --name isrg_root_x1 -o isrg_root_x1.h
  tlsdoctor emit roots.pem --format c-header --name trusted_roots -o trusted_roots.h
  tlsdoctor emit roots.pem --format bearssl -o trust_anchors.h
  tlsdoctor emit roots.pem --format esp-idf-bundle --idf-version 5.3 -o x509_crt_bundle
  tlsdoctor emit root.pem --format esp-idf-embed -o main/
  tlsdoctor emit root.pem --format zephyr -o src/certs/
  tlsdoctor emit root.pem --format console --eol crlf
  tlsdoctor emit --root "ISRG Root X1" --root "ISRG Root X2" --format c-header -o roots.h
  tlsdoctor emit --endpoint broker.example.com:8883 --rotation-safe --format c-pem`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "", "output format (see the list above)")
	f.StringVar(&opts.Name, "name", "", "C identifier and file-name stem (default "+anchor.DefaultName+")")
	f.StringVarP(&opts.Output, "output", "o", "", "write to FILE, or into DIR for formats that make several files (atomically)")
	f.StringVar(&opts.IDFVersion, "idf-version", "", "esp-idf-bundle layout: 5.3 (v4.x to v5.3) or 5.4 (v5.4 on; default)")
	f.StringVar(&opts.EOL, "eol", "", "console line ends: lf (default) or crlf")
	f.BoolVar(&opts.AllowLeaf, "allow-leaf", false, "accept a certificate that is not a CA (pinning), with a warning")
	f.BoolVar(&opts.AllowExpired, "allow-expired", false, "keep expired or not-yet-valid certificates, with a warning")
	f.BoolVar(&opts.JSON, "json", false, "print what was written as JSON (schema_version 1); needs -o")
	f.StringArrayVar(&opts.Endpoints, "endpoint", nil, "the roots an endpoint's chain leads to in the bundled store, found by probing it (HOST[:PORT], repeatable)")
	f.BoolVar(&opts.RotationSafe, "rotation-safe", false, "with --endpoint: add a backup root per endpoint (a cross-signed twin) so one root's expiry or distrust does not cut the device off")
	f.DurationVar(&opts.Timeout, "timeout", 10*time.Second, "with --endpoint: time allowed per endpoint")
	f.StringArrayVar(&opts.UserRoots, "roots", nil, "with --endpoint: a file of roots (a private CA), or \"system\" for the OS trust store, searched besides the bundled store (repeatable)")
	f.StringArrayVar(&opts.Roots, "root", nil, "a root from the bundled Mozilla store, by name or SHA-256 fingerprint (repeatable; see tlsdoctor roots search)")
	return cmd
}

func (o *emitOptions) validate() error {
	if o.Format == "" {
		return usageError("--format is required", "tlsdoctor emit --help lists the formats; e.g. --format c-pem")
	}
	f, err := anchor.ParseFormat(o.Format)
	if err != nil {
		return usageError(err.Error())
	}
	o.format = f
	if o.Name != "" {
		if err := anchor.CheckName(o.Name); err != nil {
			return usageError(err.Error())
		}
	}
	if o.IDFVersion != "" {
		if f != anchor.ESPIDFBundle {
			return usageError("--idf-version applies to --format esp-idf-bundle only")
		}
		if o.IDFVersion != anchor.IDF53 && o.IDFVersion != anchor.IDF54 {
			return usageError(fmt.Sprintf("--idf-version %q: want 5.3 (ESP-IDF v4.x to v5.3) or 5.4 (v5.4 and later)", o.IDFVersion))
		}
	}
	if o.EOL != "" {
		if f != anchor.Console {
			return usageError("--eol applies to --format console only")
		}
		if o.EOL != "lf" && o.EOL != "crlf" {
			return usageError(fmt.Sprintf("--eol %q: want lf or crlf", o.EOL))
		}
	}
	if o.JSON && o.Output == "" {
		return usageError("--json without -o: the emitted bytes and the JSON would share stdout", "add -o FILE or -o DIR")
	}
	if o.RotationSafe && len(o.Endpoints) == 0 {
		return usageError("--rotation-safe goes with --endpoint")
	}
	for _, a := range o.Endpoints {
		if _, _, err := probe.SplitAddr(a); err != nil {
			return usageError(err.Error(), "give HOST or HOST:PORT, e.g. broker.example.com:8883")
		}
	}
	if len(o.Inputs) == 0 && len(o.Roots) == 0 && len(o.Endpoints) == 0 {
		o.Inputs = []string{"-"}
	}
	return nil
}

func (o *emitOptions) readInput(name string) ([]byte, error) {
	return readInput(o.io, name, "emit reads certificates")
}

// endpointRoots probes each endpoint, builds its paths to the bundled store
// and returns the recommended roots (the minimal set, or the rotation-safe
// one), each named with the endpoints it serves.
func endpointRoots(o *emitOptions) ([]anchor.Candidate, error) {
	ctx := context.Background()
	stores := []*roots.Store{}
	for _, name := range o.UserRoots {
		if name == roots.SystemStoreName {
			st, err := loadStore(name)
			if err != nil {
				return nil, &exitError{code: ExitUsage, msg: "--roots system: " + err.Error()}
			}
			stores = append(stores, st)
			continue
		}
		data, err := o.readInput(name)
		if err != nil {
			return nil, &exitError{code: ExitUsage, msg: err.Error()}
		}
		st, err := roots.Load(name, data)
		if err != nil {
			return nil, &exitError{code: ExitUsage, msg: err.Error()}
		}
		stores = append(stores, st)
	}
	stores = append(stores, roots.Bundled())
	var pools []*chain.Pool
	for _, st := range stores {
		var certs []*x509.Certificate
		for _, r := range st.Roots {
			certs = append(certs, r.Cert)
		}
		pools = append(pools, chain.NewPool(st.Name, certs))
	}
	var eps []chain.Endpoint
	for _, out := range probe.All(ctx, o.Endpoints, probe.Options{Timeout: o.Timeout, MFL: -1, Now: o.now}, 4, nil) {
		if out.Err != nil {
			return nil, &exitError{code: ExitUsage, msg: out.Err.Error(), hints: []string{"`tlsdoctor probe HOST` shows the whole exchange"}}
		}
		res := chain.Build(out.Result.Certs, chain.Options{Anchors: pools, At: o.now()})
		eps = append(eps, chain.Endpoint{Name: out.Result.Addr, Result: res})
	}
	rec := chain.Recommend(eps)
	if len(rec.Uncovered) > 0 {
		return nil, &exitError{code: ExitProblems, msg: "no path to a root in the bundled store for " + strings.Join(rec.Uncovered, ", "),
			hints: []string{"the endpoint may use a private CA: give its root as a file instead"}}
	}
	set := rec.Minimal
	if o.RotationSafe {
		set = rec.RotationSafe
		for _, n := range rec.NoBackup {
			fmt.Fprintf(o.io.Err, "tlsdoctor: %s: no second root seen, so no backup for it\n", n)
		}
	}
	var out []anchor.Candidate
	for _, ch := range set {
		out = append(out, anchor.Candidate{DER: ch.Anchor.X509.Raw, Source: "probe of " + strings.Join(ch.Covers, ", "),
			Serves: fmt.Sprintf("%s (%s root; its paths hold until %s)", strings.Join(ch.Covers, ", "), ch.Role, ch.Until.Format("2006-01-02"))})
	}
	return out, nil
}

func runEmit(o *emitOptions) error {
	var cands []anchor.Candidate
	for _, name := range o.Inputs {
		data, err := o.readInput(name)
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error()}
		}
		src := name
		if src == "-" {
			src = "stdin"
		}
		c, err := anchor.Extract(data, src)
		if err != nil {
			return refusedExit(err)
		}
		cands = append(cands, c...)
	}
	set := roots.NewSet()
	for _, id := range o.Roots {
		r, err := set.Find(id)
		if err != nil {
			return &exitError{code: ExitUsage, msg: "--root " + err.Error(), hints: []string{"`tlsdoctor roots search TEXT` lists the roots and their fingerprints"}}
		}
		c, err := anchor.Extract(r.Cert.Raw, "mozilla store: "+r.Name())
		if err != nil {
			return refusedExit(err)
		}
		cands = append(cands, c...)
	}
	if len(o.Endpoints) > 0 {
		c, err := endpointRoots(o)
		if err != nil {
			return err
		}
		cands = append(cands, c...)
	}
	anchors, notes, err := anchor.Select(cands, anchor.Options{Now: o.now(), AllowLeaf: o.AllowLeaf, AllowExpired: o.AllowExpired})
	for _, n := range notes {
		fmt.Fprintf(o.io.Err, "tlsdoctor: %s: %s\n", n.Source, n.Message)
	}
	if err != nil {
		return refusedExit(err)
	}
	files, err := anchor.Emit(o.format, anchors, anchor.EmitOptions{Name: o.Name, IDFVersion: o.IDFVersion, CRLF: o.EOL == "crlf"})
	if err != nil {
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	written, err := o.writeFiles(files)
	if err != nil {
		return err
	}
	if o.JSON {
		return render.WriteJSON(o.io.Out, emitJSON(o, anchors, notes, written, files))
	}
	for _, w := range written {
		fmt.Fprintf(o.io.Err, "tlsdoctor: wrote %s (%d anchor(s), %s)\n", w, len(anchors), o.format)
	}
	return nil
}

// refusedExit turns a refusal into exit 2 with what would have worked.
func refusedExit(err error) error {
	var re *anchor.RefusedError
	if errors.As(err, &re) {
		switch re.Reason {
		case anchor.ReasonLeaf:
			return &exitError{code: ExitUsage, msg: err.Error(), hints: []string{"`tlsdoctor probe HOST` shows the root that issued a server's certificate"}}
		case anchor.ReasonNoCertificate, anchor.ReasonUnreadable:
			return &exitError{code: ExitUsage, msg: err.Error(), hints: []string{"`tlsdoctor check FILE` says what is wrong with it"}}
		}
	}
	return &exitError{code: ExitUsage, msg: err.Error()}
}

// writeFiles writes the output: to stdout when it is one text file and no
// -o is given; to -o FILE when it is one file; into -o DIR otherwise. All
// files go to temporary names first and are renamed only when every one
// was written, so a failure leaves no half-written output.
func (o *emitOptions) writeFiles(files []anchor.File) ([]string, error) {
	if o.Output == "" {
		if len(files) > 1 {
			names := make([]string, len(files))
			for i, f := range files {
				names[i] = f.Name
			}
			return nil, usageError(fmt.Sprintf("--format %s writes %d files (%s)", o.format, len(files), strings.Join(names, ", ")), "give a directory: -o DIR")
		}
		if anchor.Binary(o.format) && o.io.OutTTY {
			return nil, usageError(fmt.Sprintf("--format %s is binary: not writing it to a terminal", o.format), "add -o FILE")
		}
		_, err := o.io.Out.Write(files[0].Data)
		return nil, err
	}
	dir, single := o.Output, ""
	fi, err := os.Stat(o.Output)
	isDir := err == nil && fi.IsDir() || strings.HasSuffix(o.Output, "/") || strings.HasSuffix(o.Output, string(os.PathSeparator))
	if !isDir {
		if len(files) > 1 {
			return nil, usageError(fmt.Sprintf("--format %s writes %d files: -o must be a directory", o.format, len(files)), "create it first, or end -o with /")
		}
		dir, single = filepath.Dir(o.Output), o.Output
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &exitError{code: ExitUsage, msg: err.Error()}
	}
	targets := make([]string, len(files))
	for i, f := range files {
		targets[i] = filepath.Join(dir, f.Name)
		if single != "" {
			targets[i] = single
		}
	}
	if err := writeAllAtomic(targets, files); err != nil {
		return nil, &exitError{code: ExitUsage, msg: err.Error()}
	}
	return targets, nil
}

func writeAllAtomic(targets []string, files []anchor.File) error {
	temps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for i, f := range files {
		tmp, err := os.CreateTemp(filepath.Dir(targets[i]), "."+filepath.Base(targets[i])+".tmp*")
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Data)
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
			cleanup()
			return err
		}
	}
	for i, t := range temps {
		if err := os.Rename(t, targets[i]); err != nil {
			cleanup()
			return err
		}
	}
	return nil
}

type emitAnchorJSON struct {
	Source   string `json:"source"`
	Subject  string `json:"subject"`
	SHA256   string `json:"sha256"`
	Key      string `json:"key"`
	NotAfter string `json:"not_after"`
	IsCA     bool   `json:"is_ca"`
}

type emitFileJSON struct {
	Path   string `json:"path"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

type emitNoteJSON struct {
	ID      string `json:"id"`
	Source  string `json:"source"`
	Message string `json:"message"`
}

type emitReportJSON struct {
	SchemaVersion int              `json:"schema_version"`
	Format        string           `json:"format"`
	Anchors       []emitAnchorJSON `json:"anchors"`
	Files         []emitFileJSON   `json:"files"`
	Notes         []emitNoteJSON   `json:"notes"`
}

func emitJSON(o *emitOptions, anchors []*anchor.Anchor, notes []anchor.Note, paths []string, files []anchor.File) emitReportJSON {
	r := emitReportJSON{SchemaVersion: 1, Format: string(o.format), Anchors: []emitAnchorJSON{}, Files: []emitFileJSON{}, Notes: []emitNoteJSON{}}
	for _, a := range anchors {
		r.Anchors = append(r.Anchors, emitAnchorJSON{Source: a.Source, Subject: a.Subject, SHA256: hex.EncodeToString(a.Fingerprint[:]), Key: a.Key, NotAfter: a.NotAfter.Format(time.RFC3339), IsCA: a.IsCA})
	}
	for i, p := range paths {
		sum := sha256.Sum256(files[i].Data)
		r.Files = append(r.Files, emitFileJSON{Path: p, Bytes: len(files[i].Data), SHA256: hex.EncodeToString(sum[:])})
	}
	for _, n := range notes {
		r.Notes = append(r.Notes, emitNoteJSON(n))
	}
	return r
}
