package diag

import "testing"

func TestVisible(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte("-----BEGIN\r\n"), `-----BEGIN\r\n`},
		{[]byte("a\x00\xff"), `a\0\xFF`},
		{[]byte("\xef\xbb\xbf-"), `U+FEFF-`},
		{[]byte("\u2013---"), `U+2013---`},
		{[]byte("tab\there"), `tab\there`},
		{[]byte(`back\n`), `back\\n`},
		{[]byte("\u00a0"), `U+00A0`},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
