package cli

import (
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/chain"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/probe"
	"github.com/tlsdoctor/tlsdoctor/profile"
	"github.com/tlsdoctor/tlsdoctor/roots"
	"github.com/tlsdoctor/tlsdoctor/verdict"
)

// trustFlags are shared by probe and verify: the device's own trust list
// and extra stores for path building.
type trustFlags struct {
	Trust   string
	Roots   []string
	NoStore bool
}

func (t *trustFlags) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&t.Trust, "trust", "", "the device's trust store: the root CA file(s) it carries (PEM, DER, C source, ...)")
	f.StringArrayVar(&t.Roots, "roots", nil, rootsFlagHelp)
	f.BoolVar(&t.NoStore, "no-mozilla", false, "do not search the bundled Mozilla store for paths")
}

// loaded is what the trust flags read.
type loaded struct {
	trust     [][]byte
	trustName string
	pools     []*chain.Pool
}

func (t *trustFlags) load() (*loaded, error) {
	l := &loaded{}
	storePool := func(st *roots.Store) *chain.Pool {
		var cs []*x509.Certificate
		for _, r := range st.Roots {
			cs = append(cs, r.Cert)
		}
		return chain.NewPool(st.Name, cs)
	}
	if t.Trust != "" {
		data, err := os.ReadFile(t.Trust)
		if err != nil {
			return nil, usageError(fmt.Sprintf("--trust: %v", err))
		}
		// The device's own list is read as the device reads it (mbedsim
		// decides per build what survives); for path building the lenient
		// reader is enough.
		ders, err := readDERs(t.Trust, data)
		if err != nil || len(ders) == 0 {
			return nil, usageError(fmt.Sprintf("--trust %s: no certificate found", t.Trust), "give the root CA file the device carries: PEM, DER or a C source with it")
		}
		l.trust, l.trustName = ders, t.Trust
		if st, err := roots.Load(t.Trust, data); err == nil {
			l.pools = append(l.pools, storePool(st))
		}
	}
	for _, r := range t.Roots {
		st, err := loadStore(r)
		if err != nil {
			return nil, usageError(fmt.Sprintf("--roots: %v", err))
		}
		l.pools = append(l.pools, storePool(st))
	}
	if !t.NoStore {
		l.pools = append(l.pools, storePool(roots.Bundled()))
	}
	return l, nil
}

// readDERs returns every certificate in a file, in order, unparsed: a PEM
// bundle's CERTIFICATE blocks, or concatenated DER, in any form certinput
// reads. Certificates no parser accepts are kept: mbedsim judges them.
func readDERs(name string, data []byte) ([][]byte, error) {
	in, err := certinput.Read(data, certinput.Options{Name: name})
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, it := range in.Items {
		rest, found := it.Bytes, false
		for {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type == "CERTIFICATE" || b.Type == "TRUSTED CERTIFICATE" {
				out, found = append(out, b.Bytes), true
			}
		}
		if found {
			continue
		}
		for b := it.Bytes; len(b) > 0; {
			var rv asn1.RawValue
			r, err := asn1.Unmarshal(b, &rv)
			if err != nil {
				break
			}
			out = append(out, rv.FullBytes)
			b = r
		}
	}
	return out, nil
}

// analysis is one endpoint's chain before predictions.
type analysis struct {
	name   string
	ders   [][]byte
	facts  *verdict.Handshake
	result *chain.Result
	probe  *probe.Result
	notes  []diag.Finding
}

func analyse(name string, ders [][]byte, facts *verdict.Handshake, l *loaded, at time.Time) *analysis {
	a := &analysis{name: name, ders: ders, facts: facts}
	var certs []*x509.Certificate
	for i, d := range ders {
		c, err := x509.ParseCertificate(d)
		if err != nil {
			a.notes = append(a.notes, diag.Finding{ID: "chain.go-unparsable", Severity: diag.Info,
				Message: fmt.Sprintf("certificate %d is left out of path building (Go cannot parse it: %v); the mbedTLS predictions still judge it", i, err)})
			if i == 0 {
				return a
			}
			continue
		}
		certs = append(certs, c)
	}
	a.result = chain.Build(certs, chain.Options{Anchors: l.pools, At: at})
	return a
}

