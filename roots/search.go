package roots

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// How a search hit was found.
const (
	ByName   = "name"
	BySHA256 = "sha256"
	BySKI    = "ski"
)

// Match is one root a search found.
type Match struct {
	Root *Root
	// By says what matched: ByName, BySHA256 or BySKI.
	By string
	// Score ranks matches: higher is closer.
	Score int
}

// KnownRoot is a root that the calendar names but no searched store
// carries: DST Root CA X3, Baltimore CyberTrust Root. A device may still
// embed it, so a search for it must say what became of it.
type KnownRoot struct {
	Ref    RootRef
	Events []Event
}

// Result is what a search found.
type Result struct {
	Query   string
	Matches []Match
	// Known lists calendar roots matching the query that are in none of
	// the searched stores.
	Known []KnownRoot
}

// Set is the stores a search or a lookup covers, the bundle usually first.
type Set struct {
	Stores []*Store
}

// NewSet returns a set of the bundled store and the given user stores.
func NewSet(user ...*Store) *Set {
	return &Set{Stores: append([]*Store{Bundled()}, user...)}
}

// Search searches the bundled store; see Set.Search.
func Search(query string) *Result { return NewSet().Search(query) }

// Search finds roots by subject words, SHA-256 fingerprint or SKI.
// Words match case-insensitively, each query word against a word of the
// subject's CN, OU or O: exactly, as a prefix ("digi"), or with one typo
// in words of five letters or more ("baltimor"). A query of hex digits
// (colons and spaces allowed, four digits at least) also matches
// fingerprints and SKIs by prefix. Closer matches come first: a hex hit,
// then the subject with the fewest words the query did not name.
func (s *Set) Search(query string) *Result {
	res := &Result{Query: query}
	q := tokens(query)
	hex, isHex := hexQuery(query)
	for _, st := range s.Stores {
		for _, r := range st.Roots {
			switch {
			case isHex && strings.HasPrefix(r.Fingerprint(), hex):
				res.Matches = append(res.Matches, Match{Root: r, By: BySHA256, Score: 1000})
			case isHex && r.SKI() != "" && strings.HasPrefix(r.SKI(), hex):
				res.Matches = append(res.Matches, Match{Root: r, By: BySKI, Score: 900})
			default:
				if sc, ok := nameScore(q, r.searchWords()); ok {
					res.Matches = append(res.Matches, Match{Root: r, By: ByName, Score: sc})
				}
			}
		}
	}
	sort.SliceStable(res.Matches, func(i, j int) bool { return res.Matches[i].Score > res.Matches[j].Score })
	res.Known = s.known(q, hex, isHex)
	return res
}

// known returns the calendar's roots that match and that no store holds.
func (s *Set) known(q []string, hex string, isHex bool) []KnownRoot {
	held := map[string]bool{}
	heldName := map[string]bool{}
	for _, st := range s.Stores {
		for _, r := range st.Roots {
			held[r.Fingerprint()] = true
			heldName[strings.ToLower(r.Name())] = true
		}
	}
	var out []KnownRoot
	seen := map[string]bool{}
	for _, e := range calendar() {
		for _, ref := range e.Roots {
			key := ref.SHA256 + "|" + ref.Subject
			if seen[key] || held[ref.SHA256] || (ref.SHA256 == "" && heldName[strings.ToLower(ref.Subject)]) {
				continue
			}
			_, byName := nameScore(q, tokens(ref.Subject))
			byHex := isHex && ref.SHA256 != "" && strings.HasPrefix(ref.SHA256, hex)
			if !byName && !byHex {
				continue
			}
			seen[key] = true
			kr := KnownRoot{Ref: ref}
			for _, e2 := range calendar() {
				for _, r2 := range e2.Roots {
					if r2 == ref {
						kr.Events = append(kr.Events, e2)
						break
					}
				}
			}
			out = append(out, kr)
		}
	}
	return out
}

// NotFoundError is returned by Find when no root matches.
type NotFoundError struct {
	ID string
	// Known is set when the calendar knows the root though no store holds it.
	Known []KnownRoot
}

func (e *NotFoundError) Error() string {
	if len(e.Known) > 0 {
		return fmt.Sprintf("%q is not in the searched stores (the calendar knows %s)", e.ID, e.Known[0].Ref.Subject)
	}
	return fmt.Sprintf("no root matches %q", e.ID)
}

// AmbiguousError is returned by Find when more than one root matches
// equally well; Candidates lists them, best first.
type AmbiguousError struct {
	ID         string
	Candidates []*Root
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d roots: give more of the name or a fingerprint prefix", e.ID, len(e.Candidates))
}

// Find returns the one root id names: a SHA-256 fingerprint (prefix), an
// SKI, or a name that picks out a single root. A name that matches one
// root's whole subject name exactly wins over partial matches of others
// ("DigiCert Global Root G2" is not ambiguous with "... G3"); otherwise
// several name matches are ambiguous, even when one ranks higher, since
// showing the wrong root's bytes is worse than asking again.
func (s *Set) Find(id string) (*Root, error) {
	res := s.Search(id)
	if len(res.Matches) == 0 {
		return nil, &NotFoundError{ID: id, Known: res.Known}
	}
	if len(res.Matches) == 1 {
		return res.Matches[0].Root, nil
	}
	for _, m := range res.Matches {
		if m.By == ByName && strings.EqualFold(strings.Join(tokens(id), " "), strings.Join(tokens(m.Root.Name()), " ")) {
			return m.Root, nil
		}
	}
	all := make([]*Root, len(res.Matches))
	for i, m := range res.Matches {
		all[i] = m.Root
	}
	return nil, &AmbiguousError{ID: id, Candidates: all}
}

func (r *Root) searchWords() []string {
	if r.words == nil {
		return rootWords(r)
	}
	return r.words
}

// tokens splits s into lower-case words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// rootWords are the words a root is searched by: its CN, OUs and Os.
func rootWords(r *Root) []string {
	s := r.Cert.Subject
	parts := append([]string{s.CommonName}, s.OrganizationalUnit...)
	parts = append(parts, s.Organization...)
	return tokens(strings.Join(parts, " "))
}

// nameScore matches every query word against the words; ok is false when
// one query word matches nothing. The score rewards exact words over
// prefixes over typos, and penalises subject words the query left out, so
// "digicert g2" ranks "DigiCert Global Root G2" above "DigiCert Assured ID
// Root G2".
func nameScore(q, words []string) (score int, ok bool) {
	if len(q) == 0 {
		return 0, false
	}
	used := make([]bool, len(words))
	for _, t := range q {
		best, at := 0, -1
		for i, w := range words {
			if used[i] {
				continue
			}
			var sc int
			switch {
			case w == t:
				sc = 30
			case strings.HasPrefix(w, t):
				sc = 20
			case len(t) >= 5 && len(w) >= 5 && withinOneEdit(t, w):
				sc = 10
			}
			if sc > best {
				best, at = sc, i
			}
		}
		if at < 0 {
			return 0, false
		}
		used[at] = true
		score += best
	}
	for _, u := range used {
		if !u {
			score--
		}
	}
	return score, true
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion or substitution.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i:] == b[i+1:]
}

// hexQuery returns the query as lower-case hex when it is one: at least
// four hex digits once colons, spaces and dashes are removed.
func hexQuery(q string) (string, bool) {
	var b strings.Builder
	for _, c := range strings.ToLower(q) {
		switch {
		case c == ':' || c == ' ' || c == '-':
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
			b.WriteRune(c)
		default:
			return "", false
		}
	}
	if b.Len() < 4 {
		return "", false
	}
	return b.String(), true
}
