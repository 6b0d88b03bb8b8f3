package errcode

import (
	"errors"
	"strings"
	"testing"
)

// TestModemReplies reads the reply and URC forms the Quectel, SIMCom and
// u-blox modules print, and checks that each picks the code of its own
// family: the same small number means different things in +CCHOPEN,
// +CAOPEN and +USOER.
func TestModemReplies(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opt   Options
		want  []string // code names of the readings, in order
		value int64
	}{
		{"quectel ssl open", "+QSSLOPEN: 1,566", Options{}, []string{"QUECTEL_566"}, 566},
		{"quectel cme", "+CME ERROR: 572", Options{}, []string{"QUECTEL_572"}, 572},
		{"quectel http error is the first field", "+QHTTPGET: 701,0,0", Options{}, []string{"QUECTEL_HTTP_701"}, 701},
		{"quectel mqtt open", "+QMTOPEN: 0,-1", Options{}, []string{"QUECTEL_QMTOPEN_-1"}, -1},
		{"simcom cch peer closed", "+CCHOPEN: 0,4", Options{}, []string{"SIMCOM_CCH_4"}, 4},
		{"simcom cch handshake", "+CCHOPEN: 1,15", Options{}, []string{"SIMCOM_CCH_15"}, 15},
		{"simcom cch no certificate", "+CCHOPEN: 0,19", Options{}, []string{"SIMCOM_CCH_19"}, 19},
		{"simcom cch send", "+CCHSEND: 0,18", Options{}, []string{"SIMCOM_CCH_18"}, 18},
		{"simcom cch start", "+CCHSTART: 17", Options{}, []string{"SIMCOM_CCH_17"}, 17},
		{"simcom peer closed urc", "+CCH_PEER_CLOSED: 0", Options{}, []string{"SIMCOM_CCH_PEER_CLOSED"}, 0},
		{"simcom peer closed bare", "+CCH_PEER_CLOSED", Options{}, []string{"SIMCOM_CCH_PEER_CLOSED"}, 0},
		{"simcom caopen time", "+CAOPEN: 0,24", Options{}, []string{"SIMCOM_CAOPEN_24"}, 24},
		{"simcom caopen name", "+CAOPEN: 1,25", Options{}, []string{"SIMCOM_CAOPEN_25"}, 25},
		{"simcom caopen 4 is not cch 4", "+CAOPEN: 0,4", Options{}, []string{"SIMCOM_CAOPEN_4"}, 4},
		{"simcom castate closed", "+CASTATE: 0,0", Options{}, []string{"SIMCOM_CASTATE_0"}, 0},
		{"ublox socket error", "+USOER: 104", Options{}, []string{"UBLOX_SOCK_ECONNRESET"}, 104},
		{"ublox usoctl last error", "+USOCTL: 0,1,111", Options{}, []string{"UBLOX_SOCK_ECONNREFUSED"}, 111},
		{"ublox async connect", "+UUSOCO: 2,110", Options{}, []string{"UBLOX_SOCK_ETIMEDOUT"}, 110},
		{"ublox dns", "+USOER: 163", Options{}, []string{"UBLOX_SOCK_ENSRNOTFOUND"}, 163},
		{"ublox socket closed urc", "+UUSOCL: 1", Options{}, []string{"UBLOX_UUSOCL"}, 0},
		{"ublox usecmng format", "+CME ERROR: 1913", Options{}, []string{"UBLOX_CME_1913"}, 1913},
		{"ublox usecmng no memory", "AT+USECMNG=0,0,\"ROOT\",2090 +CME ERROR: 1912", Options{}, []string{"UBLOX_CME_1912"}, 1912},
		{"sim800 dns", "+CME ERROR: 160", Options{}, []string{"SIMCOM_CME_160"}, 160},
		{"reply with stack modem", "+CCHOPEN: 0,15", Options{Stack: Modem}, []string{"SIMCOM_CCH_15"}, 15},
		{"log line around the reply", "[12:00:01] modem: +CAOPEN: 0,26 after 3 s", Options{}, []string{"SIMCOM_CAOPEN_26"}, 26},
		{"lower case", "+cchopen: 0,13", Options{}, []string{"SIMCOM_CCH_13"}, 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Explain(tt.in, tt.opt)
			if err != nil {
				t.Fatalf("Explain(%q): %v", tt.in, err)
			}
			var got []string
			for _, r := range res.Readings {
				if r.Code != nil {
					got = append(got, r.Code.Name)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("Explain(%q) readings = %v, want %v", tt.in, got, tt.want)
			}
			if r := res.Readings[0]; r.Stack != Modem || r.Value != tt.value {
				t.Errorf("Explain(%q) = %s %d, want modem %d", tt.in, r.Stack, r.Value, tt.value)
			}
		})
	}
}

