package profile

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

func versionStrings(vs []errcode.MbedVersion) []string {
	if len(vs) == 0 {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// MarshalJSON writes the profile with versions as users write them ("2.28")
// and the configuration keyed by version.
func (p *Profile) MarshalJSON() ([]byte, error) {
	config := make(map[string]Macros, len(p.Config))
	for v, m := range p.Config {
		config[v.String()] = m
	}
	return json.Marshal(struct {
		Versions     []string          `json:"versions"`
		ConfigSource string            `json:"config_source"`
		Config       map[string]Macros `json:"config"`
		ConfigNotes  []Note            `json:"config_notes,omitempty"`
		DeviceTime   time.Time         `json:"device_time"`
		ClockUnset   bool              `json:"clock_unset"`
		TimeNote     string            `json:"time_note,omitempty"`
		Heap         int               `json:"heap,omitempty"`
	}{versionStrings(p.Versions), p.ConfigSource, config, p.ConfigNotes, p.DeviceTime, p.ClockUnset, p.TimeNote, p.Heap})
}

// MarshalJSON writes the note with its versions as users write them.
func (n Note) MarshalJSON() ([]byte, error) {
	type plain Note
	return json.Marshal(struct {
		plain
		Versions []string `json:"versions,omitempty"`
	}{plain(n), versionStrings(n.Versions)})
}

// MarshalJSON writes the preset's name, summary and versions.
func (p Preset) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name     string   `json:"name"`
		Summary  string   `json:"summary"`
		Versions []string `json:"versions"`
	}{p.Name, p.Summary, versionStrings(p.Versions)})
}

// HeapError is a heap size tlsdoctor cannot read.
type HeapError struct{ Input string }

func (e *HeapError) Error() string {
	return fmt.Sprintf("heap size %q not understood: want bytes (49152, 0xC000) or a number with k or M (48k, 48KiB, 1M)", e.Input)
}

// ParseHeap reads a heap size as embedded developers write it: bytes in
// decimal or hex, or with a k/K/KB/KiB (1024) or M/MB/MiB (1048576) suffix.
func ParseHeap(s string) (int, error) {
	t := strings.TrimSpace(s)
	mult := 1
	lower := strings.ToLower(t)
	for _, suf := range []struct {
		s string
		m int
	}{{"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10}, {"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20}, {"b", 1}} {
		if strings.HasSuffix(lower, suf.s) && !strings.HasPrefix(lower, "0x") {
			t, mult = strings.TrimSpace(t[:len(t)-len(suf.s)]), suf.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 0, 64)
	if err != nil || n < 0 || n > (1<<40)/int64(mult) {
		return 0, &HeapError{s}
	}
	return int(n) * mult, nil
}
