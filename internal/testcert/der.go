package testcert

import (
	"errors"
	"fmt"
)

// node is one TLV of a certificate, by offsets into the certificate's bytes.
// The tree descends into constructed elements and into the two primitive
// strings whose contents mbedTLS parses as DER: extension values (OCTET
// STRING) and the RSA subjectPublicKey (BIT STRING). It does not descend
// into signature values or EC points, which mbedTLS reads as opaque bytes.
type node struct {
	tag    byte
	start  int // offset of the tag byte
	hdr    int // tag and length bytes
	end    int // offset just past the content
	prefix int // content bytes before the first child (a BIT STRING's unused-bits byte)
	kids   []*node
	path   string // readable position: "tbs.issuer.rdn2.atv1.value"
	depth  int
	parent *node
	mark   uint64 // == derTree.gen while an edit re-encodes this node
}

func (n *node) contentStart() int { return n.start + n.hdr }

// derTree is a parsed certificate.
type derTree struct {
	der   []byte
	root  *node
	nodes []*node // every node, in document order
	gen   uint64  // edit generation, see node.mark
}

var errTLV = errors.New("malformed TLV")

// readTLV reads the header at b[off:] and returns the header length and the
// content length. Only DER as the generator wrote it is expected: one-byte
// tags, definite lengths of at most 4 bytes.
func readTLV(b []byte, off, limit int) (hdr, n int, err error) {
	if off+2 > limit {
		return 0, 0, errTLV
	}
	if b[off]&0x1F == 0x1F {
		return 0, 0, errTLV
	}
	l := int(b[off+1])
	hdr = 2
	if l >= 0x80 {
		k := l & 0x7F
		if k == 0 || k > 4 || off+2+k > limit {
			return 0, 0, errTLV
		}
		l = 0
		for _, c := range b[off+2 : off+2+k] {
			l = l<<8 | int(c)
		}
		hdr += k
	}
	if off+hdr+l > limit {
		return 0, 0, errTLV
	}
	return hdr, l, nil
}

// parseDER builds the tree of a certificate.
func parseDER(der []byte) (*derTree, error) {
	t := &derTree{der: der}
	hdr, n, err := readTLV(der, 0, len(der))
	if err != nil || hdr+n != len(der) {
		return nil, fmt.Errorf("not one DER element: %v", err)
	}
	t.root = &node{tag: der[0], start: 0, hdr: hdr, end: hdr + n, path: "cert"}
	if err := t.descend(t.root); err != nil {
		return nil, err
	}
	t.label()
	t.walk(t.root, func(n *node) { t.nodes = append(t.nodes, n) })
	return t, nil
}

// parseKids splits n's content (after prefix bytes) into children, or
// reports that it is not a sequence of TLVs.
func (t *derTree) parseKids(n *node, prefix int) ([]*node, error) {
	var kids []*node
	off, end := n.contentStart()+prefix, n.end
	for off < end {
		hdr, l, err := readTLV(t.der, off, end)
		if err != nil {
			return nil, err
		}
		kids = append(kids, &node{tag: t.der[off], start: off, hdr: hdr, end: off + hdr + l, depth: n.depth + 1, parent: n})
		off += hdr + l
	}
	return kids, nil
}

func (t *derTree) descend(n *node) error {
	if n.tag&0x20 == 0 {
		return nil
	}
	kids, err := t.parseKids(n, 0)
	if err != nil {
		return fmt.Errorf("at %d: %w", n.start, err)
	}
	n.kids = kids
	for _, k := range kids {
		if err := t.descend(k); err != nil {
			return err
		}
	}
	return nil
}

// encapsulated parses the DER inside a primitive string when it is all
// well-formed TLVs; otherwise the node stays a leaf.
func (t *derTree) encapsulated(n *node, prefix int) {
	if n.end-n.contentStart() <= prefix {
		return
	}
	kids, err := t.parseKids(n, prefix)
	if err != nil {
		return
	}
	for _, k := range kids {
		if t.descend(k) != nil {
			return
		}
	}
	n.kids, n.prefix = kids, prefix
}

func (t *derTree) walk(n *node, f func(*node)) {
	f(n)
	for _, k := range n.kids {
		t.walk(k, f)
	}
}

// Short names of the extensions, for case names.
var extNames = map[string]string{
	"551d13": "bc", "551d0f": "ku", "551d25": "eku", "551d11": "san", "551d0e": "ski",
	"551d23": "aki", "551d20": "cp", "551d1f": "crldp", "551d1e": "nc", "2b06010505070101": "aia",
	"6086480186f8420101": "nsct", "2b06010401d679020402": "sct", "551d12": "ian",
}

