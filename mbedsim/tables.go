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
