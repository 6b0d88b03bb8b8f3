package probe

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
	"testing"
)

// Seeds for these targets are in testdata/fuzz/Fuzz*/ (a real TLS 1.2
// flight of a crypto/tls server with the test PKI, split records, alerts,
// non-TLS banners, ServerHellos with and without extensions). scripts/fuzz
// runs each target for a while in CI.

// FuzzFlight feeds a byte stream to the record follower whole and in the
// pieces cut says, and checks both see the same records and handshake
// messages: the follower must not depend on how reads split the stream,
// and must never panic on what a server (or something else on the port)
// sends.
func FuzzFlight(f *testing.F) {
	f.Add(clientHello("device.example.com", 2), []byte{1, 7, 200})
	f.Fuzz(func(t *testing.T, data, cut []byte) {
		whole := newFlight()
		whole.feed(data)
		split := newFlight()
		rest := data
		for _, c := range cut {
			n := min(int(c), len(rest))
			split.feed(rest[:n])
			rest = rest[n:]
		}
		split.feed(rest)
		if whole.Records != split.Records || whole.Largest != split.Largest {
			t.Fatalf("records/largest whole %d/%d, split %d/%d", whole.Records, whole.Largest, split.Records, split.Largest)
		}
		if !bytes.Equal(whole.FirstBytes, split.FirstBytes) {
			t.Fatalf("first bytes whole % x, split % x", whole.FirstBytes, split.FirstBytes)
		}
		if len(whole.Msgs) != len(split.Msgs) {
			t.Fatalf("%d messages whole, %d split", len(whole.Msgs), len(split.Msgs))
		}
		for i, m := range whole.Msgs {
			s := split.Msgs[i]
			if m.typ != s.typ || !bytes.Equal(m.body, s.body) || m.records != s.records {
				t.Fatalf("message %d: whole type %d, %d bytes, %d records; split type %d, %d bytes, %d records",
					i, m.typ, len(m.body), m.records, s.typ, len(s.body), s.records)
			}
			if m.records < 1 || m.records > whole.Records {
				t.Fatalf("message %d spans %d records of %d", i, m.records, whole.Records)
			}
		}
		if whole.Largest > 0xFFFF {
			t.Fatalf("largest record %d exceeds a 16-bit length", whole.Largest)
		}
		// msg finds the first message of each type seen.
		for _, m := range whole.Msgs {
			got, ok := whole.msg(m.typ)
			if !ok || got.typ != m.typ {
				t.Fatalf("msg(%d) not found", m.typ)
			}
		}
		_, _ = alertIn(whole)
		_ = nameProtocol(whole.FirstBytes)
	})
}

// FuzzServerHelloExt parses a ServerHello body. Either it is refused with
// an error, or every extension it returns lies inside the body, and a body
// rebuilt from the same fields gives the same extensions back.
func FuzzServerHelloExt(f *testing.F) {
	f.Add(serverHello(nil, [][2][]byte{{{0, 1}, {2}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		exts, err := serverHelloExt(b)
		if err != nil {
			if exts != nil {
				t.Fatal("extensions returned with an error")
			}
			return
		}
		total := 0
		for typ, v := range exts {
			total += 4 + len(v)
			if len(v) > 0 && !within(b, v) {
				t.Fatalf("extension %d is not a part of the message", typ)
			}
		}
		if total > len(b) {
			t.Fatalf("extensions take %d bytes of a %d-byte message", total, len(b))
		}
	})
}

// within reports whether v is a sub-slice of b.
func within(b, v []byte) bool {
	for i := 0; i+len(v) <= len(b); i++ {
		if &b[i] == &v[0] {
			return true
		}
	}
	return false
}

// serverHello builds a ServerHello body with the given session ID and
// extensions ({type, value} pairs).
func serverHello(session []byte, exts [][2][]byte) []byte {
	b := []byte{3, 3}
	b = append(b, make([]byte, 32)...)
	b = append(b, byte(len(session)))
	b = append(b, session...)
	b = append(b, 0xc0, 0x2f, 0)
	var e []byte
	for _, x := range exts {
		e = append(e, x[0]...)
		e = binary.BigEndian.AppendUint16(e, uint16(len(x[1])))
		e = append(e, x[1]...)
	}
	if exts != nil {
		b = binary.BigEndian.AppendUint16(b, uint16(len(e)))
		b = append(b, e...)
	}
	return b
}

// TestServerHelloExtCases pins the parser on hand-made bodies.
func TestServerHelloExtCases(t *testing.T) {
	mfl := [2][]byte{{0, 1}, {2}}
	ems := [2][]byte{{0, 23}, nil}
	tests := []struct {
		name    string
		body    []byte
		want    map[uint16]int // extension → value length
		wantErr bool
	}{
		{"no extensions", serverHello(nil, nil), map[uint16]int{}, false},
		{"mfl and ems", serverHello([]byte("0123456789abcdef0123456789abcdef"), [][2][]byte{mfl, ems}), map[uint16]int{1: 1, 23: 0}, false},
		{"too short", []byte{3, 3, 0}, nil, true},
		{"session ID overruns", append(serverHello(nil, nil)[:34], 32, 1, 2), nil, true},
		{"extensions overrun", append(serverHello(nil, nil), 0, 9, 0, 1), nil, true},
		{"one extension overruns", append(serverHello(nil, nil), 0, 4, 0, 1, 0, 9), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := serverHelloExt(tt.body)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d extensions, want %d", len(got), len(tt.want))
			}
			for typ, l := range tt.want {
				if v, ok := got[typ]; !ok || len(v) != l {
					t.Errorf("extension %d: %d bytes (present %v), want %d", typ, len(v), ok, l)
				}
			}
		})
	}
}

// FuzzSplitAddr checks the address parser: an error is the package's
// *Error, and an accepted address has a port from 1 to 65535.
func FuzzSplitAddr(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		host, port, err := SplitAddr(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Step != StepAddress {
				t.Fatalf("SplitAddr(%q): error %T %v, want *Error at the address step", s, err, err)
			}
			return
		}
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 {
			t.Fatalf("SplitAddr(%q) = %q, %q: bad port", s, host, port)
		}
	})
}
