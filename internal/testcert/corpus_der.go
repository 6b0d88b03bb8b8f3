package testcert

import (
	"bytes"
	"fmt"
	"sort"
)

// both adds a DER input in mode der and in mode crt: mbedtls_x509_crt_parse
// hands anything that is not NUL-terminated PEM to the DER parser, and the
// oracle checks that both entry points agree with the prediction.
func (b *builder) both(cert, name string, in []byte) {
	b.add(cert+"/der/"+name, "der", in)
	b.add(cert+"/der-crt/"+name, "crt", in)
}

// addDERShapes adds what happens to a DER file as a whole: trailing bytes,
// two certificates back to back, flash fill, a cut, a stray byte in front.
func (b *builder) addDERShapes(cert string, der []byte) {
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	b.both(cert, "ok", der)
	b.both(cert, "trailing-16-bytes", cat(der, []byte("trailing garbage")))
	b.both(cert, "trailing-nul", cat(der, []byte{0}))
	b.both(cert, "twice", cat(der, der))
	b.both(cert, "ff-fill-sector", sector(bytes.Clone(der), 0xFF))
	b.both(cert, "zero-fill-sector", sector(bytes.Clone(der), 0))
	b.both(cert, "cut-last-byte", der[:len(der)-1])
	b.both(cert, "cut-10-bytes", der[:len(der)-10])
	b.both(cert, "cut-half", der[:len(der)/2])
	b.both(cert, "nul-before", cat([]byte{0}, der))
	b.both(cert, "ff-before", cat([]byte{0xFF}, der))
	// DER then a NUL-terminated PEM: mode crt takes the PEM path only if the
	// DER contains no NUL before the header (possible for EC certificates).
	b.add(cert+"/der-crt/der-then-pem-nul", "crt", cat(der, []byte(pemLF(der)), []byte{0}))
	// PEM, then the DER, then a NUL: strstr finds the header, the loop
	// parses the block and stops at the DER, which holds no header.
	b.add(cert+"/der-crt/pem-then-der-nul", "crt", cat([]byte(pemLF(der)), der, []byte{0}))
}

// addTLV walks the DER structure and adds, for each TLV, a cut at each
// structural boundary (as is, and as the structure ending before the
// element, lengths fixed) and a mutation of each header byte: the tag changed,
// the length off by one, and the length re-encoded in the indefinite,
// four-byte, five-byte and non-minimal long forms (with the enclosing lengths
// fixed, so the mutation is the only thing wrong). Nodes down to derDepth go
// to mode der, down to crtDepth also to mode crt: beyond the outer layers the
// crt entry point adds nothing (it hands DER to the same parser), so it
// gets the outer layers only and the corpus stays balanced.
func (b *builder) addTLV(cert string, t *derTree, derDepth, crtDepth int) {
	emit := func(n *node, name string, in []byte) {
		b.add(cert+"/der/"+name, "der", in)
		if n.depth <= crtDepth {
			b.add(cert+"/der-crt/"+name, "crt", in)
		}
	}
	// Cuts: at the start of a TLV, inside a long-form length, and where its
	// content starts. Where two coincide the name says "before" the inner
	// element, which is the more useful description.
	type cutAt struct {
		name string
		n    *node
		rank int
	}
	cuts := map[int]cutAt{}
	cut := func(off int, where string, rank int, n *node) {
		if off == 0 || off == len(t.der) {
			return
		}
		if c, ok := cuts[off]; ok && c.rank <= rank {
			return
		}
		cuts[off] = cutAt{fmt.Sprintf("cut/%d-%s-%s", off, where, n.path), n, rank}
	}
	for _, n := range t.nodes {
		if n.depth > derDepth {
			continue
		}
		cut(n.start, "before", 0, n)
		if n.hdr > 2 {
			cut(n.start+2, "in-length-of", 1, n)
		}
		cut(n.contentStart(), "content-of", 2, n)
	}
	offs := make([]int, 0, len(cuts))
	for off := range cuts {
		offs = append(offs, off)
	}
	sort.Ints(offs)
	for _, off := range offs {
		emit(cuts[off].n, cuts[off].name, t.der[:off])
	}
	// Each element removed with what follows it in its top-level field.
	for _, n := range t.nodes {
		if n.depth <= derDepth && n != t.root {
			emit(n, fmt.Sprintf("ends-before/%s@%d", n.path, n.start), t.endBefore(n))
		}
	}
	for _, n := range t.nodes {
		if n.depth > derDepth {
			continue
		}
		for _, m := range headerMutations(t, n) {
			emit(n, fmt.Sprintf("tlv/%s@%d/%s", n.path, n.start, m.name), m.der)
		}
	}
}

type mutation struct {
	name string
	der  []byte
}

// headerMutations are the single-header changes of one node.
func headerMutations(t *derTree, n *node) []mutation {
	var out []mutation
	inPlace := func(name string, f func(b []byte)) {
		d := bytes.Clone(t.der)
		f(d)
		out = append(out, mutation{name, d})
	}
	tag := n.tag
	inPlace(fmt.Sprintf("tag-%02x-to-%02x", tag, tag+1), func(d []byte) { d[n.start]++ })
	// The second tag change is to SET (0x31), the usual neighbour of a
	// SEQUENCE in a flipped bit; for a SET it is SEQUENCE, and where tag+1
	// already is SET, the constructed bit flipped instead.
	swap := byte(0x31)
	switch {
	case tag == 0x31:
		swap = 0x30
	case tag+1 == 0x31:
		swap = tag ^ 0x20
	}
	inPlace(fmt.Sprintf("tag-%02x-to-%02x", tag, swap), func(d []byte) { d[n.start] = swap })

	length := n.end - n.contentStart()
	lenBytes := n.hdr - 1 // bytes of the length field
	for _, delta := range []int{+1, -1} {
		v := length + delta
		ok := v >= 0
		if lenBytes == 1 {
			ok = ok && v < 0x80
		} else {
			ok = ok && v < 1<<(8*(lenBytes-1))
		}
		if !ok {
			continue
		}
		name := fmt.Sprintf("len-%d-to-%d", length, v)
		inPlace(name, func(d []byte) {
			if lenBytes == 1 {
				d[n.start+1] = byte(v)
				return
			}
			for i := lenBytes - 1; i >= 1; i-- {
				d[n.start+i] = byte(v)
				v >>= 8
			}
		})
	}

	if lenBytes > 1 {
		// The length-of-length byte itself (0x82 -> 0x83): the following
		// bytes are then read as a longer length.
		c := t.der[n.start+1]
		inPlace(fmt.Sprintf("len-count-%02x-to-%02x", c, c+1), func(d []byte) { d[n.start+1]++ })
	}

	content := t.content(n)
	reencode := func(name string, lenField []byte) {
		enc := append(append([]byte{tag}, lenField...), content...)
		out = append(out, mutation{name, t.replace(n, enc)})
	}
	be := func(k int) []byte {
		f := make([]byte, k)
		v := length
		for i := k - 1; i >= 0; i-- {
			f[i] = byte(v)
			v >>= 8
		}
		return f
	}
	reencode("len-indefinite", []byte{0x80})
	reencode("len-long-4", append([]byte{0x84}, be(4)...))
	reencode("len-long-5", append([]byte{0x85}, be(5)...))
	// One length byte more than needed, the most common non-minimal form.
	minimal := len(appendLen(nil, length)) - 1 // long-form bytes; 0 for short form
	if minimal+1 < 4 {
		k := minimal + 1
		reencode(fmt.Sprintf("len-long-%d-nonminimal", k), append([]byte{0x80 | byte(k)}, be(k)...))
	}
	return out
}
