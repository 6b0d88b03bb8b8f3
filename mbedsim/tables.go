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
		initBase64Pairs()
		initRuleCite()
	})
}
