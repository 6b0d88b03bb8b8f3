package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/probe"
	"github.com/tlsdoctor/tlsdoctor/profile"
	"github.com/tlsdoctor/tlsdoctor/verdict"
)

type probeOptions struct {
	Addrs   []string
	SNI     string
	NoSNI   bool
	ALPN    []string
	Timeout time.Duration
	MFL     int
	Host    string
	JSON    bool
	trust   trustFlags
	prof    profileFlags
	ssl     sslFlags

	profile *profile.Profile
	io      IO
	now     func() time.Time
	dialer  probe.Dialer // nil: the system's
	ctx     context.Context
}

func newProbeCmd(stdio IO) *cobra.Command {
	return newProbeCmdWith(stdio, nil)
}

func newProbeCmdWith(stdio IO, runF func(*probeOptions) error) *cobra.Command {
	opts := &probeOptions{io: stdio, now: time.Now}
	if runF == nil {
		runF = runProbe
	}
	cmd := &cobra.Command{
		Use:   "probe HOST[:PORT]...",
		Short: "Connect to a TLS endpoint: its chain, the root(s) to embed, and what the device will do",
		Long: `Connect to each endpoint (port 443 unless given) as a device would, and report:
the TLS version and cipher suite, every certificate the server sends and its size,
the Certificate message against the device's MBEDTLS_SSL_IN_CONTENT_LEN, whether the
server needs SNI and honours max_fragment_length, the server's clock (HTTP ports),
every path to a root, the roots to embed (minimal and rotation-safe), and what the
device's mbedTLS returns with --trust (or with the recommended root).

Common IoT endpoints:
  HOST:8883                             MQTT over TLS (plain TLS, no STARTTLS)
  HOST:443 --alpn x-amzn-mqtt-ca        AWS IoT Core MQTT on port 443
  HOST:443 --alpn mqtt                  Azure IoT Hub / others offering MQTT on 443
  HOST:5684                             CoAPs is DTLS over UDP, not TLS over TCP:
                                        probe cannot test it`,
		Example: `  tlsdoctor probe a1b2c3-ats.iot.eu-west-1.amazonaws.com:8883 --trust AmazonRootCA1.pem
  tlsdoctor probe a1b2c3-ats.iot.eu-west-1.amazonaws.com:443 --alpn x-amzn-mqtt-ca
  tlsdoctor probe myhub.azure-devices.net:8883 --preset embedded-small
  tlsdoctor probe api.example.com broker.example.com:8883 --json
  tlsdoctor probe 192.168.1.10:8883 --no-sni --host device.local`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Addrs = args
			opts.ctx = cmd.Context()
			if err := opts.validate(cmd.Flags().Changed("sni")); err != nil {
				return err
			}
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.SNI, "sni", "", "server name to send (default: the host)")
	f.BoolVar(&opts.NoSNI, "no-sni", false, "send no SNI, like a device that never calls mbedtls_ssl_set_hostname (predicted as such unless --host is given)")
	f.StringArrayVar(&opts.ALPN, "alpn", nil, "ALPN protocol to offer, e.g. x-amzn-mqtt-ca (repeatable)")
	f.DurationVar(&opts.Timeout, "timeout", 10*time.Second, "give up on an endpoint after this long")
	f.IntVar(&opts.MFL, "mfl", 1024, "record size to request with max_fragment_length: 512, 1024, 2048, 4096, or 0 to skip the test")
	f.StringVar(&opts.Host, "host", "", "name the device passes to mbedtls_ssl_set_hostname (default: the SNI name)")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	opts.trust.bind(cmd)
	opts.prof.bind(f)
	opts.ssl.bind(f)
	return cmd
}

func (o *probeOptions) validate(sniSet bool) error {
	if o.NoSNI && sniSet {
		return usageError("--sni and --no-sni contradict each other", "give one")
	}
	if err := o.ssl.validate(); err != nil {
		return err
	}
	if o.Timeout <= 0 {
		return usageError("--timeout must be positive", "e.g. --timeout 5s")
	}
	if o.MFL != 0 {
		if _, ok := probe.MFLCode(o.MFL); !ok {
			return usageError(fmt.Sprintf("--mfl %d: want 512, 1024, 2048 or 4096 (RFC 6066), or 0 to skip", o.MFL))
		}
	}
	for _, a := range o.Addrs {
		if _, _, err := probe.SplitAddr(a); err != nil {
			return usageError(err.Error(), "give HOST or HOST:PORT, e.g. broker.example.com:8883")
		}
	}
	p, err := o.prof.profile(o.now())
	if err != nil {
		return err
	}
	o.profile = p
	return nil
}

