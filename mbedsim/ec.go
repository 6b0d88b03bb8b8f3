package mbedsim

import (
	"crypto/ecdh"
	"encoding/hex"
	"math/big"
	"sync"
)

// curveInfo holds the domain parameters mbedTLS checks a public key
// against (SEC 2 and RFC 5639 values; RFC 7748 for the Montgomery curves).
type curveInfo struct {
	name string
	oid  []byte
	// p, a, b, n, gx, gy are big-endian. a is the real coefficient; mbedA is
	// what mbedtls_ecp_group_load leaves in grp->A, which is empty (zero) for
	// the NIST curves whose a = -3 (library/ecp_curves.c:ecp_group_load@2.28.3,3.6.6 with a ==
	// NULL). pk_group_id_from_group compares against mbedA, so an explicit
	// NIST domain never matches its named curve.
	p, a, b, n, gx, gy, mbedA []byte
	pbits, plen               int
	montgomery                bool
	// nbits is grp->nbits (for Montgomery curves a fixed key size).
	nbits int
	// nistModp: with MBEDTLS_ECP_NIST_OPTIM the group has a fast reduction
	// that refuses inputs longer than 2*pbits (library/ecp.c:ecp_modp@2.28.3,3.6.6).
	nistModp bool

	bp, ba, bb *big.Int
	// nist is the standard library's curve where it has one: its point
	// decoding checks exactly what ecp_check_pubkey_sw checks (coordinates
	// below p, on the curve), several times faster than big.Int.
	nist ecdh.Curve
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic("mbedsim: bad curve constant")
	}
	return b
}

func weierstrass(name, oid, p, a, b, gx, gy, n string, nist bool) curveInfo {
	c := curveInfo{name: name, oid: oidBytes(oid), p: unhex(p), a: unhex(a), b: unhex(b), gx: unhex(gx), gy: unhex(gy), n: unhex(n), nistModp: nist}
	c.mbedA = c.a
	if nist {
		c.mbedA = nil
	}
	return c
}

// curves is indexed by Curve.
var curves [numCurves]curveInfo

