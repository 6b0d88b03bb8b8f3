package chain

import (
	"bytes"
	"crypto/x509"
	"time"
)

// Options steer a path search.
type Options struct {
	// Anchors are the stores a path may end in, searched in order.
	Anchors []*Pool
	// Extra are intermediates the server did not send but a device could be
	// given: known cross-certificates.
	Extra []*x509.Certificate
	// At is the instant validity is judged at (the device's clock).
	At time.Time
	// MaxDepth bounds a path's length in certificates; 0 means 10 (mbedTLS
	// allows 8 intermediates by default, MBEDTLS_X509_MAX_INTERMEDIATE_CA).
	MaxDepth int
}

// Path is one way from the leaf to an anchor.
type Path struct {
	// Certs run from the leaf to the anchor.
	Certs []*Cert `json:"certificates"`
	// Anchor is the last certificate, the one the device must hold.
	Anchor *Cert `json:"-"`
	// Bytes is the DER size of every certificate on the path; SentBytes
	// only of those the server presented.
	Bytes     int `json:"bytes"`
	SentBytes int `json:"sent_bytes"`
	// NotBefore and NotAfter are the window in which every certificate is
	// valid. Until is when the path stops working for a device that keeps
	// its root: the earliest notAfter of the CA certificates (the leaf is
	// renewed by the server, the CAs are not).
	NotBefore time.Time `json:"not_before"`
	NotAfter  time.Time `json:"not_after"`
	Until     time.Time `json:"until"`
	// Valid reports that every certificate is valid at Options.At.
	Valid bool `json:"valid"`
	// AnchorKind is "root", "intermediate" or "leaf": what is being trusted.
	AnchorKind string `json:"anchor_kind"`
}

// Result is everything a search found about one presented chain.
type Result struct {
	// Presented are the server's certificates in the order sent.
	Presented []*Cert `json:"presented"`
	// Paths are every path found, shortest and longest-lived first.
	Paths []*Path `json:"paths"`
	// Unused are positions in Presented that are on no path: sent for
	// nothing, each costing the device buffer space.
	Unused []int `json:"unused,omitempty"`
	// SentRoot is the position of a self-signed certificate the server
	// sent (a device never needs it from the server), or -1.
	SentRoot int `json:"sent_root"`
	// OutOfOrder reports that a presented certificate is not followed by
	// its issuer; mbedTLS searches the chain, so it copes, but others not.
	OutOfOrder bool `json:"out_of_order"`
	// At is the instant validity was judged at.
	At time.Time `json:"at"`
}

type node struct {
	c *Cert
}

// Build finds every path from presented[0] to an anchor of opt.Anchors,
// through presented[1:] and opt.Extra. The leaf itself may be an anchor
// (a pinned certificate). Signatures are checked; validity is reported, not
// required, so an expired path still shows up (marked invalid).
func Build(presented []*x509.Certificate, opt Options) *Result {
	r := &Result{SentRoot: -1, At: opt.At}
	if len(presented) == 0 {
		return r
	}
	depth := opt.MaxDepth
	if depth <= 0 {
		depth = 10
	}
	for i, c := range presented {
		r.Presented = append(r.Presented, NewCert(c, Presented, i, ""))
		if i > 0 && selfSigned(c) && r.SentRoot < 0 {
			r.SentRoot = i
		}
		if i > 0 && !bytes.Equal(presented[i-1].RawIssuer, c.RawSubject) {
			r.OutOfOrder = true
		}
	}
	// The candidate issuers: presented intermediates, extras, anchors. An
	// anchor is looked up per step by subject; intermediates are few.
	var inter []node
	for _, c := range r.Presented[1:] {
		inter = append(inter, node{c: c})
	}
	for _, c := range opt.Extra {
		inter = append(inter, node{c: NewCert(c, Extra, -1, "")})
	}
	s := &search{opt: opt, depth: depth, inter: inter, sig: map[[2]*x509.Certificate]bool{}, res: r}
	leaf := r.Presented[0]
	// A leaf that is itself in a store is trusted as it is (mbedTLS: a
	// self-issued EE byte-identical to a trusted entry), and pinned.
	for _, p := range opt.Anchors {
		if p.contains(leaf.X509) {
			s.emit([]*Cert{leaf})
		}
	}
	s.walk([]*Cert{leaf})
	// A presented certificate is used when it is on a path, as sent or as
	// the same bytes taken from a store.
	used := map[string]bool{leaf.SHA256: true}
	for _, p := range r.Paths {
		for _, c := range p.Certs {
			used[c.SHA256] = true
		}
	}
	for i, c := range r.Presented {
		if !used[c.SHA256] {
			r.Unused = append(r.Unused, i)
		}
	}
	sortPaths(r.Paths)
	return r
}

