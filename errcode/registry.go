package errcode

// tableFor returns the code table of a stack. mbedTLS is not here: its
// tables are per line and split into high and low parts (mbedtls_lookup.go).
func tableFor(s Stack) []Code {
	switch s {
	case WolfSSL:
		return wolfsslCodes()
	case BearSSL:
		return bearsslCodes()
	case ESPIDF:
		return espidfCodes()
	case Modem:
		return modemCodes()
	case TLS:
		return tlsAlerts()
	case Errno:
		return errnoCodes()
	}
	return nil
}

// TableReleases names the release each table was taken from.
func TableReleases() map[string]string {
	return map[string]string{
		"mbedtls-2.28": mbedtls228Version,
		"mbedtls-3.6":  mbedtls36Version,
		"wolfssl":      wolfsslVersion,
		"bearssl":      bearsslVersion,
		"esp-idf":      "v4.0-v6.0 (esp_tls_errors.h, esp_err.h)",
		"errno":        errnoTableRelease,
	}
}

// WolfSSLByValue returns the wolfSSL code with a value.
func WolfSSLByValue(v int64) (Code, bool) {
	for _, c := range wolfsslCodes() {
		if c.Value == v {
			return c, true
		}
	}
	return Code{}, false
}