func initCurvesTable() {
	curves = [numCurves]curveInfo{
		SECP192R1: weierstrass("secp192r1", "1.2.840.10045.3.1.1",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFF",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFC",
			"64210519E59C80E70FA7E9AB72243049FEB8DEECC146B9B1",
			"188DA80EB03090F67CBF20EB43A18800F4FF0AFD82FF1012",
			"07192B95FFC8DA78631011ED6B24CDD573F977A11E794811",
			"FFFFFFFFFFFFFFFFFFFFFFFF99DEF836146BC9B1B4D22831", true),
		SECP224R1: weierstrass("secp224r1", "1.3.132.0.33",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE",
			"B4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4",
			"B70E0CBD6BB4BF7F321390B94A03C1D356C21122343280D6115C1D21",
			"BD376388B5F723FB4C22DFE6CD4375A05A07476444D5819985007E34",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFF16A2E0B8F03E13DD29455C5C2A3D", true),
		SECP256R1: weierstrass("secp256r1", "1.2.840.10045.3.1.7",
			"FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
			"FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
			"5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
			"6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
			"4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5",
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", true),
		SECP384R1: weierstrass("secp384r1", "1.3.132.0.34",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC",
			"B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
			"AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7",
			"3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", true),
		SECP521R1: weierstrass("secp521r1", "1.3.132.0.35",
			"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
			"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC",
			"0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
			"00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66",
			"011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650",
			"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409", true),
		SECP192K1: weierstrass("secp192k1", "1.3.132.0.31",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFEE37",
			"00", "03",
			"DB4FF10EC057E9AE26B07D0280B7F4341DA5D1B1EAE06C7D",
			"9B2F2F6D9C5628A7844163D015BE86344082AA88D95E2F9D",
			"FFFFFFFFFFFFFFFFFFFFFFFE26F2FC170F69466A74DEFD8D", false),
		SECP224K1: weierstrass("secp224k1", "1.3.132.0.32",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFE56D",
			"00", "05",
			"A1455B334DF099DF30FC28A169A467E9E47075A90F7E650EB6B7A45C",
			"7E089FED7FBA344282CAFBD6F7E319F7C0B0BD59E2CA4BDB556D61A5",
			"010000000000000000000000000001DCE8D2EC6184CAF0A971769FB1F7", false),
		SECP256K1: weierstrass("secp256k1", "1.3.132.0.10",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F",
			"00", "07",
			"79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
			"483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8",
			"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", false),
		BP256R1: weierstrass("brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7",
			"A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
			"7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
			"26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6",
			"8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262",
			"547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997",
			"A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7", false),
		BP384R1: weierstrass("brainpoolP384r1", "1.3.36.3.3.2.8.1.1.11",
			"8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53",
			"7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826",
			"04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11",
			"1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1E",
			"8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315",
			"8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565", false),
		BP512R1: weierstrass("brainpoolP512r1", "1.3.36.3.3.2.8.1.1.13",
			"AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3",
			"7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CA",
			"3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723",
			"81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F7C6D5047406A5E688B352209BCB9F822",
			"7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AED1CA2B2FA8F0540678CD1E0F3AD80892",
			"AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069", false),
		Curve25519: {name: "x25519", oid: oidX25519, montgomery: true, nbits: 254,
			p: unhex("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED")},
		Curve448: {name: "x448", oid: oidX448, montgomery: true, nbits: 447,
			p: unhex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")},
	}
}

// x25519BadPoints are the two order-8 x-coordinates below p that
// library/ecp.c:ecp_check_bad_points_mx@2.28.3,3.6.6 rejects for Curve25519 (the list of
// https://cr.yp.to/ecdh.html#validate), big-endian.
var x25519BadPoints [2]*big.Int

func initX25519BadPoints() {
	x25519BadPoints = [2]*big.Int{
		new(big.Int).SetBytes(reverse(unhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))),
		new(big.Int).SetBytes(reverse(unhex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"))),
	}
}

func reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}

func initCurves() {
	curves[SECP256R1].nist = ecdh.P256()
	curves[SECP384R1].nist = ecdh.P384()
	curves[SECP521R1].nist = ecdh.P521()
	for i := range curves {
		c := &curves[i]
		c.plen = len(trimZeros(c.p))
		c.pbits = bitLen(c.p)
		c.bp = new(big.Int).SetBytes(c.p)
		c.ba = new(big.Int).SetBytes(c.a)
		c.bb = new(big.Int).SetBytes(c.b)
		if !c.montgomery {
			c.nbits = bitLen(c.n)
		}
	}
}

// ecScratch holds the temporaries of one point check, pooled so that
// checking a key allocates nothing in the steady state (q takes the
// quotients that big.Int.Mod would allocate).
type ecScratch struct{ x, y, t, u, q big.Int }

var ecPool = sync.Pool{New: func() any { return new(ecScratch) }}

// mod sets z = x mod p for x >= 0, keeping the quotient in q.
func (c *curveInfo) mod(z, x, q *big.Int) { q.QuoRem(x, c.bp, z) }

// rhs sets out = x^3 + a*x + b mod p, using t and q as temporaries.
func (c *curveInfo) rhs(out, x, t, q *big.Int) {
	t.Mul(x, x)
	c.mod(t, t, q)
	t.Add(t, c.ba)
	t.Mul(t, x)
	t.Add(t, c.bb)
	c.mod(out, t, q)
}

// checkUncompressed is library/ecp.c:ecp_check_pubkey_sw@2.28.3,3.6.6 for an affine point read
// from an uncompressed encoding 04 || X || Y of the right length: both
// coordinates below p and on the curve, else MBEDTLS_ERR_ECP_INVALID_KEY.
func (c *curveInfo) checkUncompressed(pt []byte) bool {
	if c.nist != nil {
		_, err := c.nist.NewPublicKey(pt)
		return err == nil
	}
	xb, yb := pt[1:1+c.plen], pt[1+c.plen:]
	s := ecPool.Get().(*ecScratch)
	defer ecPool.Put(s)
	s.x.SetBytes(xb)
	s.y.SetBytes(yb)
	if s.x.Cmp(c.bp) >= 0 || s.y.Cmp(c.bp) >= 0 {
		return false
	}
	s.u.Mul(&s.y, &s.y)
	c.mod(&s.u, &s.u, &s.q)
	c.rhs(&s.y, &s.x, &s.t, &s.q)
	return s.u.Cmp(&s.y) == 0
}

// decompress is 3.6's library/ecp.c:mbedtls_ecp_sw_derive_y@3.6.6 followed by
// ecp_check_pubkey_sw. It returns 0 or the ECP error code.
func (c *curveInfo) decompress(xb []byte, parity uint, nistOptim bool) int {
	// mbedtls_ecp_sw_derive_y: the square root is computed as
	// w^((p+1)/4), which needs p = 3 mod 4.
	if c.p[len(c.p)-1]&3 != 3 {
		return errECPFeatureUnavailable
	}
	s := ecPool.Get().(*ecScratch)
	defer ecPool.Put(s)
	s.x.SetBytes(xb)
	// ecp_sw_rhs squares X before any reduction; with a fast NIST reduction
	// ecp_modp refuses a product longer than 2*pbits, which only secp521r1
	// (66 octets for 521 bits) can produce.
	if c.nistModp && nistOptim && 2*bitLen(xb) > 2*c.pbits {
		s.t.Mul(&s.x, &s.x)
		if s.t.BitLen() > 2*c.pbits {
			return errECPBadInputData
		}
	}
	c.rhs(&s.u, &s.x, &s.t, &s.q)
	s.t.Add(c.bp, big.NewInt(1))
	s.t.Rsh(&s.t, 2)
	s.y.Exp(&s.u, &s.t, c.bp)
	if s.y.Bit(0) != parity {
		s.y.Sub(c.bp, &s.y)
	}
	// ecp_check_pubkey_sw on the result.
	if s.x.Cmp(c.bp) >= 0 || s.y.Cmp(c.bp) >= 0 {
		return errECPInvalidKey
	}
	s.t.Mul(&s.y, &s.y)
	c.mod(&s.t, &s.t, &s.q)
	if s.t.Cmp(&s.u) != 0 {
		return errECPInvalidKey
	}
	return 0
}

// checkMontgomery is library/ecp.c:ecp_check_pubkey_mx@2.28.3,3.6.6 for a little-endian X of
// plen octets (3.6, RFC 8410 keys).
func (c *curveInfo) checkMontgomery(le []byte) int {
	s := ecPool.Get().(*ecScratch)
	defer ecPool.Put(s)
	be := make([]byte, len(le))
	for i, b := range le {
		be[len(le)-1-i] = b
	}
	if c.name == "x25519" {
		// mbedtls_ecp_point_read_binary clears bit 255 (RFC 7748 section 5).
		be[0] &= 0x7F
	}
	s.x.SetBytes(be)
	if (s.x.BitLen()+7)/8 > (c.nbits+7)/8 {
		return errECPInvalidKey
	}
	for s.x.Cmp(c.bp) >= 0 {
		s.x.Sub(&s.x, c.bp)
	}
	if s.x.Cmp(big.NewInt(1)) <= 0 {
		return errECPInvalidKey
	}
	if c.name == "x25519" && (s.x.Cmp(x25519BadPoints[0]) == 0 || s.x.Cmp(x25519BadPoints[1]) == 0) {
		return errECPInvalidKey
	}
	s.x.Add(&s.x, big.NewInt(1))
	if s.x.Cmp(c.bp) == 0 {
		return errECPInvalidKey
	}
	return 0
}
