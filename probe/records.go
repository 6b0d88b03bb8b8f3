package probe

import (
	"net"
	"sync"
)

// TLS record content types and handshake message types (RFC 5246 §6.2.1,
// §7.4).
const (
	recChangeCipherSpec = 20
	recAlert            = 21
	recHandshake        = 22

	hsServerHello     = 2
	hsCertificate     = 11
	hsServerHelloDone = 14
)

// flight follows the TLS records a server sends and, while they are in
// the clear, the handshake messages inside them. It sees only headers and
// plaintext handshake bytes; it never interprets encrypted data.
type flight struct {
	mu sync.Mutex
	// Record parsing state across reads.
	hdr     [5]byte
	hdrN    int
	left    int  // body bytes still to come in the current record
	curType byte // content type of the current record
	recIdx  int  // index of the current record
	// clear is false after the server's ChangeCipherSpec: later handshake
	// records are encrypted.
	clear bool
	stop  bool // stop recording (handshake over)

	Records    int
	Largest    int
	FirstBytes []byte // the first bytes the server sent, to name a non-TLS protocol

	hs         []byte // handshake bytes in the clear, not yet a whole message
	hsStartRec int    // record where the pending message began
	Msgs       []hsMsg
}

type hsMsg struct {
	typ     byte
	body    []byte
	records int // how many records the message spanned
}

func newFlight() *flight { return &flight{clear: true} }

func (f *flight) feed(p []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.FirstBytes) < 16 {
		n := min(16-len(f.FirstBytes), len(p))
		f.FirstBytes = append(f.FirstBytes, p[:n]...)
	}
	for len(p) > 0 && !f.stop {
		if f.left == 0 {
			n := copy(f.hdr[f.hdrN:], p)
			f.hdrN += n
			p = p[n:]
			if f.hdrN < 5 {
				return
			}
			f.hdrN = 0
			f.curType = f.hdr[0]
			f.left = int(f.hdr[3])<<8 | int(f.hdr[4])
			f.Records++
			f.recIdx = f.Records
			if f.left > f.Largest {
				f.Largest = f.left
			}
			if f.curType == recChangeCipherSpec {
				f.clear = false
			}
			if f.left == 0 {
				continue
			}
		}
		n := min(f.left, len(p))
		if f.curType == recHandshake && f.clear {
			if len(f.hs) == 0 {
				f.hsStartRec = f.recIdx
			}
			f.hs = append(f.hs, p[:n]...)
			f.messages()
		}
		f.left -= n
		p = p[n:]
	}
}

// messages cuts whole handshake messages off the pending bytes.
func (f *flight) messages() {
	for len(f.hs) >= 4 {
		l := int(f.hs[1])<<16 | int(f.hs[2])<<8 | int(f.hs[3])
		if len(f.hs) < 4+l {
			return
		}
		f.Msgs = append(f.Msgs, hsMsg{typ: f.hs[0], body: append([]byte(nil), f.hs[4:4+l]...), records: f.recIdx - f.hsStartRec + 1})
		f.hs = f.hs[4+l:]
		f.hsStartRec = f.recIdx
	}
}

func (f *flight) msg(typ byte) (hsMsg, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.Msgs {
		if m.typ == typ {
			return m, true
		}
	}
	return hsMsg{}, false
}

func (f *flight) halt() {
	f.mu.Lock()
	f.stop = true
	f.mu.Unlock()
}

// recConn hands everything the server sends to a flight.
type recConn struct {
	net.Conn
	f *flight
}

func (c *recConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.f.feed(p[:n])
	}
	return n, err
}

// certMsgSize is the size of a TLS 1.2 Certificate handshake message
// carrying ders, header included: what mbedTLS must hold in one buffer.
func certMsgSize(ders [][]byte) int {
	n := 4 + 3
	for _, d := range ders {
		n += 3 + len(d)
	}
	return n
}
