package lazy

import (
	"sync"
	"testing"
)

func TestBuildsOnceAcrossGoroutines(t *testing.T) {
	var v Value[[]int]
	var calls int
	var mu sync.Mutex
	build := func() []int {
		mu.Lock()
		calls++
		mu.Unlock()
		return []int{1, 2, 3}
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := v.Get(build); len(got) != 3 || got[2] != 3 {
				t.Errorf("Get = %v", got)
			}
		}()
	}
	wg.Wait()
	if calls != 1 {
		t.Fatalf("build ran %d times, want 1", calls)
	}
}

var pkgLevel Value[map[string]int]

func buildPkgLevel() map[string]int { return map[string]int{"a": 1} }

func TestGetDoesNotAllocateAfterFirst(t *testing.T) {
	pkgLevel.Get(buildPkgLevel)
	if n := testing.AllocsPerRun(100, func() { _ = pkgLevel.Get(buildPkgLevel)["a"] }); n != 0 {
		t.Fatalf("Get allocates %v times per call after the first", n)
	}
}
