package testcert

import (
	"crypto/tls"
	"io"
	"net"
	"testing"
	"time"
)

// TLSServer starts a TLS server on 127.0.0.1 with cfg and returns its
// address. Each connection completes the handshake, then is held until the
// client closes it or hold passes; the server stops with the test. Probes,
// emit --endpoint and the handshake oracle all need exactly this peer.
func TLSServer(t testing.TB, cfg *tls.Config, hold time.Duration) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(hold))
				if conn.(*tls.Conn).Handshake() == nil {
					_, _ = io.Copy(io.Discard, conn)
				}
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).String()
}