// label names the nodes, and finds the encapsulated DER that mbedTLS parses.
func (t *derTree) label() {
	r := t.root
	names := []string{"tbs", "sigalg", "sig"}
	for i, k := range r.kids {
		k.path = generic(k, i)
		if i < len(names) {
			k.path = names[i]
		}
	}
	if len(r.kids) == 0 || r.kids[0].tag != 0x30 {
		t.labelGeneric(r)
		return
	}
	tbs := r.kids[0]
	fields := []string{"serial", "sigalg", "issuer", "validity", "subject", "spki"}
	fi := 0
	for i, k := range tbs.kids {
		switch {
		case i == 0 && k.tag == 0xA0:
			k.path = "tbs.version"
		case k.tag == 0xA3 || k.tag == 0x83:
			k.path = "tbs.ext"
		case fi >= len(fields) && (k.tag&0x1F) == 1:
			k.path = "tbs.issuerUID"
		case fi >= len(fields) && (k.tag&0x1F) == 2:
			k.path = "tbs.subjectUID"
		case fi < len(fields):
			k.path = "tbs." + fields[fi]
			fi++
		default:
			k.path = "tbs." + generic(k, i)
		}
		switch k.path {
		case "tbs.issuer", "tbs.subject":
			t.labelName(k)
			continue
		case "tbs.validity":
			for j, v := range k.kids {
				v.path = k.path + "." + pick(j, "notBefore", "notAfter", generic(v, j))
			}
			continue
		case "tbs.spki":
			t.labelSPKI(k)
			continue
		case "tbs.ext":
			t.labelExtensions(k)
			continue
		}
		t.labelGeneric(k)
	}
	t.labelGeneric(r.kids[1:]...)
}

func pick(i int, names ...string) string {
	if i < len(names)-1 {
		return names[i]
	}
	return names[len(names)-1]
}

// generic is the label of a node without a field name: its tag and index.
func generic(n *node, i int) string {
	return fmt.Sprintf("%s%d", tagName(n.tag), i)
}

func tagName(tag byte) string {
	switch tag {
	case 0x01:
		return "bool"
	case 0x02:
		return "int"
	case 0x03:
		return "bits"
	case 0x04:
		return "octets"
	case 0x05:
		return "null"
	case 0x06:
		return "oid"
	case 0x0C:
		return "utf8"
	case 0x13:
		return "printable"
	case 0x16:
		return "ia5"
	case 0x17:
		return "utctime"
	case 0x18:
		return "gentime"
	case 0x1E:
		return "bmp"
	case 0x30:
		return "seq"
	case 0x31:
		return "set"
	}
	if tag&0xC0 == 0x80 {
		return fmt.Sprintf("ctx%d", tag&0x1F)
	}
	return fmt.Sprintf("tag%02x", tag)
}

func (t *derTree) labelGeneric(ns ...*node) {
	for _, n := range ns {
		for i, k := range n.kids {
			k.path = n.path + "." + generic(k, i)
		}
		t.labelGeneric(n.kids...)
	}
}

func (t *derTree) labelName(n *node) {
	for i, r := range n.kids {
		r.path = fmt.Sprintf("%s.rdn%d", n.path, i+1)
		for j, a := range r.kids {
			a.path = fmt.Sprintf("%s.atv%d", r.path, j+1)
			for k, v := range a.kids {
				v.path = a.path + "." + pick(k, "type", "value", generic(v, k))
			}
		}
	}
}

func (t *derTree) labelSPKI(n *node) {
	for i, k := range n.kids {
		k.path = n.path + "." + pick(i, "alg", "key", generic(k, i))
	}
	if len(n.kids) < 2 {
		return
	}
	t.labelGeneric(n.kids[0])
	key := n.kids[1]
	// An RSA key is a DER RSAPublicKey inside the BIT STRING; an EC point
	// (04 || X || Y) is not DER and is left alone.
	if key.tag == 0x03 && key.end-key.contentStart() > 2 && t.der[key.contentStart()] == 0 && t.der[key.contentStart()+1] == 0x30 {
		t.encapsulated(key, 1)
		for i, k := range key.kids {
			k.path = key.path + "." + pick(i, "rsakey", generic(k, i))
			for j, v := range k.kids {
				v.path = k.path + "." + pick(j, "n", "e", generic(v, j))
			}
		}
	}
}