// nameCheck is how the device names the server: the host passed to
// mbedtls_ssl_set_hostname, or that it never calls it.
type nameCheck struct {
	host   string
	noHost bool
}

// report turns analysed endpoints into the rendered report.
func report(command string, p *profile.Profile, as []*analysis, l *loaded, name func(*analysis) nameCheck, ssl *sslFlags) *render.ProbeJSON {
	rep := &render.ProbeJSON{SchemaVersion: 1, Command: command, Profile: describeProfile(p), Predictions: []render.VerifyPredictionJSON{}}
	var eps []chain.Endpoint
	for _, a := range as {
		if a.result != nil {
			eps = append(eps, chain.Endpoint{Name: a.name, Result: a.result})
		}
	}
	rec := chain.Recommend(eps)
	rep.Recommendation = rec
	for _, a := range as {
		ep := render.EndpointJSON{Name: a.name, Chain: a.result, Probe: a.probe, Findings: append([]diag.Finding{}, a.notes...)}
		nc := name(a)
		ep.NameCheck = hostNote(nc.host, nc.noHost)
		trust, trustName := l.trust, l.trustName
		if trust == nil {
			// Without the device's list, judge the recommended roots: what
			// the device would do once it carries them, together and each
			// alone (one may work on this build where another does not).
			var names []string
			var each []verdict.Root
			for _, c := range rec.Minimal {
				if slices.Contains(c.Covers, a.name) {
					trust = append(trust, c.Anchor.X509.Raw)
					names = append(names, c.Anchor.Subject)
				}
			}
			for _, c := range rec.RotationSafe {
				if slices.Contains(c.Covers, a.name) {
					each = append(each, verdict.Root{Name: c.Anchor.Subject, SHA256: c.Anchor.SHA256, DER: c.Anchor.X509.Raw})
				}
			}
			trustName = "the recommended root (no --trust given): " + strings.Join(names, "; ")
			if len(names) == 0 {
				trustName = "empty (no --trust given, and no known root reaches this chain)"
			}
			if len(each) > 0 {
				per := verdict.PredictEachRoot(p, ssl.input(a.ders, nil, "", nc.host, nc.noHost, a.facts), each)
				for i := range per {
					for j := range per[i].Predictions {
						per[i].Predictions[j].Endpoint = a.name
					}
				}
				ep.PerRoot = per
			}
		}
		ep.Trust = trustName
		preds, finds := verdict.Predict(p, ssl.input(a.ders, trust, trustName, nc.host, nc.noHost, a.facts))
		for i := range preds {
			preds[i].Endpoint = a.name
		}
		ep.Predictions, ep.Findings = preds, append(ep.Findings, finds...)
		if a.result != nil && a.result.SentRoot >= 0 {
			ep.Findings = append(ep.Findings, diag.Finding{ID: "chain.root-sent", Severity: diag.Info,
				Message: fmt.Sprintf("the server sends a self-signed root as certificate %d: a device needs it in its own store, so it only costs buffer space", a.result.SentRoot),
				Fix:     "leave the root out of the server's chain file"})
		}
		rep.Predictions = append(rep.Predictions, preds...)
		rep.Endpoints = append(rep.Endpoints, ep)
	}
	for _, pin := range rec.Pinned {
		for i := range rep.Endpoints {
			rep.Endpoints[i].Findings = append(rep.Endpoints[i].Findings, diag.Finding{ID: "trust.pinned-" + pin.Kind, Severity: diag.Warning, Message: pin.Why, Fix: "embed the root CA instead"})
			break
		}
	}
	return rep
}

func failing(rep *render.ProbeJSON) bool {
	for _, p := range rep.Predictions {
		if p.ReturnCode != 0 {
			return true
		}
	}
	return false
}

type verifyOptions struct {
	Chain  string
	Host   string
	NoHost bool
	At     string
	JSON   bool
	trust  trustFlags
	prof   profileFlags
	ssl    sslFlags

	at      time.Time
	profile *profile.Profile
	io      IO
	now     func() time.Time
}

func newVerifyCmd(stdio IO) *cobra.Command {
	return newVerifyCmdWith(stdio, nil)
}

