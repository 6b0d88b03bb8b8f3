package probe

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// testTimeout bounds every probe in these tests; a failing step must be
// reported well within it.
const testTimeout = 3 * time.Second

func der(t testing.TB, name string) []byte {
	t.Helper()
	return testcert.MustDER(t, name)[0]
}

// goCert is a tls.Certificate for leaf with the chain after it.
func goCert(t testing.TB, leaf string, chain ...string) tls.Certificate {
	t.Helper()
	key, err := testcert.Key(leaf)
	if err != nil {
		t.Fatal(err)
	}
	c := tls.Certificate{Certificate: [][]byte{der(t, leaf)}, PrivateKey: key}
	for _, n := range chain {
		c.Certificate = append(c.Certificate, der(t, n))
	}
	return c
}

// goServer serves TLS on 127.0.0.1 until the test ends; with http it
// answers HTTP (and so sends a Date header).
func goServer(t *testing.T, cfg *tls.Config, serveHTTP bool) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	if serveHTTP {
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), ReadHeaderTimeout: time.Second}
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		return ln.Addr().String()
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(testTimeout))
				_ = c.(*tls.Conn).Handshake()
				_, _ = c.Read(make([]byte, 1))
			}()
		}
	}()
	return ln.Addr().String()
}

// rawServer accepts TCP and runs handle on each connection.
func rawServer(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				handle(c)
			}()
		}
	}()
	return ln.Addr().String()
}

func probe(t *testing.T, addr string, opt Options) (*Result, error) {
	t.Helper()
	if opt.Timeout == 0 {
		opt.Timeout = testTimeout
	}
	start := time.Now()
	r, err := Probe(context.Background(), addr, opt)
	if d := time.Since(start); d > opt.Timeout+time.Second {
		t.Errorf("probe took %v, beyond its timeout %v", d, opt.Timeout)
	}
	return r, err
}

func TestProbeGoServer(t *testing.T) {
	cert := goCert(t, "p256-sha256-leaf", "p256-sha256-int")
	addr := goServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MaxVersion: tls.VersionTLS12}, true)
	r, err := probe(t, addr, Options{SNI: "device.local"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "TLS 1.2" {
		t.Errorf("version: got %q, want TLS 1.2", r.Version)
	}
	if len(r.Certs) != 2 || !bytes.Equal(r.DER[1], cert.Certificate[1]) {
		t.Fatalf("got %d certificates, want the leaf and the intermediate in order", len(r.Certs))
	}
	if want := certMsgSize(cert.Certificate); r.CertificateMessage != want || !r.CertificateMessageSeen || r.CertificateRecords != 1 {
		t.Errorf("certificate message: got %d bytes (measured %v, %d records), want %d measured in 1 record", r.CertificateMessage, r.CertificateMessageSeen, r.CertificateRecords, want)
	}
	if r.LargestRecord < r.CertificateMessage {
		t.Errorf("largest record %d is smaller than the Certificate message %d sent in one record", r.LargestRecord, r.CertificateMessage)
	}
	if r.ServerTime.IsZero() || time.Until(r.ServerTime).Abs() > time.Minute {
		t.Errorf("server time: got %v, want about now from the Date header", r.ServerTime)
	}
	if !r.SNIChecked || r.SNIRequired {
		t.Errorf("sni: checked %v required %v, want checked and not required", r.SNIChecked, r.SNIRequired)
	}
	// Go servers ignore max_fragment_length.
	if r.MFL == nil || r.MFL.Echoed {
		t.Errorf("mfl: got %+v (error %q), want tested and not echoed", r.MFL, r.MFLError)
	}
}

func TestProbeTLS13ComputesCertificateMessage(t *testing.T) {
	cert := goCert(t, "p256-sha256-leaf", "p256-sha256-int")
	addr := goServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13}, false)
	r, err := probe(t, addr, Options{SkipHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "TLS 1.3" || r.CertificateMessageSeen {
		t.Errorf("got %s, measured %v; want TLS 1.3 with a computed size (the message is encrypted)", r.Version, r.CertificateMessageSeen)
	}
	if want := certMsgSize(cert.Certificate); r.CertificateMessage != want {
		t.Errorf("computed size: got %d, want %d", r.CertificateMessage, want)
	}
	if r.MFLError == "" {
		t.Errorf("mfl against a TLS 1.3-only server: got %+v, want an error (our hello is TLS 1.2)", r.MFL)
	}
}

func TestProbeRequiresSNI(t *testing.T) {
	cert := goCert(t, "p256-sha256-leaf", "p256-sha256-int")
	cfg := &tls.Config{GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		if h.ServerName == "" {
			return nil, errors.New("no SNI")
		}
		return &tls.Config{Certificates: []tls.Certificate{cert}}, nil
	}}
	addr := goServer(t, cfg, false)
	r, err := probe(t, addr, Options{SNI: "device.local", SkipHTTP: true, MFL: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !r.SNIRequired {
		t.Errorf("sni required: got false, want true")
	}
	_, err = probe(t, addr, Options{NoSNI: true, SkipHTTP: true, MFL: -1})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindAlert || pe.Step != StepHandshake {
		t.Errorf("--no-sni: got %v, want an alert at the handshake", err)
	}
}

func TestProbeFailures(t *testing.T) {
	refused := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		a := ln.Addr().String()
		ln.Close()
		return a
	}()
	ssh := rawServer(t, func(c net.Conn) {
		fmt.Fprint(c, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
		_, _ = c.Read(make([]byte, 512))
	})
	plainHTTP := rawServer(t, func(c net.Conn) {
		_, _ = bufio.NewReader(c).ReadByte()
		fmt.Fprint(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	})
	stall := rawServer(t, func(c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(3 * testTimeout))
		_, _ = c.Read(make([]byte, 4096))
		_, _ = c.Read(make([]byte, 4096))
	})
	alert := goServer(t, &tls.Config{GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
		return nil, errors.New("no certificate for you")
	}}, false)
	closer := rawServer(t, func(c net.Conn) { _, _ = c.Read(make([]byte, 10)) })
	unreachable := dialerFunc(func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}
	})

	tests := []struct {
		name    string
		addr    string
		opt     Options
		step    Step
		kind    Kind
		contain string
	}{
		{"refused", refused, Options{}, StepDial, KindRefused, "nothing listens"},
		{"unreachable", "192.0.2.1:443", Options{Dialer: unreachable}, StepDial, KindUnreachable, "unreachable"},
		{"ssh banner", ssh, Options{}, StepHandshake, KindNotTLS, "SSH banner"},
		{"plain http", plainHTTP, Options{}, StepHandshake, KindNotTLS, "plain HTTP"},
		{"stalls", stall, Options{Timeout: 500 * time.Millisecond}, StepHandshake, KindTimeout, "did not answer"},
		{"alert", alert, Options{}, StepHandshake, KindAlert, "internal_error"},
		{"closes", closer, Options{}, StepHandshake, KindClosed, "closed"},
		{"bad port", "example.com:99999", Options{}, StepAddress, KindOther, "port"},
		{"url", "https://example.com/", Options{}, StepAddress, KindOther, "URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.SkipSNICheck, tt.opt.MFL = true, -1
			_, err := probe(t, tt.addr, tt.opt)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *probe.Error", err)
			}
			if pe.Step != tt.step || pe.Kind != tt.kind {
				t.Errorf("got step %s kind %s (%v), want step %s kind %s", pe.Step, pe.Kind, err, tt.step, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.contain) {
				t.Errorf("message %q does not say %q", err, tt.contain)
			}
		})
	}
}

