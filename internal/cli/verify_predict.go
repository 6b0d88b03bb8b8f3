package cli

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/tlsdoctor/tlsdoctor/verdict"
)

// The device verdict for verify and probe lives in package verdict (the web
// page is its second caller); this file only binds the flags that describe
// how the device's code sets up the handshake.

// sslFlags are the device's SSL-layer settings, shared by probe and verify.
type sslFlags struct {
	Groups   []string
	AuthMode string

	groups   []string
	authMode verdict.AuthMode
}

func (s *sslFlags) bind(f *pflag.FlagSet) {
	f.StringSliceVar(&s.Groups, "groups", nil, "the curves the device passes to mbedtls_ssl_conf_curves (2.28) / mbedtls_ssl_conf_groups (3.6), e.g. secp256r1,x25519 (default: the library's list)")
	f.StringVar(&s.AuthMode, "authmode", "required", "the device's mbedtls_ssl_conf_authmode: required (the client default) or optional")
}

func (s *sslFlags) validate() error {
	m, ok := verdict.ParseAuthMode(s.AuthMode)
	if !ok {
		return usageError(fmt.Sprintf("--authmode %q: want required or optional", s.AuthMode))
	}
	s.authMode = m
	s.groups = nil
	for _, g := range s.Groups {
		n, ok := verdict.CurveName(g)
		if !ok {
			return usageError(fmt.Sprintf("--groups: unknown curve %q", g), "name curves as mbedTLS does, e.g. --groups secp256r1,secp384r1,x25519")
		}
		s.groups = append(s.groups, n)
	}
	if s.Groups != nil && s.groups == nil {
		s.groups = []string{}
	}
	return nil
}

// input is the verdict input for one chain with these settings.
func (s *sslFlags) input(chain [][]byte, trust [][]byte, trustName, host string, noHost bool, hs *verdict.Handshake) verdict.Input {
	return verdict.Input{Chain: chain, Trust: trust, TrustName: trustName, Host: host, NoHostname: noHost,
		Groups: s.groups, AuthMode: s.authMode, Handshake: hs}
}

// hostNote says how the name is checked, for the text report.
func hostNote(host string, noHost bool) string {
	switch {
	case noHost:
		return "mbedtls_ssl_set_hostname never called"
	case host == "":
		return "no name check (mbedtls_ssl_set_hostname(&ssl, NULL))"
	}
	return fmt.Sprintf("mbedtls_ssl_set_hostname(&ssl, %q)", host)
}
