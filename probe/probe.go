// Package probe connects to a TLS endpoint and records what a device would
// receive from it: the protocol version and cipher suite, every certificate
// in the order sent, the size of the Certificate handshake message and of
// the largest record (against which a device's MBEDTLS_SSL_IN_CONTENT_LEN
// is compared), whether the server needs SNI, whether it honours the
// max_fragment_length extension, and the server's clock.
//
// It never prints and never verifies trust: the chain is data for the chain
// and mbedsim packages. The dialer and the clock are parameters, so tests
// run against local servers with a fixed time. Every failure is an *Error
// naming the step and classifying the cause, always within the timeout.
package probe

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Dialer opens TCP connections; *net.Dialer is one.
type Dialer interface {
	DialContext(ctx context.Context, network, addr string) (net.Conn, error)
}

// Options describe one probe.
type Options struct {
	// SNI is the server name sent; "" means the host, unless NoSNI.
	SNI   string
	NoSNI bool
	// ALPN protocols offered, e.g. "x-amzn-mqtt-ca".
	ALPN []string
	// Timeout bounds the whole probe; 0 means 10 s.
	Timeout time.Duration
	// MFL is the record size requested with max_fragment_length (512, 1024,
	// 2048, 4096); 0 means 1024; -1 skips the test.
	MFL int
	// SkipSNICheck and SkipHTTP leave out those extra connections.
	SkipSNICheck bool
	SkipHTTP     bool
	// Dialer defaults to a net.Dialer; Now to time.Now.
	Dialer Dialer
	Now    func() time.Time
}

// Result is what one endpoint presented.
type Result struct {
	Addr string `json:"address"`
	Host string `json:"host"`
	// SNI is the name sent, "" when none.
	SNI string `json:"sni"`
	// Version is "TLS 1.2" or "TLS 1.3"; CipherSuite crypto/tls's name.
	Version     string `json:"tls_version"`
	CipherSuite string `json:"cipher_suite"`
	ALPN        string `json:"alpn,omitempty"`
	// Certs are the certificates in the order sent; DER holds their bytes
	// even where Go could not parse one (nil entry in Certs).
	Certs []*x509.Certificate `json:"-"`
	DER   [][]byte            `json:"-"`
	// CertificateMessage is the size in bytes of the Certificate handshake
	// message in its TLS 1.2 form, header included: what a TLS 1.2 device
	// must hold at once. CertificateMessageSeen is true when it was
	// measured on the wire (the server spoke TLS 1.2 on some connection);
	// otherwise it is computed from the certificates.
	CertificateMessage     int  `json:"certificate_message_bytes"`
	CertificateMessageSeen bool `json:"certificate_message_measured"`
	// CertificateRecords is how many records carried the Certificate
	// message (more than 1 means fragmented: -0x7080 on mbedTLS 2.28); 0
	// when not seen in the clear.
	CertificateRecords int `json:"certificate_records"`
	// LargestRecord is the largest record (payload bytes) of the server's
	// handshake flight; Records how many records it sent.
	LargestRecord int `json:"largest_record"`
	Records       int `json:"records"`
	// SNIRequired is set when a handshake without SNI failed; SNIAlert the
	// alert it got. NoSNIChain reports that without SNI the server sent a
	// different leaf (a default certificate a device without SNI gets).
	SNIChecked  bool   `json:"sni_checked"`
	SNIRequired bool   `json:"sni_required"`
	SNIFailure  string `json:"sni_failure,omitempty"`
	NoSNIChain  bool   `json:"different_chain_without_sni"`
	// MFL is what the server did with max_fragment_length; nil when not
	// tested, MFLError when the test failed.
	MFL      *MFL   `json:"max_fragment_length,omitempty"`
	MFLError string `json:"max_fragment_length_error,omitempty"`
	// ServerTime is the server's clock from an HTTP Date header; zero when
	// the port does not speak HTTP. LocalTime is our clock at that moment.
	ServerTime time.Time `json:"server_time,omitzero"`
	LocalTime  time.Time `json:"local_time"`
	// Elapsed is how long the probe took.
	Elapsed time.Duration `json:"elapsed_ns"`
}