func (t *derTree) labelExtensions(n *node) {
	if len(n.kids) != 1 {
		t.labelGeneric(n)
		return
	}
	list := n.kids[0]
	list.path = n.path + ".list"
	seen := map[string]int{}
	for i, e := range list.kids {
		name := generic(e, i)
		if len(e.kids) > 0 && e.kids[0].tag == 0x06 {
			o := e.kids[0]
			hex := fmt.Sprintf("%x", t.der[o.contentStart():o.end])
			if s, ok := extNames[hex]; ok {
				name = s
			} else {
				name = "x" + hex
			}
		}
		seen[name]++
		if seen[name] > 1 {
			name = fmt.Sprintf("%s#%d", name, seen[name])
		}
		e.path = list.path + "." + name
		for j, f := range e.kids {
			switch {
			case j == 0:
				f.path = e.path + ".oid"
			case f.tag == 0x01:
				f.path = e.path + ".critical"
			case f.tag == 0x04:
				f.path = e.path + ".value"
				t.encapsulated(f, 0)
				t.labelGeneric(f)
			default:
				f.path = e.path + "." + generic(f, j)
				t.labelGeneric(f)
			}
		}
	}
}

// appendLen appends a minimal DER length.
func appendLen(out []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(out, byte(n))
	case n < 0x100:
		return append(out, 0x81, byte(n))
	case n < 0x10000:
		return append(out, 0x82, byte(n>>8), byte(n))
	case n < 0x1000000:
		return append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	default:
		return append(out, 0x84, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
}

func tlv(tag byte, content ...[]byte) []byte {
	n := 0
	for _, c := range content {
		n += len(c)
	}
	out := appendLen([]byte{tag}, n)
	for _, c := range content {
		out = append(out, c...)
	}
	return out
}

// edit re-encodes the certificate with some nodes replaced by other bytes
// (nil or empty removes a node; several elements may stand for one), fixing
// the length of every enclosing element. Nodes outside the replaced subtrees
// keep their original bytes.
func (t *derTree) edit(repl map[*node][]byte) []byte {
	// Mark the replaced nodes and their ancestors: only they are
	// re-encoded; everything else is copied.
	t.gen++
	for n := range repl {
		for p := n; p != nil && p.mark != t.gen; p = p.parent {
			p.mark = t.gen
		}
	}
	return t.encode(t.root, repl, make([]byte, 0, len(t.der)+64))
}

func (t *derTree) encode(n *node, repl map[*node][]byte, out []byte) []byte {
	if b, ok := repl[n]; ok {
		return append(out, b...)
	}
	if n.mark != t.gen {
		return append(out, t.der[n.start:n.end]...)
	}
	content := append([]byte(nil), t.der[n.contentStart():n.contentStart()+n.prefix]...)
	for _, k := range n.kids {
		content = t.encode(k, repl, content)
	}
	out = appendLen(append(out, n.tag), len(content))
	return append(out, content...)
}

// endBefore re-encodes the certificate with the element x and everything
// after it inside the same top-level field (TBSCertificate,
// signatureAlgorithm or signature) removed, every enclosing length fixed.
// Unlike a plain cut, which every mbedTLS build rejects at the outer
// SEQUENCE, the structure stays well-formed and the parser runs out of
// elements exactly at the step that reads x.
func (t *derTree) endBefore(x *node) []byte {
	top := t.root
	for _, k := range t.root.kids {
		if k.start <= x.start && x.end <= k.end && k != x {
			top = k
		}
	}
	var enc func(n *node, out []byte) []byte
	enc = func(n *node, out []byte) []byte {
		switch {
		case n.end <= x.start || (n.start >= top.end && top != t.root):
			return append(out, t.der[n.start:n.end]...)
		case n.start >= x.start:
			return out
		}
		content := append([]byte(nil), t.der[n.contentStart():n.contentStart()+n.prefix]...)
		for _, k := range n.kids {
			content = enc(k, content)
		}
		out = appendLen(append(out, n.tag), len(content))
		return append(out, content...)
	}
	return enc(t.root, nil)
}

// replace is edit for one node.
func (t *derTree) replace(n *node, b []byte) []byte { return t.edit(map[*node][]byte{n: b}) }

// bytesOf returns a node's encoding.
func (t *derTree) bytesOf(n *node) []byte { return t.der[n.start:n.end] }

// content returns a node's content.
func (t *derTree) content(n *node) []byte { return t.der[n.contentStart():n.end] }

// find returns the node at a path, or nil.
func (t *derTree) find(path string) *node {
	for _, n := range t.nodes {
		if n.path == path {
			return n
		}
	}
	return nil
}
