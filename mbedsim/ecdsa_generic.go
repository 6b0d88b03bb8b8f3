package mbedsim

import "math/big"

// This file checks ECDSA signatures on the short-Weierstrass curves that
// mbedTLS supports and Go's standard library does not (secp192r1, the
// Koblitz curves secp192k1/secp224k1/secp256k1 and the brainpool curves),
// with math/big. It verifies public data only (certificate signatures), so
// it makes no attempt at constant time; it follows SEC 1 v2 section 4.1.4
// the way library/ecdsa.c:mbedtls_ecdsa_verify_restartable@2.28.3,3.6.6
// does it: r and s in [1, n-1], the digest truncated to the bit length of n
// (ecdsa.c:derive_mpi), R = u1*G + u2*Q not the point at infinity, and
// R.x mod n == r.

// jacPoint is a point in Jacobian coordinates (x/z^2, y/z^3); z == 0 is the
// point at infinity.
type jacPoint struct{ x, y, z big.Int }

// ecArith holds the curve and the temporaries of one scalar multiplication,
// so the point operations work in place.
type ecArith struct {
	c                                   *curveInfo
	t0, t1, t2, t3, t4, t5, t6, t7, quo big.Int
}

// mod reduces v (which may be negative) into [0, p).
func (a *ecArith) mod(v *big.Int) {
	a.quo.QuoRem(v, a.c.bp, v)
	if v.Sign() < 0 {
		v.Add(v, a.c.bp)
	}
}

// mul sets z = x*y mod p.
func (a *ecArith) mul(z, x, y *big.Int) {
	z.Mul(x, y)
	a.mod(z)
}

func (p *jacPoint) setInfinity() {
	p.x.SetInt64(0)
	p.y.SetInt64(1)
	p.z.SetInt64(0)
}

// double sets p = 2p with the general-a formulas: M = 3x^2 + a z^4,
// S = 4xy^2, x' = M^2 - 2S, y' = M(S - x') - 8y^4, z' = 2yz.
func (a *ecArith) double(p *jacPoint) {
	if p.z.Sign() == 0 || p.y.Sign() == 0 {
		p.setInfinity()
		return
	}
	yy, s, m, y4 := &a.t0, &a.t1, &a.t2, &a.t3
	a.mul(yy, &p.y, &p.y)
	a.mul(s, &p.x, yy)
	s.Lsh(s, 2)
	a.mod(s)
	a.mul(m, &p.x, &p.x)
	a.t4.Lsh(m, 1)
	m.Add(m, &a.t4)
	if a.c.ba.Sign() != 0 {
		z4 := &a.t4
		a.mul(z4, &p.z, &p.z)
		a.mul(z4, z4, z4)
		a.mul(z4, z4, a.c.ba)
		m.Add(m, z4)
	}
	a.mod(m)
	// z' = 2yz, before y changes.
	a.mul(&p.z, &p.z, &p.y)
	p.z.Lsh(&p.z, 1)
	a.mod(&p.z)
	a.mul(y4, yy, yy)
	y4.Lsh(y4, 3)
	// x' = M^2 - 2S
	a.mul(&p.x, m, m)
	p.x.Sub(&p.x, s)
	p.x.Sub(&p.x, s)
	a.mod(&p.x)
	// y' = M(S - x') - 8y^4
	s.Sub(s, &p.x)
	a.mul(&p.y, m, s)
	p.y.Sub(&p.y, y4)
	a.mod(&p.y)
}

// addAffine sets p = p + (qx, qy), an affine point (z = 1), by the
// mixed-coordinates formulas.
func (a *ecArith) addAffine(p *jacPoint, qx, qy *big.Int) {
	if p.z.Sign() == 0 {
		p.x.Set(qx)
		p.y.Set(qy)
		p.z.SetInt64(1)
		return
	}
	z1z1, u2, s2, h, r, hh, hhh, v := &a.t0, &a.t1, &a.t2, &a.t3, &a.t4, &a.t5, &a.t6, &a.t7
	a.mul(z1z1, &p.z, &p.z)
	a.mul(u2, qx, z1z1)
	a.mul(s2, &p.z, z1z1)
	a.mul(s2, s2, qy)
	h.Sub(u2, &p.x)
	a.mod(h)
	r.Sub(s2, &p.y)
	a.mod(r)
	if h.Sign() == 0 {
		if r.Sign() != 0 {
			p.setInfinity()
			return
		}
		a.double(p)
		return
	}
	a.mul(hh, h, h)
	a.mul(hhh, hh, h)
	a.mul(v, &p.x, hh)
	// z3 = z1*h
	a.mul(&p.z, &p.z, h)
	// x3 = r^2 - h^3 - 2v
	a.mul(&p.x, r, r)
	p.x.Sub(&p.x, hhh)
	p.x.Sub(&p.x, v)
	p.x.Sub(&p.x, v)
	a.mod(&p.x)
	// y3 = r(v - x3) - y1*h^3
	v.Sub(v, &p.x)
	a.mul(hhh, hhh, &p.y)
	a.mul(&p.y, r, v)
	p.y.Sub(&p.y, hhh)
	a.mod(&p.y)
}