func runProbe(o *probeOptions) error {
	l, err := o.trust.load()
	if err != nil {
		return err
	}
	opt := probe.Options{SNI: o.SNI, NoSNI: o.NoSNI, ALPN: o.ALPN, Timeout: o.Timeout, MFL: o.MFL, Dialer: o.dialer, Now: o.now}
	if o.MFL == 0 {
		opt.MFL = -1
	}
	ctx := o.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var mu sync.Mutex
	done := 0
	progress := func(probe.Outcome) {
		// Progress only on a terminal and only for a batch (STYLE §14).
		if !o.io.OutTTY || len(o.Addrs) < 2 {
			return
		}
		mu.Lock()
		done++
		fmt.Fprintf(o.io.Err, "\rtlsdoctor: probed %d of %d", done, len(o.Addrs))
		if done == len(o.Addrs) {
			fmt.Fprintln(o.io.Err)
		}
		mu.Unlock()
	}
	outs := probe.All(ctx, o.Addrs, opt, 8, progress)
	var as []*analysis
	var errs []error
	for _, out := range outs {
		if out.Err != nil {
			errs = append(errs, out.Err)
			continue
		}
		r := out.Result
		facts := &verdict.Handshake{CertificateMessage: r.CertificateMessage, Records: r.CertificateRecords, Measured: r.CertificateMessageSeen,
			TLSVersion: r.Version, CipherSuite: r.CipherSuite}
		a := analyse(r.Addr, r.DER, facts, l, o.profile.DeviceTime)
		a.probe = r
		as = append(as, a)
	}
	name := func(a *analysis) nameCheck {
		if o.Host != "" {
			return nameCheck{host: o.Host}
		}
		// mbedtls_ssl_set_hostname is the only way an mbedTLS client sends
		// SNI (ssl_write_hostname_ext writes ssl->hostname, which only
		// set_hostname sets: library/ssl_cli.c@2.28.3, ssl_client.c@3.6.6),
		// and the same name is what verification checks. A device that sends
		// no SNI therefore never called it (or called it with NULL, which 3.6
		// marks as a deliberate "no name check"): --no-sni predicts the
		// former, the common firmware mistake. A build without
		// MBEDTLS_SSL_SERVER_NAME_INDICATION checks a name yet sends none:
		// say --host NAME for that.
		if o.NoSNI {
			return nameCheck{noHost: true}
		}
		if a.probe.SNI != "" {
			return nameCheck{host: a.probe.SNI}
		}
		return nameCheck{host: a.probe.Host}
	}
	if len(as) > 0 {
		rep := report("probe", o.profile, as, l, name, &o.ssl)
		if err := emitReport(o.io, rep, o.JSON, o.prof); err != nil && len(errs) == 0 {
			return err
		}
	}
	if len(errs) > 0 {
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		return &exitError{code: ExitUsage, msg: strings.Join(msgs, "\ntlsdoctor: "), hints: probeHints(errs)}
	}
	return nil
}

// probeHints says what would have worked for each kind of failure.
func probeHints(errs []error) []string {
	seen := map[probe.Kind]bool{}
	var hints []string
	for _, err := range errs {
		var pe *probe.Error
		if !errors.As(err, &pe) || seen[pe.Kind] {
			continue
		}
		seen[pe.Kind] = true
		switch pe.Kind {
		case probe.KindRefused:
			hints = append(hints, "check the port: MQTT over TLS is 8883, HTTPS and AWS IoT with ALPN are 443")
		case probe.KindNotTLS:
			hints = append(hints, "this port is not TLS: MQTT without TLS is 1883, MQTT over TLS 8883")
		case probe.KindTimeout:
			hints = append(hints, "raise --timeout, or check a firewall between here and the server")
		case probe.KindAlert:
			hints = append(hints, "a server may refuse a client without SNI (--sni NAME) or without the ALPN it expects (--alpn x-amzn-mqtt-ca)")
		case probe.KindUnreachable:
			hints = append(hints, "check the host name and this machine's network")
		}
	}
	return hints
}