func newVerifyCmdWith(stdio IO, runF func(*verifyOptions) error) *cobra.Command {
	opts := &verifyOptions{io: stdio, now: time.Now}
	if runF == nil {
		runF = runVerify
	}
	cmd := &cobra.Command{
		Use:   "verify --chain FILE [--trust FILE]",
		Short: "Predict, offline, whether the device accepts a server chain, and which root to embed",
		Long: `Read a server's chain from a file (the peer certificate first, then the intermediates
in the order the server sends them), find every path to a root (your --trust file, the
bundled Mozilla store, --roots), recommend the roots to embed, and predict what the
device's mbedTLS returns: mbedtls_x509_crt_verify's return code and flags, or the
parse code when the build cannot read a certificate. This is what 'tlsdoctor probe'
does with a live server, without the network.`,
		Example: `  tlsdoctor verify --chain fullchain.pem --trust AmazonRootCA1.pem --host a1b2c3-ats.iot.eu-west-1.amazonaws.com
  tlsdoctor verify --chain chain.pem --trust root_ca.h --preset embedded-small
  tlsdoctor verify --chain chain.pem --trust ca.pem --device-time unset
  tlsdoctor verify --chain chain.pem --at 2027-06-01 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Chain, "chain", "", "the server's chain: peer certificate first, then intermediates (PEM, DER, ...)")
	f.StringVar(&opts.Host, "host", "", "the name the device passes to mbedtls_ssl_set_hostname (default: no name check, as set_hostname(NULL))")
	f.BoolVar(&opts.NoHost, "no-host", false, "the device never calls mbedtls_ssl_set_hostname (3.6.3+ and 2.28.10+ then fail with -0x5D80)")
	f.StringVar(&opts.At, "at", "", "judge validity at this date (2027-06-01 or RFC 3339) instead of now")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	opts.trust.bind(cmd)
	opts.prof.bind(f)
	opts.ssl.bind(f)
	return cmd
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("--at %q: want a date like 2027-06-01 or 2027-06-01T12:00:00Z", s)
}

func (o *verifyOptions) validate() error {
	if o.Chain == "" {
		return usageError("verify needs --chain FILE", "tlsdoctor verify --chain fullchain.pem --trust root_ca.pem")
	}
	if o.NoHost && o.Host != "" {
		return usageError("--host and --no-host contradict each other", "give --host NAME when the device calls mbedtls_ssl_set_hostname, --no-host when it never does")
	}
	if err := o.ssl.validate(); err != nil {
		return err
	}
	o.at = o.now().UTC()
	if o.At != "" {
		t, err := parseDate(o.At)
		if err != nil {
			return usageError(err.Error())
		}
		o.at = t
	}
	p, err := o.prof.profile(o.at)
	if err != nil {
		return err
	}
	o.profile = p
	return nil
}

func runVerify(o *verifyOptions) error {
	data, err := os.ReadFile(o.Chain)
	if err != nil {
		return usageError(fmt.Sprintf("--chain: %v", err))
	}
	ders, err := readDERs(o.Chain, data)
	if err != nil || len(ders) == 0 {
		return usageError(fmt.Sprintf("--chain %s: no certificate found", o.Chain), "give the server's chain as PEM (fullchain.pem) or DER; `tlsdoctor check FILE` says what is wrong with it")
	}
	l, err := o.trust.load()
	if err != nil {
		return err
	}
	at := o.profile.DeviceTime
	if at.IsZero() {
		at = o.at
	}
	a := analyse(o.Chain, ders, nil, l, at)
	rep := report("verify", o.profile, []*analysis{a}, l, func(*analysis) nameCheck { return nameCheck{o.Host, o.NoHost} }, &o.ssl)
	return emitReport(o.io, rep, o.JSON, o.prof)
}

func emitReport(stdio IO, rep *render.ProbeJSON, asJSON bool, prof profileFlags) error {
	if asJSON {
		if err := render.WriteJSON(stdio.Out, rep); err != nil {
			return err
		}
	} else {
		if prof.Config == "" && prof.Preset == "" {
			fmt.Fprintf(stdio.Err, "tlsdoctor: no --config or --preset: assuming %s\n", rep.Profile)
		}
		render.ProbeText(stdio.Out, rep, stdio.Style())
	}
	if failing(rep) {
		return &exitError{code: ExitProblems}
	}
	return nil
}
