package profile

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// NoteKind says what a Note records.
type NoteKind uint8

// The kinds of note, roughly in the order a reader meets them.
const (
	// NoteSource says where the configuration came from and how it was read:
	// full config or overlay, which ESP-IDF mapping, which preset.
	NoteSource NoteKind = iota
	// NoteDefine is one #define that took effect (or, for an sdkconfig, one
	// macro an option set).
	NoteDefine
	// NoteUndef is one #undef that took effect.
	NoteUndef
	// NoteInclude is one #include followed.
	NoteInclude
	// NoteIgnored is a line deliberately not followed: a system header,
	// check_config.h, a #pragma, text that is not a directive.
	NoteIgnored
	// NoteUnevaluated is a directive or expression tlsdoctor could not
	// evaluate; what it assumed is in the text.
	NoteUnevaluated
	// NoteProblem is something a compiler would complain about: an #error
	// reached, an unterminated #if, an include not found.
	NoteProblem
	// NoteDiffers is an option whose value differs from the stock config.
	NoteDiffers
	// NoteVersion is a remark about the mbedTLS version: an option the version
	// does not have, or a 2.28-style config read for 3.6.
	NoteVersion
	// NoteDefault is an sdkconfig option missing from the file and taken from
	// ESP-IDF's Kconfig default.
	NoteDefault
	// NoteTime is about the device clock.
	NoteTime
)

var noteKindNames = [...]string{
	NoteSource:      "source",
	NoteDefine:      "define",
	NoteUndef:       "undef",
	NoteInclude:     "include",
	NoteIgnored:     "ignored",
	NoteUnevaluated: "unevaluated",
	NoteProblem:     "problem",
	NoteDiffers:     "differs",
	NoteVersion:     "version",
	NoteDefault:     "default",
	NoteTime:        "time",
}

// String returns the kind's stable lower-case name ("define").
func (k NoteKind) String() string {
	if int(k) < len(noteKindNames) {
		return noteKindNames[k]
	}
	return fmt.Sprintf("NoteKind(%d)", k)
}

// MarshalText makes kinds readable in JSON.
func (k NoteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Note records one fact about how a profile was built: what was read, from which
// file and line, and what it did. Notes are data; the CLI decides which to show.
type Note struct {
	Kind NoteKind `json:"kind"`
	// File and Line locate the line the note is about; File is empty for a note
	// about the whole configuration. Generated sources have names such as
	// "preset:embedded-small" or "mbedtls/config_adjust_x509.h@3.6.6".
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Name is the macro or option the note concerns, if any.
	Name string `json:"name,omitempty"`
	// Text says what happened, in plain words.
	Text string `json:"text"`
	// Versions lists the mbedTLS versions the note holds for; empty means every
	// version the profile covers.
	Versions []errcode.MbedVersion `json:"versions,omitempty"`
}

// String formats a note as a compiler would: "file:line: text".
func (n Note) String() string {
	var b strings.Builder
	if n.File != "" {
		b.WriteString(n.File)
		if n.Line > 0 {
			fmt.Fprintf(&b, ":%d", n.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(n.Text)
	if len(n.Versions) > 0 {
		vs := make([]string, len(n.Versions))
		for i, v := range n.Versions {
			vs[i] = v.String()
		}
		fmt.Fprintf(&b, " [mbedTLS %s]", strings.Join(vs, ", "))
	}
	return b.String()
}

// mergeNotes joins the notes of several versions: a note every version produced
// once appears once with no Versions; the others are tagged with theirs.
func mergeNotes(per map[errcode.MbedVersion][]Note, versions []errcode.MbedVersion) []Note {
	type key struct {
		kind       NoteKind
		file, name string
		line       int
		text       string
	}
	count := map[key]int{}
	for _, v := range versions {
		seen := map[key]bool{}
		for _, n := range per[v] {
			k := key{n.Kind, n.File, n.Name, n.Line, n.Text}
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	var out []Note
	emitted := map[key]bool{}
	for _, v := range versions {
		for _, n := range per[v] {
			k := key{n.Kind, n.File, n.Name, n.Line, n.Text}
			if count[k] == len(versions) {
				if emitted[k] {
					continue
				}
				emitted[k] = true
				n.Versions = nil
			} else if len(n.Versions) == 0 && len(versions) > 1 {
				n.Versions = []errcode.MbedVersion{v}
			}
			out = append(out, n)
		}
	}
	return out
}
