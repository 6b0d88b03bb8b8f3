package main

import (
	"encoding/asn1"
	"fmt"
	"math/big"
)

// DER tags the generator writes by hand.
const (
	tagBoolean     = 0x01
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagUTF8        = 0x0C
	tagSequence    = 0x30
	tagSet         = 0x31
	tagNumeric     = 0x12
	tagPrintable   = 0x13
	tagT61         = 0x14
	tagIA5         = 0x16
	tagUTCTime     = 0x17
	tagGenTime     = 0x18
	tagVisible     = 0x1A
	tagUniversal   = 0x1C
	tagBMP         = 0x1E
)

// tlv encodes one DER element with a single-byte tag and a minimal length.
func tlv(tag byte, parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := append([]byte{tag}, derLen(n)...)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func derLen(n int) []byte {
	switch {
	case n < 0x80:
		return []byte{byte(n)}
	case n < 0x100:
		return []byte{0x81, byte(n)}
	case n < 0x10000:
		return []byte{0x82, byte(n >> 8), byte(n)}
	default:
		return []byte{0x83, byte(n >> 16), byte(n >> 8), byte(n)}
	}
}

func seq(parts ...[]byte) []byte { return tlv(tagSequence, parts...) }

func oid(ids ...int) []byte {
	b, err := asn1.Marshal(asn1.ObjectIdentifier(ids))
	if err != nil {
		panic(err)
	}
	return b
}

func derInt(v *big.Int) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func smallInt(v int64) []byte { return derInt(big.NewInt(v)) }

// bitString encodes a BIT STRING with no unused bits.
func bitString(b []byte) []byte { return tlv(tagBitString, []byte{0}, b) }

// element is one parsed TLV: its tag, its whole encoding and its content.
type element struct {
	tag     byte
	full    []byte
	content []byte
}

// parseOne reads one TLV from b (single-byte tags, definite lengths only: the
// generator only reads what it or crypto/x509 wrote).
func parseOne(b []byte) (element, []byte, error) {
	if len(b) < 2 {
		return element{}, nil, fmt.Errorf("short TLV")
	}
	tag := b[0]
	n, hl := int(b[1]), 2
	if n >= 0x80 {
		k := n & 0x7F
		if k == 0 || k > 3 || len(b) < 2+k {
			return element{}, nil, fmt.Errorf("bad length")
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		hl = 2 + k
	}
	if len(b) < hl+n {
		return element{}, nil, fmt.Errorf("TLV overruns its buffer")
	}
	return element{tag: tag, full: b[:hl+n], content: b[hl : hl+n]}, b[hl+n:], nil
}

// children splits the content of a constructed element into its elements.
func children(b []byte) ([]element, error) {
	var out []element
	for len(b) > 0 {
		e, rest, err := parseOne(b)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		b = rest
	}
	return out, nil
}

func mustChildren(b []byte) []element {
	c, err := children(b)
	if err != nil {
		panic(err)
	}
	return c
}

func fulls(es []element) [][]byte {
	out := make([][]byte, len(es))
	for i, e := range es {
		out[i] = e.full
	}
	return out
}
