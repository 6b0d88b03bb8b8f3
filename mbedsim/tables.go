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
		initBase64Quad()
		initRuleCite()
	})
}

// base64Bad is set in a base64Quad entry for a byte that is not a digit.
const base64Bad = 1 << 24

// base64Quad holds, per position in a 4-character group, each byte's 6 bits
// shifted into place (or base64Bad).
var base64Quad *[4][256]uint32

func initBase64Quad() {
	t := new([4][256]uint32)
	for c := 0; c < 256; c++ {
		v := base64Value[c]
		for k := 0; k < 4; k++ {
			if v < 0 {
				t[k][c] = base64Bad
			} else {
				t[k][c] = uint32(v) << (18 - 6*k)
			}
		}
	}
	base64Quad = t
}
