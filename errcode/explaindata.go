package errcode

import (
	"cmp"
	"slices"
	"strings"
)

// Our explanations are written as Go literals (explain_mbedtls.go and the
// others), but the binary carries them in the form of explaindata_gen.go:
// one string constant and an index without pointers. Literals of structs
// with strings are pointer data, and the runtime builds a pointer bitmap of
// all of it at every start; the explanations were more than a third of the
// binary's pointer data (.data 270 KB, 171 KB without them). Finding and
// decoding one when it is asked for costs about 0.7 us warm
// (BenchmarkFindExplanation). TestExplanationData regenerates
// explaindata_gen.go from the literals (-update) and checks that every
// record decodes to its literal.
//
// A record is, with every string and count a uvarint length or value
// followed by the bytes: stack (one byte), the names, meaning, question,
// confirm, then the causes, each text, fix, when (one byte) and source.

// explanationKey is one name in the index: the records of a stack, sorted by
// name. The names sit together in explanationNames (each a uvarint length,
// then the bytes), so a search reads one small part of the binary.
type explanationKey struct {
	stack  Stack
	name   uint32 // offset in explanationNames
	record uint32 // offset in explanationText
}

// findExplanation returns the offset of the record that explains a stack's
// named code.
func findExplanation(s Stack, name string) (int, bool) {
	i, ok := slices.BinarySearchFunc(explanationIndex[:], name, func(k explanationKey, name string) int {
		if k.stack != s {
			return cmp.Compare(k.stack, s)
		}
		return strings.Compare(explanationName(k), name)
	})
	if !ok {
		return 0, false
	}
	return int(explanationIndex[i].record), true
}

func explanationName(k explanationKey) string {
	d := explanationDecoder{text: explanationNames, off: int(k.name)}
	return d.string()
}

// decodeExplanation reads the record at off. The strings share the
// constant's bytes.
func decodeExplanation(off int) *Explanation {
	d := explanationDecoder{text: explanationText, off: off}
	e := &Explanation{Stack: Stack(d.byte())}
	e.Names = make([]string, d.count())
	for i := range e.Names {
		e.Names[i] = d.string()
	}
	e.Meaning, e.Question, e.Confirm = d.string(), d.string(), d.string()
	e.Causes = make([]Cause, d.count())
	for i := range e.Causes {
		c := &e.Causes[i]
		c.Text, c.Fix = d.string(), d.string()
		c.When = Phase(d.byte())
		c.Source = d.string()
	}
	return e
}

// explanationDecoder reads explanationText or explanationNames. Both are
// generated and checked by TestExplanationData, so a bad record is a broken
// build: it panics through the bounds checks rather than returning an error
// nobody could act on.
type explanationDecoder struct {
	text string
	off  int
}

func (d *explanationDecoder) byte() byte {
	b := d.text[d.off]
	d.off++
	return b
}

// count reads a uvarint (encoding/binary's format).
func (d *explanationDecoder) count() int {
	v := 0
	for shift := 0; ; shift += 7 {
		b := d.byte()
		v |= int(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
}

func (d *explanationDecoder) string() string {
	n := d.count()
	s := d.text[d.off : d.off+n]
	d.off += n
	return s
}
