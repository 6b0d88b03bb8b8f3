package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/chain"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
	"github.com/tlsdoctor/tlsdoctor/probe"
	"github.com/tlsdoctor/tlsdoctor/verdict"
)

// VerifyPredictionJSON is what one mbedTLS line does with one endpoint's
// chain: the contract of `verify --json` and `probe --json` (issue 4).
type VerifyPredictionJSON = verdict.Prediction

// EndpointJSON is one endpoint (or chain file) with everything found.
type EndpointJSON struct {
	Name        string                 `json:"name"`
	Probe       *probe.Result          `json:"probe,omitempty"`
	Chain       *chain.Result          `json:"chain"`
	Predictions []VerifyPredictionJSON `json:"predictions"`
	Findings    []diag.Finding         `json:"findings"`
	// Trust names the trust list the predictions used.
	Trust string `json:"trust"`
	// NameCheck says how the device names the server
	// (mbedtls_ssl_set_hostname).
	NameCheck string `json:"name_check"`
	// PerRoot is the verdict with each recommended root alone, when no
	// trust list was given.
	PerRoot []verdict.RootOutcome `json:"per_root,omitempty"`
	Error   string                `json:"error,omitempty"`
}

// ProbeJSON is the whole output of probe and verify.
type ProbeJSON struct {
	SchemaVersion int    `json:"schema_version"`
	Command       string `json:"command"`
	Profile       string `json:"profile"`
	// Predictions repeats every endpoint's predictions, each naming its
	// endpoint, so a script finds them in one place.
	Predictions    []VerifyPredictionJSON `json:"predictions"`
	Endpoints      []EndpointJSON         `json:"endpoints"`
	Recommendation *chain.Recommendation  `json:"recommendation"`
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// ProbeText writes the report for a tired firmware engineer: the verdict
// per mbedTLS line first, then the fix, the root to embed, and the facts.
func ProbeText(w io.Writer, rep *ProbeJSON, _ term.Style) {
	for i, ep := range rep.Endpoints {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if ep.Error != "" {
			fmt.Fprintf(w, "%s: could not probe: %s\n", ep.Name, ep.Error)
			continue
		}
		fmt.Fprintf(w, "%s:\n", ep.Name)
		for _, p := range ep.Predictions {
			if p.ReturnCode == 0 {
				fmt.Fprintf(w, "  mbedTLS %s: the device will connect (returns 0)\n", p.MbedTLSVersion)
				continue
			}
			what := p.ReturnCodeHex
			if p.ReturnName != "" {
				what += " (" + p.ReturnName + ")"
			}
			if p.State != 0 {
				what += fmt.Sprintf(" at client state %d", p.State)
			}
			if len(p.VerifyFlagNames) > 0 {
				what += ", verify flags 0x" + fmt.Sprintf("%X", p.VerifyFlags) + " " + strings.Join(p.VerifyFlagNames, "|")
			}
			fmt.Fprintf(w, "  mbedTLS %s: the device will fail with %s\n", p.MbedTLSVersion, what)
			if p.Fix != "" {
				fmt.Fprintf(w, "    fix: %s\n", p.Fix)
			}
		}
		fmt.Fprintf(w, "  trust list used: %s\n", ep.Trust)
		if ep.NameCheck != "" {
			fmt.Fprintf(w, "  server name check: %s\n", ep.NameCheck)
		}
		if len(ep.PerRoot) > 0 {
			fmt.Fprintln(w, "  each recommended root alone:")
			for _, r := range ep.PerRoot {
				var parts []string
				for _, p := range r.Predictions {
					if p.ReturnCode == 0 {
						parts = append(parts, fmt.Sprintf("mbedTLS %s connects", p.MbedTLSVersion))
						continue
					}
					what := p.ReturnCodeHex
					if p.ReturnName != "" {
						what += " (" + p.ReturnName + ")"
					}
					parts = append(parts, fmt.Sprintf("mbedTLS %s fails with %s", p.MbedTLSVersion, what))
				}
				fmt.Fprintf(w, "    %s: %s\n", r.Root, strings.Join(parts, "; "))
			}
		}
		if pr := ep.Probe; pr != nil {
			fmt.Fprintf(w, "  server: %s, %s", pr.Version, pr.CipherSuite)
			if pr.ALPN != "" {
				fmt.Fprintf(w, ", ALPN %s", pr.ALPN)
			}
			how := "computed: TLS 1.3 hides it"
			if pr.CertificateMessageSeen {
				how = fmt.Sprintf("measured, %d record(s)", pr.CertificateRecords)
			}
			fmt.Fprintf(w, "\n  Certificate message: %d bytes (%s); largest record %d bytes\n", pr.CertificateMessage, how, pr.LargestRecord)
			switch {
			case !pr.SNIChecked:
				fmt.Fprintln(w, "  SNI: not tested")
			case pr.SNIRequired:
				fmt.Fprintf(w, "  SNI: required (without it: %s); the device must call mbedtls_ssl_set_hostname\n", pr.SNIFailure)
			case pr.NoSNIChain:
				fmt.Fprintln(w, "  SNI: without it the server sends a different certificate")
			default:
				fmt.Fprintln(w, "  SNI: not required")
			}
			switch {
			case pr.MFL == nil && pr.MFLError != "":
				fmt.Fprintf(w, "  max_fragment_length: could not test (%s)\n", pr.MFLError)
			case pr.MFL != nil && pr.MFL.Echoed:
				fmt.Fprintf(w, "  max_fragment_length %d: honoured (records then carry at most %d bytes; mbedTLS 2.28 still cannot take a Certificate message split over them)\n", pr.MFL.Requested, pr.MFL.Requested)
			case pr.MFL != nil:
				fmt.Fprintf(w, "  max_fragment_length %d: ignored by the server: do not count on it to shrink records\n", pr.MFL.Requested)
			}
			if !pr.ServerTime.IsZero() {
				fmt.Fprintf(w, "  server clock: %s (ours %s)\n", pr.ServerTime.Format(time.RFC3339), pr.LocalTime.Format(time.RFC3339))
			}
		}
		if ch := ep.Chain; ch != nil {
			fmt.Fprintf(w, "  presented chain (%d certificates):\n", len(ch.Presented))
			for _, c := range ch.Presented {
				fmt.Fprintf(w, "    [%d] %s  %s, %s, %d bytes, valid %s to %s\n", c.Index, c.Subject, c.Key, c.SignatureAlgorithm, c.Bytes, day(c.NotBefore), day(c.NotAfter))
			}
			if ch.SentRoot >= 0 {
				fmt.Fprintf(w, "    note: the server sends a root ([%d]); the device must already hold it, so those bytes are wasted buffer\n", ch.SentRoot)
			}
			for _, u := range ch.Unused {
				fmt.Fprintf(w, "    note: [%d] is on no path to a known root\n", u)
			}
			if len(ch.Paths) == 0 {
				fmt.Fprintln(w, "  paths: none to any known root (a missing intermediate, or a private CA: give its root with --trust)")
			}
			for i, p := range ch.Paths {
				valid := "valid now"
				if !p.Valid {
					valid = "NOT valid at the device's clock"
				}
				fmt.Fprintf(w, "  path %d: %d certificates, %d bytes, %s, works until %s, anchor (%s) %s [%s]\n", i+1, len(p.Certs), p.Bytes, valid, day(p.Until), p.AnchorKind, p.Anchor.Subject, p.Anchor.Store)
			}
		}
		for _, f := range ep.Findings {
			fmt.Fprintf(w, "  %-7s %s  %s\n", f.Severity, f.ID, f.Message)
		}
	}
	if rec := rep.Recommendation; rec != nil {
		fmt.Fprintln(w)
		if len(rec.Minimal) > 0 {
			fmt.Fprintln(w, "roots to embed (minimal):")
			for _, c := range rec.Minimal {
				fmt.Fprintf(w, "  %s  %s, %d bytes DER, sha256 %s…, helps until %s (covers %s)\n", c.Anchor.Subject, c.Anchor.Key, c.Anchor.Bytes, c.Anchor.SHA256[:16], day(c.Until), strings.Join(c.Covers, ", "))
			}
		}
		for _, c := range rec.RotationSafe {
			if c.Role == "backup" {
				fmt.Fprintf(w, "add as backup (rotation-safe): %s, helps until %s: %s\n", c.Anchor.Subject, day(c.Until), c.Why)
			}
		}
		for _, n := range rec.NoBackup {
			fmt.Fprintf(w, "no second root seen for %s: watch `tlsdoctor roots` for the CA's announced successor\n", n)
		}
		for _, n := range rec.Uncovered {
			fmt.Fprintln(w, uncoveredLine(rep, n))
		}
		for _, p := range rec.Pinned {
			fmt.Fprintf(w, "warning: pinning: %s\n", p.Why)
		}
	}
}

// uncoveredLine says why no root is recommended for an endpoint: no path at
// all (a missing intermediate, a private CA), or paths that end at a root
// that is not valid at the device's clock, which is a different fix.
func uncoveredLine(rep *ProbeJSON, name string) string {
	for _, ep := range rep.Endpoints {
		if ep.Name != name || ep.Chain == nil || len(ep.Chain.Paths) == 0 {
			continue
		}
		p := ep.Chain.Paths[0]
		anchor := "its anchor"
		if p.Anchor != nil {
			anchor = p.Anchor.Subject
		}
		return fmt.Sprintf("no root to recommend for %s: every path found (to %s) has a certificate that is not valid at the device's clock (the first works until %s): the server needs a current chain, or the device a correct clock",
			name, anchor, day(p.Until))
	}
	return fmt.Sprintf("no root in the stores reaches %s: a missing intermediate, or a private CA (give its root with --trust or --roots)", name)
}
