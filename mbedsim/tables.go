package mbedsim

import "sync"

// The lookup tables (OIDs, curves, base64, citations) are built on first
// use, not at program start: tlsdoctor explain never parses a certificate,
// and its start-up time is most of what it costs.
var tablesOnce sync.Once

// tables builds every table once; each exported entry point calls it.
func tables() {
	tablesOnce.Do(func() {
		initOIDVars()
		initSigAlgs()
		initMdOIDs()
		initExtOIDs()
		initExtSteps()
		initEkuNames()
		initDnNames()
		initCurvesTable()
		initCurves()
		initX25519BadPoints()
		initBase64Value()
		initBase64Oct()
		initBase64Vec()
		initRuleCite()
	})
}

// base64Bad marks a base64Oct entry for a byte that is not a base64 digit.
// It sits in the low 16 bits, where no data goes, so that it survives
// ORing eight entries together and one test covers eight characters.
const base64Bad = 1

// base64Oct holds, for each position in a run of eight characters (two
// 4-character groups, 48 bits of output), each byte's 6 bits shifted to
// where they land at the top of a uint64, or base64Bad. Eight lookups ORed
// together are the six decoded bytes, big-endian, in the top 48 bits. The
// table is 16 KiB, of which the digits' entries (about 5 KiB) stay in L1.
var base64Oct *[8][256]uint64

func initBase64Oct() {
	t := new([8][256]uint64)
	for c := 0; c < 256; c++ {
		v := base64Value[c]
		for k := 0; k < 8; k++ {
			if v < 0 {
				t[k][c] = base64Bad
			} else {
				t[k][c] = uint64(v) << (58 - 6*k)
			}
		}
	}
	base64Oct = t
}

// base64Vec holds the constants of the AVX2 line decoder
// (base64_amd64.s), each row 32 bytes (a 16-byte table repeats in both
// 128-bit lanes, since VPSHUFB looks up within a lane). All of them follow
// from base64Value:
//
//   - rows 0 and 1 classify a byte by its low and its high nibble: the
//     high nibbles whose sets of valid low nibbles are the same share a
//     class bit, row 1 gives each high nibble its class, and row 0 gives
//     each low nibble the classes in which it is not a digit. A byte is a
//     digit exactly when the two entries have no bit in common.
//   - row 2 is what to add to a digit to get its value, by high nibble:
//     within one high nibble the offset is the same, except for '/',
//     which looks at the entry one below its own ('/' is the only digit
//     so treated, and the entry below it, 0x1_, holds no digit).
//   - rows 3 and 4: 0x0F and '/' in every byte.
//   - rows 5 to 8 pack four 6-bit values into three bytes: multiply-add
//     pairs (a*64 + b), then pairs of pairs (ab*4096 + cd), pick bytes
//     2, 1, 0 of each 32-bit lane, and join the two lanes' 12 bytes.
var base64Vec [9][32]byte

// base64Vec512 holds the constants of the AVX-512 VBMI line decoder, each
// row 64 bytes: rows 0 and 1 are the value of each byte 0x00-0x7F (0x80
// for a non-digit), rows 2 and 3 the multiply-adds of base64Vec's rows 5
// and 6, row 4 picks bytes 2, 1, 0 of each 32-bit lane into 48 bytes.
var base64Vec512 [5][64]byte

// lineKernel names a vector decoder of whole PEM lines.
type lineKernel uint8

const (
	kernelNone lineKernel = iota
	kernelAVX2
	kernelVBMI
)

// useKernel is the line kernel decodeLines uses: initBase64Vec sets it
// once the constants are in place, and tests step it down to check each
// kernel and the scalar decoder alone.
var useKernel lineKernel

func initBase64Vec() {
	var valid [16]uint16 // per high nibble, a bit per valid low nibble
	for c := 0; c < 256; c++ {
		if base64Value[c] >= 0 {
			valid[c>>4] |= 1 << (c & 15)
		}
	}
	var lo, hi, roll [16]byte
	var classes []uint16
	for h, set := range valid {
		k := 0
		for k < len(classes) && classes[k] != set {
			k++
		}
		if k == len(classes) {
			classes = append(classes, set)
		}
		hi[h] = 1 << k
		for l := 0; l < 16; l++ {
			if set&(1<<l) == 0 {
				lo[l] |= 1 << k
			}
		}
	}
	for c := 0; c < 256; c++ {
		if base64Value[c] >= 0 {
			at := c >> 4
			if c == '/' {
				at--
			}
			roll[at] = byte(int(base64Value[c]) - c)
		}
	}
	v := &base64Vec
	for i := 0; i < 32; i++ {
		v[0][i], v[1][i], v[2][i] = lo[i&15], hi[i&15], roll[i&15]
		v[3][i], v[4][i] = 0x0F, '/'
		v[5][i] = [2]byte{64, 1}[i&1]
		v[6][i] = [4]byte{0x00, 0x10, 0x01, 0x00}[i&3]
		v[7][i] = [16]byte{2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80}[i&15]
		if i%4 == 0 { // little-endian 32-bit lane numbers
			v[8][i] = [8]byte{0, 1, 2, 4, 5, 6, 0, 0}[i/4]
		}
	}
	z := &base64Vec512
	for i := 0; i < 128; i++ {
		z[i/64][i%64] = 0x80
		if base64Value[i] >= 0 {
			z[i/64][i%64] = byte(base64Value[i])
		}
	}
	for i := 0; i < 64; i++ {
		z[2][i], z[3][i] = v[5][i%32], v[6][i%32]
		if i < 48 {
			z[4][i] = byte(4*(i/3) + 2 - i%3)
		}
	}
	useKernel = bestLineKernel()
	// Eight classes fit in a byte; base64 has five.
	if len(classes) > 8 {
		useKernel = kernelNone
	}
}
