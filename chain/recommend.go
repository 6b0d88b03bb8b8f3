package chain

import (
	"fmt"
	"sort"
	"time"
)

// Endpoint is one server's search result under a name ("broker:8883").
type Endpoint struct {
	Name   string
	Result *Result
}

// Choice is one root to embed.
type Choice struct {
	Anchor *Cert `json:"anchor"`
	// Role is "primary" or "backup".
	Role string `json:"role"`
	// Covers names the endpoints it has a path to.
	Covers []string `json:"covers"`
	// Until is when it stops helping: the latest Until among its paths to
	// the endpoints it covers, taking the earliest across endpoints.
	Until time.Time `json:"until"`
	// Why says, in a sentence, why it is in the set.
	Why string `json:"why"`
}

// Pinning is an anchor that is not a root: trusting it works today and
// breaks at the next renewal or CA rotation.
type Pinning struct {
	Anchor *Cert  `json:"anchor"`
	Kind   string `json:"kind"`
	Why    string `json:"why"`
}

// Recommendation says which roots to embed.
type Recommendation struct {
	// Minimal is the smallest set of roots (found greedily) with a valid
	// path to every endpoint that has one.
	Minimal []*Choice `json:"minimal"`
	// RotationSafe is Minimal plus, per endpoint, a backup root on a
	// different path (a cross-signed twin), so that one root's expiry or
	// distrust does not take the device off the air.
	RotationSafe []*Choice `json:"rotation_safe"`
	// Uncovered names endpoints with no valid path to any anchor.
	Uncovered []string `json:"uncovered,omitempty"`
	// NoBackup names endpoints for which no second root was seen.
	NoBackup []string `json:"no_backup,omitempty"`
	// Pinned lists non-root anchors in use, with why pinning them breaks.
	Pinned []*Pinning `json:"pinned,omitempty"`
}

// Recommend chooses roots for a set of endpoints. Only paths valid at
// their search's instant count, and only paths to a root (an intermediate
// or leaf anchor is reported in Pinned, never recommended).
func Recommend(eps []Endpoint) *Recommendation {
	rec := &Recommendation{}
	// For each root fingerprint: the endpoints it covers and until when.
	type cover struct {
		anchor *Cert
		until  map[string]time.Time
	}
	covers := map[string]*cover{}
	var order []string
	pinSeen := map[string]bool{}
	for _, ep := range eps {
		for _, p := range ep.Result.Paths {
			if p.AnchorKind != "root" {
				if !pinSeen[p.Anchor.SHA256] {
					pinSeen[p.Anchor.SHA256] = true
					rec.Pinned = append(rec.Pinned, pinning(p))
				}
				continue
			}
			if !p.Valid {
				continue
			}
			cv, ok := covers[p.Anchor.SHA256]
			if !ok {
				cv = &cover{anchor: p.Anchor, until: map[string]time.Time{}}
				covers[p.Anchor.SHA256] = cv
				order = append(order, p.Anchor.SHA256)
			}
			if p.Until.After(cv.until[ep.Name]) {
				cv.until[ep.Name] = p.Until
			}
		}
	}
	need := map[string]bool{}
	for _, ep := range eps {
		need[ep.Name] = true
	}
	for _, ep := range eps {
		found := false
		for _, cv := range covers {
			if _, ok := cv.until[ep.Name]; ok {
				found = true
			}
		}
		if !found {
			rec.Uncovered = append(rec.Uncovered, ep.Name)
			delete(need, ep.Name)
		}
	}
	choice := func(cv *cover, role string, names []string) *Choice {
		c := &Choice{Anchor: cv.anchor, Role: role}
		for _, n := range names {
			if _, ok := cv.until[n]; ok {
				c.Covers = append(c.Covers, n)
				if c.Until.IsZero() || cv.until[n].Before(c.Until) {
					c.Until = cv.until[n]
				}
			}
		}
		return c
	}
	names := func() []string {
		var out []string
		for _, ep := range eps {
			out = append(out, ep.Name)
		}
		return out
	}()
	// Greedy set cover: most endpoints still needed, then longest-lived,
	// then smallest (it is flash on the device).
	used := map[string]bool{}
	for len(need) > 0 {
		best, bestN, bestUntil := "", 0, time.Time{}
		for _, fp := range order {
			if used[fp] {
				continue
			}
			cv := covers[fp]
			n, until := 0, time.Time{}
			for name, u := range cv.until {
				if need[name] {
					n++
					if until.IsZero() || u.Before(until) {
						until = u
					}
				}
			}
			if n == 0 {
				continue
			}
			if n > bestN || n == bestN && until.After(bestUntil) ||
				n == bestN && until.Equal(bestUntil) && cv.anchor.Bytes < covers[best].anchor.Bytes {
				best, bestN, bestUntil = fp, n, until
			}
		}
		if best == "" {
			break
		}
		used[best] = true
		c := choice(covers[best], "primary", names)
		c.Why = fmt.Sprintf("a valid path from %d of %d endpoint(s) ends here", len(c.Covers), len(eps))
		rec.Minimal = append(rec.Minimal, c)
		for name := range covers[best].until {
			delete(need, name)
		}
	}
	rec.RotationSafe = append(rec.RotationSafe, rec.Minimal...)
	// A backup per endpoint: another root, longest-lived first.
	for _, ep := range eps {
		switch countCovering(rec.RotationSafe, ep.Name) {
		case 0:
			continue // uncovered: said in Uncovered
		case 1:
		default:
			continue // two roots already cover it
		}
		var cands []string
		for _, fp := range order {
			if _, ok := covers[fp].until[ep.Name]; ok && !used[fp] {
				cands = append(cands, fp)
			}
		}
		if len(cands) == 0 {
			rec.NoBackup = append(rec.NoBackup, ep.Name)
			continue
		}
		sort.SliceStable(cands, func(i, j int) bool {
			return covers[cands[i]].until[ep.Name].After(covers[cands[j]].until[ep.Name])
		})
		used[cands[0]] = true
		c := choice(covers[cands[0]], "backup", names)
		c.Why = fmt.Sprintf("a second path from %s ends here (a cross-signed twin): the device keeps working if the primary root expires or is distrusted first", ep.Name)
		rec.RotationSafe = append(rec.RotationSafe, c)
	}
	return rec
}

func countCovering(cs []*Choice, name string) int {
	n := 0
	for _, c := range cs {
		for _, cv := range c.Covers {
			if cv == name {
				n++
			}
		}
	}
	return n
}

func pinning(p *Path) *Pinning {
	a := p.Anchor
	if p.AnchorKind == "leaf" {
		return &Pinning{Anchor: a, Kind: "leaf", Why: fmt.Sprintf(
			"the server's own certificate (%s) is the trust anchor: it works until the server renews it (it expires %s, and most CAs renew every 60 to 90 days, often earlier), and then every device stops connecting with NOT_TRUSTED; embed the root instead",
			a.Subject, a.NotAfter.Format("2006-01-02"))}
	}
	return &Pinning{Anchor: a, Kind: "intermediate", Why: fmt.Sprintf(
		"an intermediate (%s) is the trust anchor: the CA can switch the server to another intermediate at any renewal (Let's Encrypt rotates among several), and it expires %s; embed the root it chains to",
		a.Subject, a.NotAfter.Format("2006-01-02"))}
}