// affine returns the affine coordinates of a finite point.
func (a *ecArith) affine(p *jacPoint) (x, y *big.Int) {
	zi := new(big.Int).ModInverse(&p.z, a.c.bp)
	zi2 := new(big.Int)
	a.mul(zi2, zi, zi)
	x = new(big.Int)
	a.mul(x, &p.x, zi2)
	a.mul(zi2, zi2, zi)
	y = new(big.Int)
	a.mul(y, &p.y, zi2)
	return x, y
}

// mulAdd returns u1*G + u2*Q for affine G and Q by Shamir's trick (one
// pass over the bits of both scalars, G + Q computed once).
func (a *ecArith) mulAdd(u1, u2, gx, gy, qx, qy *big.Int) *jacPoint {
	var gq jacPoint
	gq.setInfinity()
	a.addAffine(&gq, gx, gy)
	a.addAffine(&gq, qx, qy)
	var gqx, gqy *big.Int
	if gq.z.Sign() != 0 {
		gqx, gqy = a.affine(&gq)
	}
	acc := new(jacPoint)
	acc.setInfinity()
	for i := max(u1.BitLen(), u2.BitLen()) - 1; i >= 0; i-- {
		a.double(acc)
		switch u1.Bit(i)<<1 | u2.Bit(i) {
		case 1:
			a.addAffine(acc, qx, qy)
		case 2:
			a.addAffine(acc, gx, gy)
		case 3:
			if gqx == nil { // Q == -G: G + Q is the point at infinity
				continue
			}
			a.addAffine(acc, gqx, gqy)
		}
	}
	return acc
}

// onCurve is ecp_check_pubkey_sw: both coordinates below p and
// y^2 = x^3 + ax + b.
func (c *curveInfo) onCurve(x, y *big.Int) bool {
	if x.Sign() < 0 || y.Sign() < 0 || x.Cmp(c.bp) >= 0 || y.Cmp(c.bp) >= 0 {
		return false
	}
	var t, u, q big.Int
	u.Mul(y, y)
	c.mod(&u, &u, &q)
	var rhs big.Int
	c.rhs(&rhs, x, &t, &q)
	return u.Cmp(&rhs) == 0
}

// decodePoint reads an uncompressed (04 || X || Y) or compressed
// (02/03 || X) point of the curve and checks it is on the curve.
func (c *curveInfo) decodePoint(pt []byte) (x, y *big.Int, ok bool) {
	if len(pt) == 0 {
		return nil, nil, false
	}
	switch {
	case pt[0] == 4 && len(pt) == 1+2*c.plen:
		x = new(big.Int).SetBytes(pt[1 : 1+c.plen])
		y = new(big.Int).SetBytes(pt[1+c.plen:])
	case (pt[0] == 2 || pt[0] == 3) && len(pt) == 1+c.plen:
		x = new(big.Int).SetBytes(pt[1:])
		if x.Cmp(c.bp) >= 0 {
			return nil, nil, false
		}
		var t, q big.Int
		rhs := new(big.Int)
		c.rhs(rhs, x, &t, &q)
		y = new(big.Int).ModSqrt(rhs, c.bp)
		if y == nil {
			return nil, nil, false
		}
		if y.Bit(0) != uint(pt[0]&1) {
			y.Sub(c.bp, y)
		}
	default:
		return nil, nil, false
	}
	if !c.onCurve(x, y) {
		return nil, nil, false
	}
	return x, y, true
}

// digestScalar is library/ecdsa.c:derive_mpi@2.28.3,3.6.6: the leftmost
// octets of the digest, as many as n has, shifted right to n's bit length,
// minus n once if still not below n.
func (c *curveInfo) digestScalar(n *big.Int, digest []byte) *big.Int {
	nbits := n.BitLen()
	use := min(len(digest), (nbits+7)/8)
	e := new(big.Int).SetBytes(digest[:use])
	if use*8 > nbits {
		e.Rsh(e, uint(use*8-nbits))
	}
	if e.Cmp(n) >= 0 {
		e.Sub(e, n)
	}
	return e
}

// verifyECDSA checks the signature (r, s) of digest under the public key
// (qx, qy), which must already be a valid point of the curve.
func (c *curveInfo) verifyECDSA(qx, qy *big.Int, digest []byte, r, s *big.Int) bool {
	if c.montgomery || len(c.n) == 0 {
		return false
	}
	n := new(big.Int).SetBytes(c.n)
	if r.Sign() <= 0 || s.Sign() <= 0 || r.Cmp(n) >= 0 || s.Cmp(n) >= 0 {
		return false
	}
	e := c.digestScalar(n, digest)
	w := new(big.Int).ModInverse(s, n)
	if w == nil {
		return false
	}
	u1 := new(big.Int).Mul(e, w)
	u1.Mod(u1, n)
	u2 := new(big.Int).Mul(r, w)
	u2.Mod(u2, n)
	a := &ecArith{c: c}
	R := a.mulAdd(u1, u2, new(big.Int).SetBytes(c.gx), new(big.Int).SetBytes(c.gy), qx, qy)
	if R.z.Sign() == 0 {
		return false
	}
	x, _ := a.affine(R)
	x.Mod(x, n)
	return x.Cmp(r) == 0
}
