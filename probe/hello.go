package probe

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

var mflSizesLazy lazy.Value[map[byte]int]

// MFL codes of the max_fragment_length extension (RFC 6066 §4): the
// requested plaintext record limit is 2^(8+code).
func mflSizes() map[byte]int { return mflSizesLazy.Get(buildMflSizes) }

func buildMflSizes() map[byte]int {
	return map[byte]int{1: 512, 2: 1024, 3: 2048, 4: 4096}
}

// MFLCode returns the max_fragment_length code for a record size (512,
// 1024, 2048 or 4096).
func MFLCode(size int) (byte, bool) {
	for c, s := range mflSizes() {
		if s == size {
			return c, true
		}
	}
	return 0, false
}

// clientHello writes a minimal TLS 1.2 ClientHello record with SNI (when
// sni is not empty) and max_fragment_length. crypto/tls cannot send
// max_fragment_length, so this one is ours; it offers what an mbedTLS 2.28
// client typically offers, so a server answers it as it would a device.
func clientHello(sni string, mfl byte) []byte {
	var ext []byte
	add := func(typ uint16, body []byte) {
		ext = binary.BigEndian.AppendUint16(ext, typ)
		ext = binary.BigEndian.AppendUint16(ext, uint16(len(body)))
		ext = append(ext, body...)
	}
	if sni != "" {
		name := []byte(sni)
		b := binary.BigEndian.AppendUint16(nil, uint16(len(name)+3))
		b = append(b, 0) // host_name
		b = binary.BigEndian.AppendUint16(b, uint16(len(name)))
		add(0, append(b, name...))
	}
	if mfl != 0 {
		add(1, []byte{mfl})
	}
	// supported_groups: x25519, secp256r1, secp384r1.
	add(10, []byte{0, 6, 0, 29, 0, 23, 0, 24})
	// ec_point_formats: uncompressed.
	add(11, []byte{1, 0})
	// signature_algorithms: ECDSA and RSA with SHA-256/384, RSA-PSS, and
	// the SHA-1 forms old servers still need.
	add(13, []byte{0, 16, 4, 3, 5, 3, 8, 4, 8, 5, 4, 1, 5, 1, 2, 1, 2, 3})
	// extended_master_secret and renegotiation_info, which some servers
	// insist on.
	add(23, nil)
	add(0xff01, []byte{0})

	suites := []uint16{
		0xc02b, 0xc02f, 0xc02c, 0xc030, // ECDHE GCM
		0xcca9, 0xcca8, // ECDHE ChaCha20-Poly1305
		0xc023, 0xc027, 0xc009, 0xc013, 0xc00a, 0xc014, // ECDHE CBC
		0x009c, 0x009d, 0x003c, 0x002f, 0x0035, // RSA key exchange
	}
	var body []byte
	body = append(body, 3, 3) // TLS 1.2
	random := make([]byte, 32)
	_, _ = rand.Read(random) // crypto/rand.Read never fails
	body = append(body, random...)
	body = append(body, 0) // no session ID
	body = binary.BigEndian.AppendUint16(body, uint16(2*len(suites)))
	for _, s := range suites {
		body = binary.BigEndian.AppendUint16(body, s)
	}
	body = append(body, 1, 0) // null compression only
	body = binary.BigEndian.AppendUint16(body, uint16(len(ext)))
	body = append(body, ext...)

	hs := []byte{1, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}
	hs = append(hs, body...)
	rec := []byte{recHandshake, 3, 1, byte(len(hs) >> 8), byte(len(hs))}
	return append(rec, hs...)
}

// MFL is what a server did with max_fragment_length.
type MFL struct {
	// Requested is the record size asked for (1024 for code 2).
	Requested int `json:"requested"`
	// Echoed is true when the ServerHello carries the extension back: the
	// server will send records of at most Requested bytes.
	Echoed bool `json:"echoed"`
	// Largest is the largest record of the server's flight after it
	// answered (it should not exceed Requested when echoed).
	Largest int `json:"largest_record"`
	// CertificateRecords is how many records the Certificate message took
	// on this connection.
	CertificateRecords int `json:"certificate_records,omitempty"`
}

