package probe

import (
	"context"
	"crypto/tls"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

func TestHTTPWait(t *testing.T) {
	for _, c := range []struct{ hs, want time.Duration }{
		{2 * time.Millisecond, 100 * time.Millisecond},  // loopback: the floor
		{80 * time.Millisecond, 320 * time.Millisecond}, // four handshakes' worth
		{3 * time.Second, 2 * time.Second},              // the ceiling
	} {
		if got := httpWait(c.hs); got != c.want {
			t.Errorf("httpWait(%v) = %v, want %v", c.hs, got, c.want)
		}
	}
}

// TestSilentServiceIsCheap: a TLS service that never answers HTTP (a broker
// on port 443, openssl s_server) costs the short wait, not seconds; an HTTP
// server's Date is still read.
func TestSilentServiceIsCheap(t *testing.T) {
	cfg := &tls.Config{Certificates: []tls.Certificate{goCert(t, "p256-sha256-leaf", "p256-sha256-int")}}
	// Handshakes, then reads and never answers, like openssl s_server
	// (without -www) or an MQTT broker.
	silent := testcert.TLSServer(t, cfg, testTimeout)
	start := time.Now()
	r, err := Probe(context.Background(), silent, Options{MFL: -1, SkipSNICheck: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("probing a silent TLS service took %v; the HTTP wait must stay short on loopback", d)
	}
	if !r.ServerTime.IsZero() {
		t.Errorf("a silent service gave a server time %v", r.ServerTime)
	}
	web := goServer(t, cfg, true)
	r, err = Probe(context.Background(), web, Options{MFL: -1, SkipSNICheck: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.ServerTime.IsZero() || time.Since(r.ServerTime) > time.Minute {
		t.Errorf("HTTP server's Date not read: %v", r.ServerTime)
	}
}
