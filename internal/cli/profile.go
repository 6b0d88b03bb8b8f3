package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

type profileShowOptions struct {
	JSON    bool
	All     bool
	prof    profileFlags
	profile *profile.Profile
	io      IO
	now     func() time.Time
}

func newProfileCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "Show the device profile tlsdoctor predicts for",
	}
	opts := &profileShowOptions{io: stdio, now: time.Now}
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective profile: mbedTLS version, the options that decide parsing, clock, heap",
		Example: `  tlsdoctor profile show
  tlsdoctor profile show --config mbedtls_config.h
  tlsdoctor profile show --config sdkconfig --device-time unset
  tlsdoctor profile show --preset embedded-small --json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			p, err := opts.prof.profile(opts.now())
			if err != nil {
				return err
			}
			opts.profile = p
			return runProfileShow(opts)
		},
	}
	show.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	show.Flags().BoolVar(&opts.All, "all", false, "list every note on how the config was read (each #define with its line)")
	opts.prof.bind(show.Flags())
	cmd.AddCommand(show)
	return cmd
}

// The options that decide what mbedtls_x509_crt_parse and the handshake do
// with certificates (../shared/research/mbedtls-behaviour.md §6).
var profileOptions = []string{
	"MBEDTLS_PEM_PARSE_C", "MBEDTLS_BASE64_C", "MBEDTLS_RSA_C", "MBEDTLS_ECDSA_C", "MBEDTLS_ECP_C",
	"MBEDTLS_MPI_MAX_SIZE", "MBEDTLS_X509_RSASSA_PSS_SUPPORT", "MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION",
	"MBEDTLS_HAVE_TIME_DATE", "MBEDTLS_X509_MAX_INTERMEDIATE_CA", "MBEDTLS_SSL_IN_CONTENT_LEN", "MBEDTLS_SSL_OUT_CONTENT_LEN",
	"MBEDTLS_SSL_MAX_FRAGMENT_LENGTH", "MBEDTLS_SSL_SERVER_NAME_INDICATION",
}

type profileJSON struct {
	SchemaVersion int              `json:"schema_version"`
	Profile       *profile.Profile `json:"profile"`
}

func runProfileShow(o *profileShowOptions) error {
	p := o.profile
	if o.JSON {
		return render.WriteJSON(o.io.Out, profileJSON{SchemaVersion: render.SchemaVersion, Profile: p})
	}
	st := o.io.Style()
	w := o.io.Out
	fmt.Fprintln(w, st.Bold("Device profile"))
	fmt.Fprintf(w, "  config:       %s\n", p.ConfigSource)
	clock := p.DeviceTime.Format("2006-01-02 15:04:05 UTC")
	if p.ClockUnset {
		clock += " (never set: the RTC's start value)"
	}
	fmt.Fprintf(w, "  device clock: %s\n", clock)
	if p.TimeNote != "" {
		fmt.Fprintf(w, "                %s\n", st.Dim(p.TimeNote))
	}
	heap := "not given (--heap)"
	if p.Heap > 0 {
		heap = fmt.Sprintf("%d bytes", p.Heap)
	}
	fmt.Fprintf(w, "  heap:         %s\n", heap)
	for _, v := range p.Versions {
		b := mbedsim.FromMacros(v, p.Config[v])
		fmt.Fprintln(w)
		fmt.Fprintln(w, st.Bold("mbedTLS "+v.Release()))
		for _, name := range profileOptions {
			val := "off"
			if p.Defined(v, name) {
				val = "on"
				if p.Config[v][name] != "" {
					val = p.Config[v][name]
				}
			}
			if n, ok := p.Int(v, name); ok {
				val = fmt.Sprint(n)
			}
			fmt.Fprintf(w, "  %-52s %s\n", name, val)
		}
		fmt.Fprintf(w, "  %-52s %s\n", "curves the parser knows", curvesOf(b))
		fmt.Fprintf(w, "  %-52s %s\n", "hashes the parser knows", hashesOf(b))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, st.Bold("How it was read"))
	for _, n := range p.ConfigNotes {
		if !o.All && (n.Kind == profile.NoteDefine || n.Kind == profile.NoteUndef || n.Kind == profile.NoteDefault || n.Kind == profile.NoteIgnored) {
			continue
		}
		where := ""
		if n.File != "" {
			where = fmt.Sprintf("%s:%d: ", n.File, n.Line)
		}
		fmt.Fprintf(w, "  %-11s %s%s\n", n.Kind.String(), where, n.Text)
	}
	return nil
}

func curvesOf(b mbedsim.Build) string {
	var out []string
	for c := mbedsim.Curve(0); c < 13; c++ {
		if b.Curves.Has(c) {
			out = append(out, c.String())
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, " ")
}

func hashesOf(b mbedsim.Build) string {
	var out []string
	for h := mbedsim.Hash(0); h < 16; h++ {
		if b.Hashes.Has(h) && !strings.HasPrefix(h.String(), "Hash(") {
			out = append(out, h.String())
		}
	}
	return strings.Join(out, " ")
}