type dialerFunc func(ctx context.Context, network, addr string) (net.Conn, error)

func (f dialerFunc) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	return f(ctx, network, addr)
}

func TestAllConcurrent(t *testing.T) {
	cert := goCert(t, "p256-sha256-leaf", "p256-sha256-int")
	// Each server delays its handshake; run concurrently, five take about
	// as long as one.
	const delay = 300 * time.Millisecond
	var addrs []string
	for range 5 {
		addrs = append(addrs, goServer(t, &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			time.Sleep(delay)
			return &tls.Config{Certificates: []tls.Certificate{cert}}, nil
		}}, false))
	}
	start := time.Now()
	var n atomic.Int32 // done runs on each probe's goroutine
	outs := All(context.Background(), addrs, Options{Timeout: testTimeout, SkipHTTP: true, SkipSNICheck: true, MFL: -1}, 0, func(Outcome) { n.Add(1) })
	if d := time.Since(start); d > 3*delay {
		t.Errorf("5 probes took %v, want about %v (concurrent)", d, delay)
	}
	if n.Load() != 5 {
		t.Errorf("done called %d times, want 5", n.Load())
	}
	for i, o := range outs {
		if o.Err != nil || o.Addr != addrs[i] {
			t.Errorf("outcome %d: %v for %s, want success for %s", i, o.Err, o.Addr, addrs[i])
		}
	}
}

func TestClientHelloParses(t *testing.T) {
	// crypto/tls as a server must accept our hello and show the SNI.
	got := make(chan string, 1)
	cert := goCert(t, "p256-sha256-leaf")
	addr := goServer(t, &tls.Config{GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		got <- h.ServerName
		return &tls.Config{Certificates: []tls.Certificate{cert}}, nil
	}}, false)
	p := &prober{opt: Options{Dialer: &net.Dialer{}}, addr: addr, sni: "device.local"}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	r, _, err := p.probeMFL(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if sni := <-got; sni != "device.local" {
		t.Errorf("server saw SNI %q, want device.local", sni)
	}
	if r.Echoed || r.CertificateRecords != 1 {
		t.Errorf("got %+v, want not echoed and the Certificate in one record", r)
	}
}