// SplitAddr splits "HOST[:PORT]" (IPv6 in brackets) with 443 as the
// default port.
func SplitAddr(s string) (host, port string, err error) {
	if s == "" {
		return "", "", &Error{Step: StepAddress, Addr: s, Detail: "empty address", Err: fmt.Errorf("empty address")}
	}
	if strings.ContainsAny(s, "/ ") {
		return "", "", &Error{Step: StepAddress, Addr: s, Detail: "want HOST or HOST:PORT, not a URL", Err: fmt.Errorf("bad address %q", s)}
	}
	if h, p, err := net.SplitHostPort(s); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", "", &Error{Step: StepAddress, Addr: s, Detail: "port " + p + " is not a number from 1 to 65535", Err: fmt.Errorf("bad port %q", p)}
		}
		return h, p, nil
	}
	if strings.Count(s, ":") > 1 && !strings.HasPrefix(s, "[") {
		return s, "443", nil // a bare IPv6 address
	}
	return strings.Trim(s, "[]"), "443", nil
}

type prober struct {
	opt  Options
	host string
	addr string
	sni  string
}

func (p *prober) dial(ctx context.Context) (net.Conn, error) {
	c, err := p.opt.Dialer.DialContext(ctx, "tcp", p.addr)
	if err != nil {
		return nil, p.fail(StepDial, err, nil)
	}
	return c, nil
}