// TestModemRepliesWithoutError: a success value, a state that is not an
// error, or a report with no error number reads as no code; a number the
// family does not define is a NotFoundError naming that family's neighbours.
func TestModemRepliesWithoutError(t *testing.T) {
	for _, in := range []string{"+CCHOPEN: 0,0", "+CAOPEN: 0,0", "+CASTATE: 0,1", "+USOCTL: 0,10,4", "+UUHTTPCR: 0,1,0", "+QSSLURC: \"closed\",1"} {
		_, err := Explain(in, Options{})
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("Explain(%q) err = %v, want *InputError (no code in it)", in, err)
		}
	}
	for _, tt := range []struct {
		in     string
		prefix string
	}{
		{"+CAOPEN: 1,11", "SIMCOM_CAOPEN_"}, // a value reported in TinyGSM#507 that the table lacks
		{"+CCHOPEN: 0,42", "SIMCOM_CCH_"},
		{"+USOER: 200", "UBLOX_SOCK_"},
		{"+CME ERROR: 4", ""},
	} {
		_, err := Explain(tt.in, Options{})
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Fatalf("Explain(%q) err = %v, want *NotFoundError", tt.in, err)
		}
		if nf.Guessed != Modem || len(nf.Nearest) == 0 {
			t.Errorf("Explain(%q): guessed %s with %d nearest, want modem and some", tt.in, nf.Guessed, len(nf.Nearest))
		}
		for _, c := range nf.Nearest {
			if tt.prefix != "" && !strings.HasPrefix(c.Name, tt.prefix) {
				t.Errorf("Explain(%q): nearest %s is not a %s code", tt.in, c.Name, tt.prefix)
			}
			if tt.prefix == "" && modemInReplyOnly(&c) {
				t.Errorf("Explain(%q): nearest %s cannot come in a +CME ERROR", tt.in, c.Name)
			}
		}
	}
}

// TestModemBareNumbers: reply-only numbers (CCH, CAOPEN, u-blox socket) are
// read from a bare number only under --stack modem; +CME ERROR never
// carries them.
func TestModemBareNumbers(t *testing.T) {
	names := func(in string, opt Options) []string {
		t.Helper()
		res, err := Explain(in, opt)
		if err != nil {
			return nil
		}
		var out []string
		for _, r := range res.Readings {
			if r.Stack == Modem && r.Code != nil {
				out = append(out, r.Code.Name)
			}
		}
		return out
	}
	has := func(list []string, name string) bool {
		for _, n := range list {
			if n == name {
				return true
			}
		}
		return false
	}
	if got := names("572", Options{}); !has(got, "QUECTEL_572") {
		t.Errorf("bare 572: %v, want QUECTEL_572", got)
	}
	if got := names("104", Options{}); has(got, "UBLOX_SOCK_ECONNRESET") {
		t.Errorf("bare 104 without --stack reads the u-blox socket table: %v", got)
	}
	got := names("104", Options{Stack: Modem})
	if !has(got, "UBLOX_SOCK_ECONNRESET") {
		t.Errorf("104 --stack modem: %v, want UBLOX_SOCK_ECONNRESET", got)
	}
	// 4 means something else in each family; --stack modem lists them all,
	// each with its module.
	got = names("4", Options{Stack: Modem})
	for _, want := range []string{"SIMCOM_CCH_4", "SIMCOM_CAOPEN_4", "UBLOX_SOCK_EINTR"} {
		if !has(got, want) {
			t.Errorf("4 --stack modem: %v, missing %s", got, want)
		}
	}
	if got := names("+CME ERROR: 15", Options{}); len(got) != 0 {
		t.Errorf("+CME ERROR: 15 read as %v; CCH codes do not come as +CME ERROR", got)
	}
	if got := names("1912", Options{Stack: Modem}); !has(got, "UBLOX_CME_1912") {
		t.Errorf("1912 --stack modem: %v", got)
	}
	// A 701 shared by two makers lists both, told apart by Module.
	got = names("701", Options{Stack: Modem})
	if !has(got, "QUECTEL_HTTP_701") || !has(got, "SIMCOM_HTTP_701") {
		t.Errorf("701 --stack modem: %v, want both makers", got)
	}
}

