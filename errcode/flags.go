package errcode

// FlagsReading decodes an mbedtls_x509_crt_verify result
// (mbedtls_ssl_get_verify_result): the flags set, with our explanations.
type FlagsReading struct {
	Value uint32
	Set   []MbedFlag
	// Unknown holds bits no line defines.
	Unknown uint32
	// Explanations are ours, in the order of Set.
	Explanations []*Explanation
	// AllSet is true for 0xFFFFFFFF, which is not a set of flags: mbedTLS
	// writes it when verification aborted (chain too long, callback failure)
	// or, in 3.6, when it never ran.
	AllSet bool
}

// ExplainFlags decodes verify flags. The flag values are the same in 2.28
// and 3.6 (include/mbedtls/x509.h); the 2.28 table is used.
func ExplainFlags(flags uint32) FlagsReading {
	r := FlagsReading{Value: flags, AllSet: flags == 0xFFFFFFFF}
	if r.AllSet {
		return r
	}
	r.Set, r.Unknown = MbedFlags(Mbed228, flags)
	for _, f := range r.Set {
		if e := FindExplanation(MbedTLS, f.Name); e != nil {
			r.Explanations = append(r.Explanations, e)
		}
	}
	return r
}