// Probe connects to addr and records what the server presents.
func Probe(ctx context.Context, addr string, opt Options) (*Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	if opt.Dialer == nil {
		opt.Dialer = &net.Dialer{}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	start := opt.Now()
	host, port, err := SplitAddr(addr)
	if err != nil {
		return nil, err
	}
	p := &prober{opt: opt, host: host, addr: net.JoinHostPort(host, port)}
	switch {
	case opt.NoSNI:
	case opt.SNI != "":
		p.sni = opt.SNI
	case net.ParseIP(host) == nil:
		p.sni = host // SNI carries names only (RFC 6066 §3)
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()

	// The extra connections run beside the main handshake: each adds one
	// round trip at most, and none waits for another.
	var wg sync.WaitGroup
	var mfl *MFL
	var mflFlight *flight
	var mflErr error
	code := byte(2)
	if opt.MFL > 0 {
		c, ok := MFLCode(opt.MFL)
		if !ok {
			return nil, &Error{Step: StepMFL, Addr: p.addr, Detail: "max_fragment_length must be 512, 1024, 2048 or 4096", Err: fmt.Errorf("bad MFL %d", opt.MFL)}
		}
		code = c
	}
	if opt.MFL >= 0 {
		wg.Go(func() { mfl, mflFlight, mflErr = p.probeMFL(ctx, code) })
	}
	var noSNI *tls.ConnectionState
	var noSNIErr error
	checkSNI := p.sni != "" && !opt.SkipSNICheck
	if checkSNI {
		wg.Go(func() {
			st, _, err := p.handshake(ctx, "", StepSNI)
			if err == nil {
				s := st.ConnectionState()
				noSNI = &s
				st.Close()
			}
			noSNIErr = err
		})
	}
	hsStart := time.Now()
	conn, f, err := p.handshake(ctx, p.sni, StepHandshake)
	hsTime := time.Since(hsStart)
	if err != nil {
		cancel()
		wg.Wait()
		return nil, err
	}
	defer conn.Close()
	st := conn.ConnectionState()
	r := &Result{Addr: p.addr, Host: host, SNI: p.sni, Version: tls.VersionName(st.Version),
		CipherSuite: tls.CipherSuiteName(st.CipherSuite), ALPN: st.NegotiatedProtocol,
		Records: f.Records, LargestRecord: f.Largest}
	for _, c := range st.PeerCertificates {
		r.Certs = append(r.Certs, c)
		r.DER = append(r.DER, c.Raw)
	}
	if m, ok := f.msg(hsCertificate); ok {
		r.CertificateMessage, r.CertificateMessageSeen, r.CertificateRecords = 4+len(m.body), true, m.records
	}

	if !opt.SkipHTTP && speaksHTTP(port, st.NegotiatedProtocol, opt.ALPN) {
		r.ServerTime, r.LocalTime = p.httpDate(ctx, conn, httpWait(hsTime))
	}
	if r.LocalTime.IsZero() {
		r.LocalTime = opt.Now()
	}
	// Close before waiting: a single-threaded server (openssl s_server, many
	// embedded brokers) serves the other connections only after this one.
	conn.Close()
	wg.Wait()
	if mflErr != nil {
		r.MFLError = mflErr.Error()
	} else if mfl != nil {
		r.MFL = mfl
		// The device's view of a TLS 1.3 server: when our TLS 1.2 hello was
		// not limited by MFL, its flight is exactly what a TLS 1.2 device gets.
		if m, ok := mflFlight.msg(hsCertificate); ok && !r.CertificateMessageSeen && !mfl.Echoed {
			r.CertificateMessage, r.CertificateMessageSeen, r.CertificateRecords = 4+len(m.body), true, m.records
		}
	}
	if !r.CertificateMessageSeen {
		r.CertificateMessage = certMsgSize(r.DER)
	}
	if checkSNI {
		r.SNIChecked = true
		if noSNIErr != nil {
			r.SNIRequired = true
			r.SNIFailure = noSNIErr.Error()
		} else if len(noSNI.PeerCertificates) > 0 && len(r.Certs) > 0 && !noSNI.PeerCertificates[0].Equal(r.Certs[0]) {
			r.NoSNIChain = true
		}
	}
	r.Elapsed = opt.Now().Sub(start)
	return r, nil
}

// handshake runs crypto/tls with verification off (trust is judged
// later, against the device's store) and records the server's flight.
func (p *prober) handshake(ctx context.Context, sni string, step Step) (*tls.Conn, *flight, error) {
	raw, err := p.dial(ctx)
	if err != nil {
		if e, ok := err.(*Error); ok && step != StepDial {
			// A dial failure is a dial failure whatever the caller was doing.
			return nil, nil, e
		}
		return nil, nil, err
	}
	if d, ok := ctx.Deadline(); ok {
		_ = raw.SetDeadline(d)
	}
	f := newFlight()
	cfg := &tls.Config{
		ServerName:         sni,
		InsecureSkipVerify: true, // we report trust ourselves, per device store
		NextProtos:         p.opt.ALPN,
	}
	conn := tls.Client(&recConn{Conn: raw, f: f}, cfg)
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		if ctx.Err() != nil && !isTimeout(err) {
			err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
		}
		return nil, nil, p.fail(step, err, f)
	}
	f.halt()
	return conn, f, nil
}

// speaksHTTP guesses whether HEAD / is worth a try: not on the MQTT and
// AMQP ports, and not when an ALPN protocol other than HTTP/1.1 was agreed.
func speaksHTTP(port, negotiated string, offered []string) bool {
	switch port {
	case "8883", "8884", "5671", "5684", "4843":
		return false
	}
	if negotiated != "" {
		return negotiated == "http/1.1"
	}
	return len(offered) == 0
}

// httpWait bounds the wait for an HTTP answer by the handshake's own
// duration (two round trips and the server's work): an HTTP server answers
// HEAD within one round trip, and a silent TLS service (a broker on port
// 443, openssl s_server) must not cost seconds. Between 100 ms and 2 s.
func httpWait(handshake time.Duration) time.Duration {
	return min(max(4*handshake, 100*time.Millisecond), 2*time.Second)
}

// httpDate sends HEAD / over the established connection and reads the
// Date header. Its own short bound (wait) keeps a non-HTTP service from
// eating the probe's time budget; failure just means no server clock.
func (p *prober) httpDate(ctx context.Context, conn *tls.Conn, wait time.Duration) (server, local time.Time) {
	deadline := time.Now().Add(wait)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = conn.SetDeadline(deadline)
	host := p.sni
	if host == "" {
		host = p.host
	}
	req := "HEAD / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tlsdoctor-probe\r\nConnection: close\r\n\r\n"
	if _, err := conn.Write([]byte(req)); err != nil {
		return
	}
	// Read the status line and headers ourselves: net/http would be the
	// largest package in the binary for this one header (start-up time).
	r := textproto.NewReader(bufio.NewReader(io.LimitReader(conn, 64<<10)))
	status, err := r.ReadLine()
	if err != nil || !strings.HasPrefix(status, "HTTP/1.") {
		return
	}
	hdr, err := r.ReadMIMEHeader()
	if err != nil && len(hdr) == 0 {
		return
	}
	date := hdr.Get("Date")
	for _, layout := range []string{time.RFC1123, time.RFC850, time.ANSIC} {
		if t, err := time.Parse(layout, date); err == nil {
			return t.UTC(), p.opt.Now().UTC()
		}
	}
	return
}

// Outcome is one endpoint's probe in a batch.
type Outcome struct {
	Addr   string
	Result *Result
	Err    error
}

// All probes addrs concurrently, at most parallel at a time (0: all), and
// returns the outcomes in the order of addrs. done, when not nil, is called
// after each probe (from its goroutine), for a progress display.
func All(ctx context.Context, addrs []string, opt Options, parallel int, done func(Outcome)) []Outcome {
	if parallel <= 0 {
		parallel = len(addrs)
	}
	out := make([]Outcome, len(addrs))
	sem := make(chan struct{}, max(parallel, 1))
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := Probe(ctx, a, opt)
			out[i] = Outcome{Addr: a, Result: r, Err: err}
			if done != nil {
				done(out[i])
			}
		})
	}
	wg.Wait()
	return out
}