// --- openssl s_server, for what crypto/tls servers cannot do ---

func writePEM(t *testing.T, dir, name, typ string, ders ...[]byte) string {
	t.Helper()
	var b bytes.Buffer
	for _, d := range ders {
		_ = pem.Encode(&b, &pem.Block{Type: typ, Bytes: d})
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// opensslServer starts `openssl s_server` with a leaf, its key and a chain
// file, plus extra arguments, and stops it when the test ends.
func opensslServer(t *testing.T, leaf string, chain []string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	key, err := testcert.Key(leaf)
	if err != nil {
		t.Fatal(err)
	}
	k8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile := writePEM(t, dir, "leaf.pem", "CERTIFICATE", der(t, leaf))
	keyFile := writePEM(t, dir, "key.pem", "PRIVATE KEY", k8)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	argv := []string{"s_server", "-accept", addr, "-cert", certFile, "-key", keyFile, "-quiet", "-tls1_2"}
	if len(chain) > 0 {
		var ders [][]byte
		for _, c := range chain {
			ders = append(ders, der(t, c))
		}
		argv = append(argv, "-cert_chain", writePEM(t, dir, "chain.pem", "CERTIFICATE", ders...))
	}
	argv = append(argv, args...)
	for i, a := range argv {
		argv[i] = strings.ReplaceAll(strings.ReplaceAll(a, "@cert", certFile), "@key", keyFile)
	}
	cmd := exec.Command(bin, argv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdin = strings.NewReader("") // -quiet implies -ign_eof, so EOF on stdin does not stop it
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("openssl s_server did not start: %v\n%s", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestProbeOpenSSL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts openssl")
	}
	t.Run("sends the root", func(t *testing.T) {
		addr := opensslServer(t, "p256-sha256-leaf", []string{"p256-sha256-int", "p256-sha256-root"})
		r, err := probe(t, addr, Options{SNI: "device.local", SkipHTTP: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.DER) != 3 || !bytes.Equal(r.DER[2], der(t, "p256-sha256-root")) {
			t.Errorf("got %d certificates, want leaf, intermediate and root", len(r.DER))
		}
	})
	t.Run("oversized chain", func(t *testing.T) {
		addr := opensslServer(t, "rsa2048-sha256-leaf-big", []string{"rsa2048-sha256-int"})
		r, err := probe(t, addr, Options{SkipHTTP: true, SkipSNICheck: true, MFL: -1})
		if err != nil {
			t.Fatal(err)
		}
		want := certMsgSize([][]byte{der(t, "rsa2048-sha256-leaf-big"), der(t, "rsa2048-sha256-int")})
		if r.CertificateMessage != want || !r.CertificateMessageSeen || r.CertificateMessage <= 4096 {
			t.Errorf("certificate message: got %d (measured %v), want %d measured (> 4096)", r.CertificateMessage, r.CertificateMessageSeen, want)
		}
	})
	t.Run("echoes max_fragment_length", func(t *testing.T) {
		addr := opensslServer(t, "rsa2048-sha256-leaf-big", []string{"rsa2048-sha256-int"})
		r, err := probe(t, addr, Options{SkipHTTP: true, SkipSNICheck: true, MFL: 1024})
		if err != nil {
			t.Fatal(err)
		}
		if r.MFL == nil || !r.MFL.Echoed || r.MFL.Largest > 1024 || r.MFL.CertificateRecords < 5 {
			t.Errorf("mfl: got %+v (%s), want echoed, records <= 1024, Certificate over >= 5 records", r.MFL, r.MFLError)
		}
	})
	t.Run("small records fragment the Certificate message", func(t *testing.T) {
		addr := opensslServer(t, "p256-sha256-leaf", []string{"p256-sha256-int"}, "-max_send_frag", "512")
		r, err := probe(t, addr, Options{SkipHTTP: true, SkipSNICheck: true, MFL: -1})
		if err != nil {
			t.Fatal(err)
		}
		if r.CertificateRecords < 2 || r.LargestRecord > 512 {
			t.Errorf("got the Certificate message in %d records, largest %d; want several records of <= 512", r.CertificateRecords, r.LargestRecord)
		}
	})
	t.Run("wrong SNI is fatal", func(t *testing.T) {
		addr := opensslServer(t, "p256-sha256-leaf", []string{"p256-sha256-int"}, "-servername", "device.local", "-servername_fatal", "-cert2", "@cert", "-key2", "@key")
		if _, err := probe(t, addr, Options{SNI: "device.local", SkipHTTP: true, MFL: -1}); err != nil {
			t.Fatalf("right name: %v", err)
		}
		_, err := probe(t, addr, Options{SNI: "other.local", SkipHTTP: true, MFL: -1})
		var pe *Error
		if !errors.As(err, &pe) || pe.Kind != KindAlert {
			t.Errorf("wrong name: got %v, want a TLS alert", err)
		}
	})
}