// serverHelloExt returns the extensions of a ServerHello body.
func serverHelloExt(b []byte) (map[uint16][]byte, error) {
	if len(b) < 2+32+1 {
		return nil, fmt.Errorf("ServerHello of %d bytes is too short", len(b))
	}
	p := 2 + 32
	p += 1 + int(b[p])
	p += 2 + 1 // cipher suite, compression
	if p > len(b) {
		// A session ID longer than the message: without this check the
		// message read as one without extensions (MFL "not echoed").
		return nil, fmt.Errorf("ServerHello session ID of %d bytes at offset 34 overruns the %d-byte message", b[34], len(b))
	}
	out := map[uint16][]byte{}
	if p == len(b) {
		return out, nil // no extensions
	}
	if p+2 > len(b) {
		return nil, fmt.Errorf("ServerHello has %d stray byte after the compression method (offset %d)", len(b)-p, p)
	}
	end := p + 2 + int(binary.BigEndian.Uint16(b[p:]))
	p += 2
	if end > len(b) {
		return nil, fmt.Errorf("ServerHello extensions (%d bytes from offset %d) overrun the %d-byte message", end-p, p, len(b))
	}
	for p+4 <= end {
		typ, l := binary.BigEndian.Uint16(b[p:]), int(binary.BigEndian.Uint16(b[p+2:]))
		p += 4
		if p+l > end {
			return nil, fmt.Errorf("ServerHello extension %d (%d bytes at offset %d) overruns the extensions", typ, l, p)
		}
		out[typ] = b[p : p+l]
		p += l
	}
	if p != end {
		return nil, fmt.Errorf("ServerHello extensions end with %d stray bytes at offset %d", end-p, p)
	}
	return out, nil
}

// probeMFL sends our own ClientHello with max_fragment_length on a new
// connection and reads the server's flight up to ServerHelloDone (or the
// Certificate message, whichever comes last), without finishing the
// handshake: that costs one round trip and no key exchange.
func (p *prober) probeMFL(ctx context.Context, code byte) (*MFL, *flight, error) {
	conn, err := p.dial(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	if _, err := conn.Write(clientHello(p.sni, code)); err != nil {
		return nil, nil, p.fail(StepMFL, err, nil)
	}
	f := newFlight()
	buf := make([]byte, 16<<10)
	var sh []byte
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			f.feed(buf[:n])
		}
		if m, ok := f.msg(hsServerHello); ok && sh == nil {
			sh = m.body
		}
		if _, ok := f.msg(hsServerHelloDone); ok {
			break
		}
		if err != nil {
			if sh != nil && (err == io.EOF || isTimeout(err)) {
				break
			}
			return nil, nil, p.fail(StepMFL, err, f)
		}
		if al, ok := alertIn(f); ok && sh == nil {
			return nil, nil, p.fail(StepMFL, al, f)
		}
	}
	exts, err := serverHelloExt(sh)
	if err != nil {
		return nil, nil, &Error{Step: StepMFL, Addr: p.addr, Kind: KindProtocol, Err: err}
	}
	r := &MFL{Requested: mflSizes()[code], Largest: f.Largest}
	if v, ok := exts[1]; ok && len(v) == 1 && v[0] == code {
		r.Echoed = true
	}
	if m, ok := f.msg(hsCertificate); ok {
		r.CertificateRecords = m.records
	}
	return r, f, nil
}

// alertIn reports a fatal alert among the records read so far.
func alertIn(f *flight) (error, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.FirstBytes
	if len(b) >= 7 && b[0] == recAlert && b[5] == 2 {
		return &AlertError{Code: b[6]}, true
	}
	return nil, false
}