// TestModemReplyOtherStack: asking for another stack leaves modem replies
// unread rather than misreading their digits.
func TestModemReplyOtherStack(t *testing.T) {
	res, err := Explain("+CCHOPEN: 0,15", Options{Stack: MbedTLS})
	if err == nil {
		for _, r := range res.Readings {
			if r.Stack == Modem {
				t.Errorf("--stack mbedtls gave a modem reading %s", r.Code.Name)
			}
		}
	}
}

// TestModemTable keeps the families apart: every SIMCom and u-blox code
// names its module and a source, names are unique, and equal values of
// different makers have different modules.
func TestModemTable(t *testing.T) {
	seen := map[string]bool{}
	byValue := map[int64][]Code{}
	counts := map[string]int{}
	for _, c := range modemCodes() {
		if seen[c.Name] {
			t.Errorf("%s appears twice", c.Name)
		}
		seen[c.Name] = true
		if c.Module == "" || c.Source == "" || c.Text == "" {
			t.Errorf("%s: module, text and source are required", c.Name)
		}
		for _, maker := range []string{"QUECTEL_", "SIMCOM_", "UBLOX_"} {
			if strings.HasPrefix(c.Name, maker) {
				counts[maker]++
			}
		}
		byValue[c.Value] = append(byValue[c.Value], c)
	}
	for v, cs := range byValue {
		mods := map[string]bool{}
		for _, c := range cs {
			if mods[c.Module] && c.Value != 0 {
				t.Errorf("value %d: two codes share module %q", v, c.Module)
			}
			mods[c.Module] = true
		}
	}
	// The counts this change documents (see the issue 2 report).
	if counts["SIMCOM_"] < 57 || counts["UBLOX_"] < 73 {
		t.Errorf("makers' counts %v: SIMCom or u-blox codes went missing", counts)
	}
}

func FuzzModemReply(f *testing.F) {
	for _, s := range []string{"+CCHOPEN: 0,15", "+CAOPEN: 0,24", "+USOCTL: 0,1,104", "+UUSOCL: 0", "+CASTATE: 0,0",
		"+CCH_PEER_CLOSED", "+USOER: 99999", "+QHTTPGET: 701,0,0", "+CME ERROR: 1913", "+USOCTL: 0,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, m := range pat().reply.FindAllStringSubmatch(in, -1) {
			rs, nf := readModemReply(m[1], m[2], m[0])
			if len(rs) > 0 && nf != nil {
				t.Fatalf("readModemReply(%q) gave both readings and a not-found error", m[0])
			}
			for _, r := range rs {
				if r.Stack != Modem || r.Code == nil {
					t.Fatalf("readModemReply(%q) gave a reading without a modem code", m[0])
				}
			}
		}
		res, err := Explain(in, Options{Stack: Modem})
		if err == nil && len(res.Readings) == 0 {
			t.Fatalf("Explain(%q) returned no error and no reading", in)
		}
	})
}