type search struct {
	opt   Options
	depth int
	inter []node
	sig   map[[2]*x509.Certificate]bool
	res   *Result
}

// signs reports whether parent's key verifies child's signature, cached:
// the same pair recurs on every path through it.
func (s *search) signs(child, parent *x509.Certificate) bool {
	k := [2]*x509.Certificate{child, parent}
	if v, ok := s.sig[k]; ok {
		return v
	}
	// CheckSignature, not CheckSignatureFrom: a v1 root or an intermediate
	// without basicConstraints still signs on some devices, and whether a
	// build accepts it is mbedsim's question, not path finding's.
	v := parent.CheckSignature(child.SignatureAlgorithm, child.RawTBSCertificate, child.Signature) == nil
	s.sig[k] = v
	return v
}

func onPath(path []*Cert, c *x509.Certificate) bool {
	for _, p := range path {
		if bytes.Equal(p.X509.Raw, c.Raw) {
			return true
		}
		// The same subject and key again is a loop through a cross-sign.
		if bytes.Equal(p.X509.RawSubject, c.RawSubject) && bytes.Equal(p.X509.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) {
			return true
		}
	}
	return false
}

func (s *search) walk(path []*Cert) {
	if len(path) >= s.depth {
		return
	}
	child := path[len(path)-1].X509
	if selfSigned(child) && len(path) > 1 {
		return // a root sent by the server ends the chain unless it is an anchor
	}
	for _, p := range s.opt.Anchors {
		for _, i := range p.bySubject[string(child.RawIssuer)] {
			a := p.certs[i]
			if onPath(path, a) {
				continue
			}
			if s.signs(child, a) {
				s.emit(append(clone(path), NewCert(a, Anchor, -1, p.name)))
			}
		}
	}
	for _, n := range s.inter {
		if !bytes.Equal(n.c.X509.RawSubject, child.RawIssuer) || onPath(path, n.c.X509) {
			continue
		}
		if s.signs(child, n.c.X509) {
			s.walk(append(clone(path), n.c))
		}
	}
}

func clone(p []*Cert) []*Cert { return append(make([]*Cert, 0, len(p)+1), p...) }

func (s *search) emit(certs []*Cert) {
	p := &Path{Certs: certs, Anchor: certs[len(certs)-1], Valid: true}
	for i, c := range certs {
		p.Bytes += c.Bytes
		if c.Origin == Presented {
			p.SentBytes += c.Bytes
		}
		if p.NotBefore.IsZero() || c.NotBefore.After(p.NotBefore) {
			p.NotBefore = c.NotBefore
		}
		if p.NotAfter.IsZero() || c.NotAfter.Before(p.NotAfter) {
			p.NotAfter = c.NotAfter
		}
		if (i > 0 || len(certs) == 1) && (p.Until.IsZero() || c.NotAfter.Before(p.Until)) {
			p.Until = c.NotAfter
		}
		if !s.opt.At.IsZero() && (s.opt.At.Before(c.NotBefore) || s.opt.At.After(c.NotAfter)) {
			p.Valid = false
		}
	}
	switch a := p.Anchor; {
	case len(certs) == 1 && !a.IsCA:
		p.AnchorKind = "leaf"
	case !a.SelfSign:
		p.AnchorKind = "intermediate"
	default:
		p.AnchorKind = "root"
	}
	s.res.Paths = append(s.res.Paths, p)
}

// sortPaths puts valid paths first, then those that last longest, then
// shorter ones: the order a developer should consider them in.
func sortPaths(ps []*Path) {
	less := func(a, b *Path) bool {
		if a.Valid != b.Valid {
			return a.Valid
		}
		if !a.Until.Equal(b.Until) {
			return a.Until.After(b.Until)
		}
		return len(a.Certs) < len(b.Certs)
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && less(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
